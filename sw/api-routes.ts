/**
 * The SW's answers for /api ([docs/rules.md#offline](../docs/rules.md#offline),
 * [#kiosk-mode](../docs/rules.md#kiosk-mode)). No /api response ever goes into Cache Storage, in any
 * mode: the copies kept are the account snapshot in IndexedDB (never in kiosk mode) and, beside it,
 * the last library answer (its policy and branches: nothing personal).
 * "Cannot reach the library" (no answer, no answer in time, a proxy's 502/503/504 or non-JSON
 * page) is decided by sw/reachability.ts for every route alike, through library-server-plugin.ts.
 *  - GET /api/account: network first (Workbox NetworkOnly with a timeout, the snapshot as its
 *    fallback); the snapshot of the patron last seen logged in when the library cannot be reached,
 *    and the server's late answer posted to the page when it comes after all.
 *  - POST /api/loans/:id/renew: NetworkOnly with a timeout; queued (202) when the library cannot be reached.
 *  - /api/session: network, watched to learn who is logged in on this device; when the library
 *    cannot be reached, GET answers with the patron of the snapshot that would be served, so the
 *    app starts offline on any route (its idle timeout from the kept policy).
 *  - GET /api/library: NetworkOnly with a timeout like the others (the kiosk start and every page's
 *    policy depend on it: on lie-fi it must not hang); a page's answer that is not a kiosk page's is
 *    kept, and served with the offline mark when the library cannot be reached, so the pages follow
 *    the library's policy offline too (e.g. the renewal window of the offline prediction).
 *  - everything else under /api: not routed, so the browser fetches it as if there were no SW.
 * Every answer given in the server's place carries X-Shiori-Offline-Reason.
 */
