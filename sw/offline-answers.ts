/**
 * The SW's own answers when the server cannot be reached (SPEC §4, §5). Pure: decisions and
 * response bodies only; sw/api-routes.ts turns them into Responses.
 */
import type { AccountSnapshot, ApiError, SessionInfo } from '../common/api.ts';
import type { PendingMark } from '../common/offline.ts';

/** A stored snapshot: what the page last saw for one patron, and when the server produced it. */
export interface StoredSnapshot {
  patronId: string;
  capturedAt: string;
  snapshot: AccountSnapshot;
}

export interface JsonAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type OfflineReason = 'no-snapshot' | 'kiosk-account' | 'kiosk-renewal' | 'no-patron';

const MESSAGES: Record<OfflineReason, { ja: string; en: string }> = {
  'no-snapshot': {
    ja: 'オフラインのため表示できません。接続が戻ってからもう一度お試しください。',
    en: 'You are offline and nothing is saved on this device. Try again when the connection is back.',
  },
  'kiosk-account': {
    ja: 'オフラインのため表示できません（共用端末には保存しません）。',
    en: 'You are offline. Shared devices keep no copy of your account.',
  },
  'kiosk-renewal': {
    ja: 'オフラインのため延長できません。共用端末では送信待ちにできません。接続が戻ってからもう一度お試しください。',
    en: 'You are offline. Renewals cannot be kept for later on a shared device: try again when the connection is back.',
  },
  'no-patron': {
    ja: 'オフラインのため延長できません。接続が戻ってからもう一度お試しください。',
    en: 'You are offline. Try again when the connection is back.',
  },
};

/** A 503 `{ error }` body in the language the page asked for (SPEC §7: English for `Accept-Language: en`). */
export function offlineError(reason: OfflineReason, acceptLanguage: string | null): JsonAnswer {
  const lang = acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'ja';
  const body: ApiError = { error: { code: 'offline', message: MESSAGES[reason][lang] } };
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
  idleTimeoutSeconds: number;
  acceptLanguage: string | null;
  offlineHeader: string;
}): JsonAnswer {
  const account = offlineAccountAnswer({ ...input, pendingLoanIds: new Set() });
  if (account.status !== 200 || !input.stored) return account;
  const session: SessionInfo = { patron: input.stored.snapshot.patron, kiosk: false, idleTimeoutSeconds: input.idleTimeoutSeconds };
  return { ...account, body: session };
}
