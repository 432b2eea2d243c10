/**
 * Renewals made while the server could not be reached: stored durably, replayed when the
 * server may be back — Background Sync, the SW starting, the page's replay-renewals message (app
 * start, online, focus, visible, login), any 2xx answer the SW sees — each with its original
 * Idempotency-Key so a replay never renews twice ([docs/rules.md#offline](../docs/rules.md#offline)). When replays run is
 * replay-scheduler.ts (one at a time, requests close together share one); what each answer means
 * is queue-decision.ts. The replay's own requests carry X-Shiori-Background: they are not the
 * patron's activity.
 */
/// <reference lib="webworker" />
import type { SessionInfo } from '../common/api.ts';
import { BACKGROUND_HEADER, BACKGROUND_HEADER_VALUE, IDEMPOTENCY_HEADER } from '../common/offline.ts';
import { db, type QueuedRenewal } from './db.ts';
import { failureOutcome, readAnswer } from './network-outcome.ts';
import { networkPolicy } from './network-policy.ts';
import { broadcast } from './page-messages.ts';
import { decideReplay } from './queue-decision.ts';
import { reachability, type NetworkOutcome } from './reachability.ts';
import { ReplayScheduler } from './replay-scheduler.ts';
import { rememberPatron, updateSnapshot, lastPatronId } from './snapshot-store.ts';
import { withRenewedLoan } from './offline-answers.ts';

declare const self: ServiceWorkerGlobalScope;

/** Background Sync tag (fire it with CDP ServiceWorker.dispatchSyncEvent in tests). */
export const RENEWAL_SYNC_TAG = 'shiori-renewals';

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

const scheduler = new ReplayScheduler(replayOnce, networkPolicy.replayDebounceMs);

/** Sends the logged-in patron's queued renewals shortly (requests close together share one replay). */
export function replaySoon(): Promise<ReplayReport> {
  return scheduler.soon();
}

/** Sends them as soon as no other replay runs (Background Sync: the browser already waited). */
export function replayNow(): Promise<ReplayReport> {
  return scheduler.now();
}

async function replayOnce(): Promise<ReplayReport> {
  const queuedFor = await lastPatronId();
  const queued = await db.renewals.orderBy('queuedAt').toArray();
  // Only the patron last seen logged in can send anything: with nothing of theirs waiting, not even
  // the session is asked (a replay is requested on every 2xx answer).
  if (!queued.some((e) => e.patronId === queuedFor)) return { sent: 0, waitingForConnection: false };

  const session = await whoIsLoggedIn();
  if (session === 'offline') return { sent: 0, waitingForConnection: true };
  if (session === 'nobody') {
    // The session expired: everything stays queued; the patron last seen is told to log in again.
    for (const e of queued) if (e.patronId === queuedFor) await broadcast({ type: 'renewal-needs-login', patronId: e.patronId, loanId: e.loanId });
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
      const { code, message, params } = decision;
      await broadcast({ type: 'renewal-settled', patronId, loanId: entry.loanId, ok: false, code, message, ...(params ? { params } : {}) });
    }
  }
  if (waitingForConnection) await requestBackgroundSync();
  return { sent, waitingForConnection };
}

async function whoIsLoggedIn(): Promise<SessionInfo | 'nobody' | 'offline'> {
  const outcome = await backgroundFetch('/api/session', { method: 'GET' });
  if (outcome.kind !== 'answer' || !reachability(outcome).reachable) return 'offline';
  if (outcome.status === 401) return 'nobody';
  const body = outcome.body as Partial<SessionInfo> | null;
  return outcome.status === 200 && typeof body?.patron?.id === 'string' ? (body as SessionInfo) : 'offline';
}

function send(entry: QueuedRenewal): Promise<NetworkOutcome> {
  const headers: Record<string, string> = { [IDEMPOTENCY_HEADER]: entry.idempotencyKey };
  if (entry.acceptLanguage) headers['Accept-Language'] = entry.acceptLanguage;
  return backgroundFetch(entry.url, { method: 'POST', headers });
}

/** A request the SW makes on its own: marked as such, never cached, given up after the replay timeout. */
async function backgroundFetch(url: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string> }): Promise<NetworkOutcome> {
  const headers = { ...init.headers, [BACKGROUND_HEADER]: BACKGROUND_HEADER_VALUE };
  try {
    const res = await fetch(url, {
      method: init.method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(networkPolicy.replayRequestTimeoutSeconds * 1000),
    });
    return await readAnswer(res);
  } catch (error) {
    return failureOutcome(error);
  }
}