/// <reference lib="webworker" />
import { registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import type { RouteHandlerCallbackOptions } from 'workbox-core';
import type { SessionInfo } from '../common/api.ts';
import {
  BACKGROUND_HEADER,
  BACKGROUND_HEADER_VALUE,
  IDEMPOTENCY_HEADER,
  KIOSK_HEADER,
  OFFLINE_HEADER,
  OFFLINE_REASON_HEADER,
  type OfflineReason,
  type RenewalQueued,
} from '../common/offline.ts';
import { answerIsForKiosk, isKioskRequest } from './kiosk.ts';
import { libraryServerPlugin, type FallbackRequest, type ServerAnswer } from './library-server-plugin.ts';
import { networkPolicy } from './network-policy.ts';
import {
  copiesToServe,
  keptIdleTimeoutSeconds,
  libraryToStore,
  markPendingRenewals,
  offlineAccountAnswer,
  offlineError,
  offlineLibraryAnswer,
  offlineSessionAnswer,
  snapshotToStore,
  type DeviceCopies,
  type JsonAnswer,
  type StoredSnapshot,
} from './offline-answers.ts';
import { readDeviceCopies } from './offline-copies.ts';
import { broadcast } from './page-messages.ts';
import { mark } from './timing.ts';
import { enqueueRenewal, pendingLoanIds, replaySoon } from './renewal-queue.ts';
import {
  keepLibrary,
  keptLibrary,
  kioskSessionSeen,
  lastPatronId,
  rememberKioskSession,
  rememberPatron,
  saveLateSnapshot,
  saveSnapshot,
} from './snapshot-store.ts';

declare const self: ServiceWorkerGlobalScope;

const RENEW_PATH = /^\/api\/loans\/([^/]+)\/renew$/;

export function registerApiRoutes(): void {
  const sameOrigin = (url: URL) => url.origin === self.location.origin;
  registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/api/account', answerAccount, 'GET');
  registerRoute(({ url }) => sameOrigin(url) && RENEW_PATH.test(url.pathname), (o) => renewStrategy().handle(o), 'POST');
  registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/api/session', (o) => sessionStrategy().handle(o), 'GET');
  registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/api/library', (o) => libraryStrategy().handle(o), 'GET');
  for (const method of ['POST', 'DELETE'] as const) {
    registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/api/session', (o) => sessionChangeStrategy.handle(o), method);
  }
}

/** A 2xx from the server: anything queued can be sent now. */
function onServerAnswered(event: ExtendableEvent): void {
  event.waitUntil(replaySoon().catch(() => undefined));
}

// Strategies are built per request from the network policy, so a policy value read later applies
// at once (sw/network-policy.ts); building one is a few object allocations.

function accountStrategy(): NetworkOnly {
  return new NetworkOnly({
    networkTimeoutSeconds: networkPolicy.answerTimeoutSeconds,
    plugins: [libraryServerPlugin({ onAnswer: keepSnapshot, prepare: readForAccount, fallback: answerFromSnapshot, onServerAnswered })],
  });
}

function renewStrategy(): NetworkOnly {
  return new NetworkOnly({
    networkTimeoutSeconds: networkPolicy.answerTimeoutSeconds,
    plugins: [libraryServerPlugin({ fallback: queueRenewal, onServerAnswered })],
  });
}

function sessionStrategy(): NetworkOnly {
  return new NetworkOnly({
    networkTimeoutSeconds: networkPolicy.answerTimeoutSeconds,
    plugins: [libraryServerPlugin({ onAnswer: watchSession, fallback: sessionFromSnapshot, onServerAnswered })],
  });
}

function libraryStrategy(): NetworkOnly {
  return new NetworkOnly({
    networkTimeoutSeconds: networkPolicy.answerTimeoutSeconds,
    plugins: [libraryServerPlugin({ onAnswer: keepLibraryAnswer, fallback: libraryFromKept, onServerAnswered })],
  });
}

/** Login and logout: no timeout and no stand-in answer (they only mean something to the server). */
const sessionChangeStrategy = new NetworkOnly({ plugins: [libraryServerPlugin({ onAnswer: watchSession, onServerAnswered })] });

async function answerAccount(options: RouteHandlerCallbackOptions): Promise<Response> {
  mark('account-request');
  const response = await accountStrategy().handle(options);
  mark('account-answered');
  return response;
}

/**
 * A live account answer: kept as this patron's snapshot, queued renewals marked; posted to the page
 * if it came late. The page gets the answer before the snapshot is written (`keep`): only what
 * changes the answer (kiosk or not, the marks) is read first.
 */
async function keepSnapshot({ event, request, response, status, body, late, keep }: ServerAnswer): Promise<Response | undefined> {
  if (status !== 200 || answerIsForKiosk(response)) return undefined;
  const stored = snapshotToStore(body, new Date().toISOString());
  if (!stored) return undefined;
  if (late) {
    keep(keepLateSnapshot(event, request, stored));
    return undefined;
  }
  const [kiosk, pending] = await Promise.all([isKiosk(request, event), pendingLoanIds(stored.patronId)]);
  if (kiosk) return undefined;
  keep(saveSnapshot(stored));
  // Not among the kept writes: the replay an OK answer starts need not wait for this request.
  keepAlive(event, ensureLibraryKept().catch(() => undefined));
  // A renewal still queued for this patron stays marked, online too, until its replay settles it.
  if (pending.size === 0) return undefined;
  return jsonResponse({ status: 200, headers: copyHeaders(response), body: markPendingRenewals(stored.snapshot, pending) });
}

/** The server's answer after the page was given the snapshot (lie-fi): kept and posted to the page. */
async function keepLateSnapshot(event: ExtendableEvent, request: Request, stored: StoredSnapshot): Promise<void> {
  if (await isKiosk(request, event)) return;
  // Logged out (or someone else logged in) while it was on its way: neither kept nor shown.
  if (!(await saveLateSnapshot(stored))) return;
  const pending = await pendingLoanIds(stored.patronId);
  const snapshot = pending.size === 0 ? stored.snapshot : markPendingRenewals(stored.snapshot, pending);
  await broadcast({ type: 'account-updated', patronId: stored.patronId, snapshot });
  keepAlive(event, ensureLibraryKept().catch(() => undefined));
}

/** What an answer in the server's place would use: whether the request is a kiosk's, and the device's copies. */
interface OfflineView {
  kiosk: boolean;
  copies: DeviceCopies;
}

/**
 * The asking page's address (an IPC to the browser) and the device's copies (one IndexedDB
 * transaction), side by side. The account route reads it with the request, so an offline answer
 * need not wait for it.
 */
async function readOfflineView(event: ExtendableEvent, request: Request): Promise<OfflineView> {
  const [clientPath, copies] = await Promise.all([clientPathOf(event), readDeviceCopies()]);
  const kiosk = isKioskRequest({ kioskHeader: request.headers.get(KIOSK_HEADER), clientPath, kioskSession: copies.kioskSession });
  return { kiosk, copies };
}

async function readForAccount(event: ExtendableEvent, request: Request): Promise<OfflineView> {
  mark('snapshot-read-start');
  const view = await readOfflineView(event, request);
  mark('snapshot-read-end');
  return view;
}

async function answerFromSnapshot({ request, reason, prepared }: FallbackRequest<OfflineView>): Promise<Response> {
  mark('account-fallback');
  const answer = offlineAccountAnswer({
    kiosk: prepared.kiosk,
    ...copiesToServe(prepared.kiosk, prepared.copies),
    acceptLanguage: request.headers.get('Accept-Language'),
    offlineHeader: OFFLINE_HEADER,
  });
  return jsonResponse(withReason(answer, reason));
}

/** The server cannot be reached: keep the renewal for later, except on a shared device. */
async function queueRenewal({ event, request, reason }: FallbackRequest<undefined>): Promise<Response> {
  const acceptLanguage = request.headers.get('Accept-Language');
  if (await isKiosk(request, event)) return jsonResponse(withReason(offlineError('kiosk-renewal', acceptLanguage), reason));
  const patronId = await lastPatronId();
  if (!patronId) return jsonResponse(withReason(offlineError('no-patron', acceptLanguage), reason));
  const url = new URL(request.url);
  const loanId = decodeURIComponent(RENEW_PATH.exec(url.pathname)![1]!);
  const idempotencyKey = request.headers.get(IDEMPOTENCY_HEADER) ?? crypto.randomUUID();
  await enqueueRenewal({ idempotencyKey, patronId, loanId, url: url.href, queuedAt: new Date().toISOString(), acceptLanguage });
  const body: RenewalQueued = { queued: true, loanId };
  return jsonResponse(withReason({ status: 202, headers: { 'Cache-Control': 'no-store' }, body }, reason));
}

/** The snapshot's patron as the session (its idle timeout from the kept policy), read in one go. */
async function sessionFromSnapshot({ event, request, reason }: FallbackRequest<undefined>): Promise<Response> {
  const { kiosk, copies } = await readOfflineView(event, request);
  mark('session-fallback');
  const answer = offlineSessionAnswer({
    kiosk,
    ...copiesToServe(kiosk, copies),
    idleTimeoutSeconds: keptIdleTimeoutSeconds(copies),
    acceptLanguage: request.headers.get('Accept-Language'),
    offlineHeader: OFFLINE_HEADER,
  });
  return jsonResponse(withReason(answer, reason));
}

/** A live library answer to a page that is not in kiosk mode: kept for offline starts. */
async function keepLibraryAnswer({ event, request, status, body }: ServerAnswer): Promise<undefined> {
  if (status !== 200 || (await isKiosk(request, event))) return undefined;
  const library = libraryToStore(body, new Date().toISOString());
  if (library) await keepLibrary(library);
  return undefined;
}

/**
 * Asks the server for the library answer once, when none is kept yet (a request of the SW's own):
 * the offline pages follow the library's policy, and the very first visit asks before the SW controls it.
 * Called at install too, so a device the SW controls has it even if the network goes right after.
 */
export async function ensureLibraryKept(): Promise<void> {
  if (await keptLibrary()) return;
  const res = await fetch('/api/library', {
    headers: { Accept: 'application/json', [BACKGROUND_HEADER]: BACKGROUND_HEADER_VALUE },
    credentials: 'same-origin',
    cache: 'no-store',
    signal: AbortSignal.timeout(networkPolicy.replayRequestTimeoutSeconds * 1000),
  });
  const library = res.ok ? libraryToStore(await res.json(), new Date().toISOString()) : null;
  if (library) await keepLibrary(library);
}

async function libraryFromKept({ event, request, reason }: FallbackRequest<undefined>): Promise<Response> {
  const { kiosk, copies } = await readOfflineView(event, request);
  mark('library-fallback');
  const answer = offlineLibraryAnswer({
    kept: copies.library,
    kiosk,
    acceptLanguage: request.headers.get('Accept-Language'),
    offlineHeader: OFFLINE_HEADER,
  });
  return jsonResponse(withReason(answer, reason));
}

/**
 * Notes who logged in or out (and whether it is a kiosk session). At start (GET) the page gets the
 * answer before the note is written; a login or logout is answered once it is written, so the
 * page's next request is already decided by it.
 */
async function watchSession({ event, request, status, body, keep }: ServerAnswer): Promise<undefined> {
  if (request.method === 'DELETE') {
    if (status >= 200 && status < 300) await rememberPatron(null);
    return undefined;
  }
  if (status !== 200) return undefined;
  const session = body as Partial<SessionInfo> | null;
  const patronId = session?.patron?.id;
  if (typeof patronId !== 'string') return undefined;
  const noted = noteSession(event, request, patronId, session?.kiosk === true);
  if (request.method === 'GET') keep(noted);
  else await noted;
  return undefined;
}

async function noteSession(event: ExtendableEvent, request: Request, patronId: string, kioskSession: boolean): Promise<void> {
  const kiosk = kioskSession || (await isKiosk(request, event, { ignoreSession: true }));
  await rememberKioskSession(kiosk);
  // In kiosk mode nothing personal is written, not even who is logged in.
  await rememberPatron(kiosk ? null : patronId);
}

async function isKiosk(request: Request, event: ExtendableEvent, options: { ignoreSession?: boolean } = {}): Promise<boolean> {
  const [clientPath, kioskSession] = await Promise.all([clientPathOf(event), options.ignoreSession ? false : kioskSessionSeen()]);
  return isKioskRequest({ kioskHeader: request.headers.get(KIOSK_HEADER), clientPath, kioskSession });
}

/** The path of the page that made the request (null for the SW's own requests). */
async function clientPathOf(event: ExtendableEvent): Promise<string | null> {
  const clientId = (event as FetchEvent).clientId;
  const client = clientId ? await self.clients.get(clientId) : undefined;
  return client ? new URL(client.url).pathname : null;
}

/** Lets the SW finish `work` after the answer; a late answer's event may be over (then it just runs). */
function keepAlive(event: ExtendableEvent, work: Promise<unknown>): void {
  try {
    event.waitUntil(work);
  } catch {
    // The event is over: the work still runs while the SW does.
  }
}

function withReason(answer: JsonAnswer, reason: OfflineReason): JsonAnswer {
  return { ...answer, headers: { ...answer.headers, [OFFLINE_REASON_HEADER]: reason } };
}

function jsonResponse(answer: JsonAnswer): Response {
  const headers = new Headers(answer.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}

function copyHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'content-encoding') headers[name] = value;
  });
  return headers;
}
