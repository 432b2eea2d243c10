/**
 * The contract between the page and the service worker for offline use ([docs/rules.md#offline](../docs/rules.md#offline),
 * [#kiosk-mode](../docs/rules.md#kiosk-mode)).
 * The page talks to the API with plain fetch; the SW answers for the network when it is gone.
 */

/** Request header the page sends on every API call in kiosk mode: the SW then stores nothing. */
export const KIOSK_HEADER = 'X-Shiori-Kiosk';

/**
 * Response header the SW adds when it answers GET /api/account from the stored snapshot.
 * Value: the snapshot's capture instant (ISO 8601).
 */
export const OFFLINE_HEADER = 'X-Shiori-Offline';

/**
 * Why the library could not be reached, beside {@link OFFLINE_HEADER} on every answer the SW makes
 * in the server's place (value: an {@link OfflineReason}). The banner words it.
 */
export const OFFLINE_REASON_HEADER = 'X-Shiori-Offline-Reason';

/**
 * - `no-connection`: the device itself is offline (the request failed and `navigator.onLine` is false).
 * - `server-not-answering`: the device is online but the library's server did not answer: the request
 *   failed, timed out, or a proxy answered in its place (502 / 503 / 504, or a page that is not JSON).
 */
export type OfflineReason = 'no-connection' | 'server-not-answering';

/**
 * Request header on every request the SW makes on its own (the replay's GET /api/session and the
 * renewals it sends): the server must not count them as the patron's activity (the idle timeout
 * runs from the patron's own last request). Value: {@link BACKGROUND_HEADER_VALUE}.
 */
export const BACKGROUND_HEADER = 'X-Shiori-Background';
export const BACKGROUND_HEADER_VALUE = '1';

/** Header on every renew request: a replay with the same key never renews twice. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * When a renewal cannot reach the server the SW stores it and answers
 * 202 with this body. The row shows 送信待ち until a {@link RenewalSettled} message arrives.
 */
export interface RenewalQueued {
  queued: true;
  loanId: string;
}

/** In an offline snapshot, loans with a queued renewal carry `pendingRenewal: true`. */
export interface PendingMark {
  pendingRenewal?: boolean;
}

/** Messages the SW posts to its pages. */
export type SwToPage =
  | { type: 'renewal-settled'; patronId: string; loanId: string; ok: true; loan: unknown }
  /** Refused: the server's code, its message, and the refusal's parameters when it sent any (common/refusals.ts). */
  | { type: 'renewal-settled'; patronId: string; loanId: string; ok: false; code: string; message: string; params?: Record<string, unknown> }
  | { type: 'renewal-needs-login'; patronId: string; loanId: string }
  /**
   * GET /api/account was answered from the snapshot (the server was too slow), and the server's own
   * answer came after all: here it is (pending renewals marked), so the page can show it and drop the banner.
   */
  | { type: 'account-updated'; patronId: string; snapshot: unknown };

/** Messages a page posts to the SW. */
export type PageToSw =
  /**
   * The app started, or the connection may be back (online / focus / visible / after login): send
   * the queue if anything waits. The SW asks GET /api/session who is logged in and sends only that
   * patron's queued renewals.
   */
  | { type: 'replay-renewals' }
  /** Forget everything stored for this patron (logout). */
  | { type: 'forget-patron'; patronId: string }
  /** Forget everything personal (kiosk wipe). */
  | { type: 'forget-all' }
  /** Reply port gets { count } */
  | { type: 'pending-count'; patronId: string };

/**
 * DOM events the page-side bridge (client/pwa/) dispatches on `window` for SW messages, so pages
 * need not import the bridge: `shiori:renewal-settled`, `shiori:renewal-needs-login` and
 * `shiori:account-updated` (detail: the SwToPage message).
 */
export const RENEWAL_SETTLED_EVENT = 'shiori:renewal-settled';
export const RENEWAL_NEEDS_LOGIN_EVENT = 'shiori:renewal-needs-login';
export const ACCOUNT_UPDATED_EVENT = 'shiori:account-updated';
