/**
 * The SW's own answers when the server cannot be reached ([docs/rules.md#offline](../docs/rules.md#offline),
 * [#kiosk-mode](../docs/rules.md#kiosk-mode)). Pure: decisions and response bodies only;
 * sw/api-routes.ts turns them into Responses. Their words come from the one catalogue
 * (common/wording/), in the language the page asked for.
 */
import type { AccountSnapshot, ApiError, LibraryInfo, SessionInfo } from '../common/api.ts';
import type { PendingMark } from '../common/offline.ts';
import type { RefusalOf } from '../common/refusals.ts';
import { refusalMessage, wordingLanguage } from '../common/wording/index.ts';

/** A stored snapshot: what the page last saw for one patron, and when the server produced it. */
export interface StoredSnapshot {
  patronId: string;
  capturedAt: string;
  snapshot: AccountSnapshot;
}

/** What the device keeps, as read at once (sw/offline-copies.ts). */
export interface DeviceCopies {
  /** The patron last seen logged in on this device. */
  lastPatronId: string | null;
  /** The last session seen was a kiosk session. */
  kioskSession: boolean;
  /** The last GET /api/library answer kept (nothing personal). */
  library: StoredLibrary | undefined;
  /** The snapshot stored for `lastPatronId`. */
  stored: StoredSnapshot | undefined;
  /** `lastPatronId`'s loans with a queued renewal. */
  pendingLoanIds: ReadonlySet<string>;
}

/** What of the device's copies an answer in the server's place may use: nothing personal in kiosk mode. */
export function copiesToServe(kiosk: boolean, copies: DeviceCopies): Pick<DeviceCopies, 'lastPatronId' | 'stored' | 'pendingLoanIds'> {
  if (kiosk) return { lastPatronId: null, stored: undefined, pendingLoanIds: new Set() };
  return { lastPatronId: copies.lastPatronId, stored: copies.stored, pendingLoanIds: copies.pendingLoanIds };
}

/** The idle timeout of the kept policy (GET /api/library), or null when none is kept. */
export function keptIdleTimeoutSeconds(copies: Pick<DeviceCopies, 'library'>): number | null {
  return copies.library?.info.policy.idleTimeoutSeconds.normal ?? null;
}

export interface JsonAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What the SW could not do in the server's place. */
export type OfflineReason = 'no-snapshot' | 'kiosk-account' | 'kiosk-renewal' | 'no-patron';

/** Each reason as the refusal the page words (common/refusals.ts `offline`). */
const REFUSALS: Record<OfflineReason, RefusalOf<'offline'>> = {
  'no-snapshot': { code: 'offline', action: 'account', sharedDevice: false },
  'kiosk-account': { code: 'offline', action: 'account', sharedDevice: true },
  'kiosk-renewal': { code: 'offline', action: 'renewal', sharedDevice: true },
  'no-patron': { code: 'offline', action: 'renewal', sharedDevice: false },
};

/**
 * A 503 `{ error }` body: the refusal's code and parameters (the page words them itself, in kids'
 * Japanese too) and its message in the language the page asked for (English for `Accept-Language: en`).
 */
export function offlineError(reason: OfflineReason, acceptLanguage: string | null): JsonAnswer {
  const { code, ...params } = REFUSALS[reason];
  const message = refusalMessage(REFUSALS[reason], wordingLanguage(acceptLanguage));
  const body: ApiError = { error: { code, message, ...params } };
  return { status: 503, headers: { 'Cache-Control': 'no-store' }, body };
}

/** The snapshot with `pendingRenewal: true` on every loan that has a queued renewal. */
export function markPendingRenewals(
  snapshot: AccountSnapshot,
  pendingLoanIds: ReadonlySet<string>,
): AccountSnapshot & { loans: (AccountSnapshot['loans'][number] & PendingMark)[] } {
  return {
    ...snapshot,
    loans: snapshot.loans.map((loan) => (pendingLoanIds.has(loan.id) ? { ...loan, pendingRenewal: true } : loan)),
  };
}

/**
 * GET /api/account with no network. Only the snapshot of the patron last seen logged in on this
 * device is ever served (never another patron's, whatever is still stored), and nothing in kiosk mode.
 */
