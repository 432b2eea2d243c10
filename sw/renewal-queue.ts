/**
 * Renewals made while the server could not be reached: stored durably, replayed when the
 * connection may be back (Background Sync, SW start, the page's replay-renewals message), each
 * with its original Idempotency-Key so a replay never renews twice (SPEC §4).
 */
/// <reference lib="webworker" />
import type { SessionInfo } from '../common/api.ts';
import { IDEMPOTENCY_HEADER } from '../common/offline.ts';
import { db, type QueuedRenewal } from './db.ts';
import { broadcast } from './page-messages.ts';
import { decideReplay, type ReplayOutcome } from './queue-decision.ts';
import { rememberPatron, updateSnapshot, lastPatronId } from './snapshot-store.ts';
import { withRenewedLoan } from './offline-answers.ts';

declare const self: ServiceWorkerGlobalScope;

/** Background Sync tag (fire it with CDP ServiceWorker.dispatchSyncEvent in tests). */
export const RENEWAL_SYNC_TAG = 'shiori-renewals';

/** A replay request that hangs (captive portal, dying link) counts as "no connection" after this. */
const REPLAY_TIMEOUT_MS = 15_000;

/**
 * Stores a renewal for later. One entry per patron and loan: asking again while one waits keeps
 * the first (and its key).
 */
export async function enqueueRenewal(entry: QueuedRenewal): Promise<void> {
  await db.transaction('rw', db.renewals, async () => {
    const waiting = await db.renewals.where('[patronId+loanId]').equals([entry.patronId, entry.loanId]).count();
    if (waiting === 0) await db.renewals.put(entry);
  });
  await requestBackgroundSync();
}

/** Ids of the loans this patron has a queued renewal for. */
export async function pendingLoanIds(patronId: string): Promise<Set<string>> {
  const entries = await db.renewals.where('patronId').equals(patronId).toArray();
  return new Set(entries.map((e) => e.loanId));
}

export async function pendingCount(patronId: string): Promise<number> {
  return db.renewals.where('patronId').equals(patronId).count();
}

/** Asks the browser to fire `sync` when it is online again (no-op where there is no Background Sync). */
async function requestBackgroundSync(): Promise<void> {
  const registration = self.registration as ServiceWorkerRegistration & {
    sync?: { register(tag: string): Promise<void> };
  };
  try {
    await registration.sync?.register(RENEWAL_SYNC_TAG);
  } catch {
    // Background Sync can be refused (permissions, no window): the other replay triggers remain.
  }
}

/** What a replay left behind: whether something still waits for the connection (worth a sync retry). */
export interface ReplayReport {
  sent: number;
  waitingForConnection: boolean;
}

let running: Promise<ReplayReport> | null = null;
let again = false;

/** Sends the logged-in patron's queued renewals. Concurrent calls share one run (plus one more after it). */
export function replayRenewals(): Promise<ReplayReport> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    let report: ReplayReport;
    do {
      again = false;
      report = await replayOnce();
    } while (again);
    return report;
  })().finally(() => {
    running = null;
  });
  return running;
}

async function replayOnce(): Promise<ReplayReport> {
  const queued = await db.renewals.orderBy('queuedAt').toArray();
  if (queued.length === 0) return { sent: 0, waitingForConnection: false };

  const session = await whoIsLoggedIn();
  if (session === 'offline') return { sent: 0, waitingForConnection: true };
  if (session === 'nobody') {
    // The session expired: everything stays queued; the patron last seen is told to log in again.
    const last = await lastPatronId();
    for (const e of queued) if (e.patronId === last) await broadcast({ type: 'renewal-needs-login', patronId: e.patronId, loanId: e.loanId });
    return { sent: 0, waitingForConnection: false };
  }
  if (session.kiosk) return { sent: 0, waitingForConnection: false };
  const patronId = session.patron.id;
  await rememberPatron(patronId);

  let sent = 0;
  let waitingForConnection = false;
  // Only this patron's entries: another patron's queue is never sent from this session.
  for (const entry of queued.filter((e) => e.patronId === patronId)) {
    const decision = decideReplay(await send(entry));
    if (decision.action === 'keep') {
      if (decision.until === 'login') {
        await broadcast({ type: 'renewal-needs-login', patronId, loanId: entry.loanId });
        break;
      }
      waitingForConnection = true;
      if (decision.until === 'connection') break;
      continue;
    }
    await db.renewals.delete(entry.idempotencyKey);
    sent++;
    if (decision.ok) {
      await updateSnapshot(patronId, (s) => withRenewedLoan(s, decision.loan));
      await broadcast({ type: 'renewal-settled', patronId, loanId: entry.loanId, ok: true, loan: decision.loan });
    } else {
      await broadcast({ type: 'renewal-settled', patronId, loanId: entry.loanId, ok: false, code: decision.code, message: decision.message });
    }
  }
  if (waitingForConnection) await requestBackgroundSync();
  return { sent, waitingForConnection };
}

async function whoIsLoggedIn(): Promise<SessionInfo | 'nobody' | 'offline'> {
  try {
    const res = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store', signal: AbortSignal.timeout(REPLAY_TIMEOUT_MS) });
    if (res.status === 401) return 'nobody';
    if (!res.ok) return 'offline';
    const body = (await res.json()) as SessionInfo;
    return typeof body?.patron?.id === 'string' ? body : 'offline';
  } catch {
    return 'offline';
  }
}

async function send(entry: QueuedRenewal): Promise<ReplayOutcome> {
  const headers: Record<string, string> = { [IDEMPOTENCY_HEADER]: entry.idempotencyKey };
  if (entry.acceptLanguage) headers['Accept-Language'] = entry.acceptLanguage;
  let res: Response;
  try {
    res = await fetch(entry.url, { method: 'POST', headers, credentials: 'same-origin', cache: 'no-store', signal: AbortSignal.timeout(REPLAY_TIMEOUT_MS) });
  } catch {
    return { kind: 'network-error' };
  }
  const body: unknown = await res.json().catch(() => null);
  return { kind: 'response', status: res.status, body };
}