export function offlineAccountAnswer(input: {
  kiosk: boolean;
  lastPatronId: string | null;
  stored: StoredSnapshot | undefined;
  pendingLoanIds: ReadonlySet<string>;
  acceptLanguage: string | null;
  offlineHeader: string;
}): JsonAnswer {
  if (input.kiosk) return offlineError('kiosk-account', input.acceptLanguage);
  const { stored, lastPatronId } = input;
  if (!lastPatronId || !stored || stored.patronId !== lastPatronId || stored.snapshot.patron.id !== lastPatronId) {
    return offlineError('no-snapshot', input.acceptLanguage);
  }
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', [input.offlineHeader]: stored.capturedAt },
    body: markPendingRenewals(stored.snapshot, input.pendingLoanIds),
  };
}

/**
 * The snapshot worth storing from a successful GET /api/account body, or null when the body is not
 * one (then nothing is stored). The capture time is the server's `asOf` (the library clock), so the
 * banner agrees with the dates the page shows.
 */
export function snapshotToStore(body: unknown, fallbackNow: string): StoredSnapshot | null {
  if (typeof body !== 'object' || body === null) return null;
  const snapshot = body as AccountSnapshot;
  const patronId = snapshot.patron?.id;
  if (typeof patronId !== 'string' || patronId === '' || !Array.isArray(snapshot.loans)) return null;
  const asOf = typeof snapshot.asOf === 'string' && !Number.isNaN(Date.parse(snapshot.asOf)) ? snapshot.asOf : fallbackNow;
  return { patronId, capturedAt: asOf, snapshot };
}

/** The stored snapshot with one loan replaced by the server's answer to its renewal. */
export function withRenewedLoan(stored: StoredSnapshot, loan: unknown): StoredSnapshot {
  if (typeof loan !== 'object' || loan === null || typeof (loan as { id?: unknown }).id !== 'string') return stored;
  const renewed = loan as AccountSnapshot['loans'][number];
  return {
    ...stored,
    snapshot: { ...stored.snapshot, loans: stored.snapshot.loans.map((l) => (l.id === renewed.id ? renewed : l)) },
  };
}

/**
 * GET /api/session with no network: the patron of the snapshot that would be served, so the app
 * can start offline on any route (marked with X-Shiori-Offline like the snapshot); otherwise 503.
 */
export function offlineSessionAnswer(input: {
  kiosk: boolean;
  lastPatronId: string | null;
  stored: StoredSnapshot | undefined;
  /** The idle timeout of the kept policy (GET /api/library); null when none is kept. */
  idleTimeoutSeconds: number | null;
  acceptLanguage: string | null;
  offlineHeader: string;
}): JsonAnswer {
  const account = offlineAccountAnswer({ ...input, pendingLoanIds: new Set() });
  if (account.status !== 200 || !input.stored) return account;
  if (input.idleTimeoutSeconds === null) return offlineError('no-snapshot', input.acceptLanguage);
  const session: SessionInfo = { patron: input.stored.snapshot.patron, kiosk: false, idleTimeoutSeconds: input.idleTimeoutSeconds };
  return { ...account, body: session };
}

/** The last GET /api/library answer, kept for offline starts (nothing in it is personal). */
export interface StoredLibrary {
  capturedAt: string;
  info: LibraryInfo;
}

/**
 * The library answer worth keeping from a successful GET /api/library body, or null when it is not
 * one. Only answers to pages that are not in kiosk mode are kept: their `kiosk` is the server's own
 * (KIOSK=1) and not the asking page's.
 */
export function libraryToStore(body: unknown, now: string): StoredLibrary | null {
  if (typeof body !== 'object' || body === null) return null;
  const info = body as Partial<LibraryInfo>;
  if (typeof info.today !== 'string' || !Array.isArray(info.branches) || typeof info.policy !== 'object' || info.policy === null) return null;
  if (!Array.isArray(info.policy.branches) || typeof info.policy.renewal !== 'object') return null;
  return { capturedAt: now, info: info as LibraryInfo };
}

/**
 * GET /api/library with no network: the kept answer (marked with its capture time), kiosk for a
 * kiosk page whatever was kept; a 503 when nothing is kept.
 */
export function offlineLibraryAnswer(input: {
  kept: StoredLibrary | undefined;
  kiosk: boolean;
  acceptLanguage: string | null;
  offlineHeader: string;
}): JsonAnswer {
  if (!input.kept) return offlineError('no-snapshot', input.acceptLanguage);
  const info: LibraryInfo = { ...input.kept.info, kiosk: input.kept.info.kiosk || input.kiosk };
  return { status: 200, headers: { 'Cache-Control': 'no-store', [input.offlineHeader]: input.kept.capturedAt }, body: info };
}
