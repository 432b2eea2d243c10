/**
 * The SW's answers for /api (SPEC §4, §5). No /api response ever goes into Cache Storage, in any
 * mode: the only copy kept is the account snapshot in IndexedDB, and never in kiosk mode.
 *  - GET /api/account: network first; the snapshot of the patron last seen logged in when offline.
 *  - POST /api/loans/:id/renew: network; queued (202) when the server cannot be reached.
 *  - /api/session: network, watched to learn who is logged in on this device; offline, GET answers
 *    with the patron of the snapshot that would be served, so the app starts offline on any route.
 *  - everything else under /api: not routed, so the browser fetches it as if there were no SW.
 */
/// <reference lib="webworker" />
import { registerRoute } from 'workbox-routing';
import type { RouteHandlerCallbackOptions } from 'workbox-core';
import type { SessionInfo } from '../common/api.ts';
import { IDEMPOTENCY_HEADER, KIOSK_HEADER, OFFLINE_HEADER, type RenewalQueued } from '../common/offline.ts';
import { isKioskRequest } from './kiosk.ts';
import {
  markPendingRenewals,
  offlineAccountAnswer,
  offlineError,
  offlineSessionAnswer,
  snapshotToStore,
  type JsonAnswer,
} from './offline-answers.ts';
import { enqueueRenewal, pendingLoanIds } from './renewal-queue.ts';
import {
  kioskSessionSeen,
  lastPatronId,
  loadSnapshot,
  rememberKioskSession,
  rememberPatron,
  saveSnapshot,
} from './snapshot-store.ts';

declare const self: ServiceWorkerGlobalScope;

const RENEW_PATH = /^\/api\/loans\/([^/]+)\/renew$/;

export function registerApiRoutes(): void {
  const sameOrigin = (url: URL) => url.origin === self.location.origin;
  registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/api/account', accountNetworkFirst, 'GET');
  registerRoute(({ url }) => sameOrigin(url) && RENEW_PATH.test(url.pathname), renewOrQueue, 'POST');
  for (const method of ['GET', 'POST', 'DELETE'] as const) {
    registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/api/session', watchSession, method);
  }
}

async function accountNetworkFirst({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const kiosk = await isKiosk(request, event);
  let response: Response;
  try {
    response = await fetch(request);
  } catch {
    const patronId = kiosk ? null : await lastPatronId();
    const answer = offlineAccountAnswer({
      kiosk,
      lastPatronId: patronId,
      stored: patronId ? await loadSnapshot(patronId) : undefined,
      pendingLoanIds: patronId ? await pendingLoanIds(patronId) : new Set(),
      acceptLanguage: request.headers.get('Accept-Language'),
      offlineHeader: OFFLINE_HEADER,
    });
    return jsonResponse(answer);
  }
  if (kiosk || response.status !== 200) return response;

  const body: unknown = await response.clone().json().catch(() => null);
  const stored = snapshotToStore(body, new Date().toISOString());
  if (!stored) return response;
  await saveSnapshot(stored);
  // A renewal still queued for this patron stays marked, online too, until its replay settles it.
  const pending = await pendingLoanIds(stored.patronId);
  if (pending.size === 0) return response;
  return jsonResponse({ status: 200, headers: copyHeaders(response), body: markPendingRenewals(stored.snapshot, pending) });
}

async function renewOrQueue({ request, url, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const kiosk = await isKiosk(request, event);
  const idempotencyKey = request.headers.get(IDEMPOTENCY_HEADER) ?? crypto.randomUUID();
  const acceptLanguage = request.headers.get('Accept-Language');
  try {
    return await fetch(request);
  } catch {
    // The server could not be reached (offline or down): queue it, except on a shared device.
  }
  if (kiosk) return jsonResponse(offlineError('kiosk-renewal', acceptLanguage));
  const patronId = await lastPatronId();
  if (!patronId) return jsonResponse(offlineError('no-patron', acceptLanguage));
  const loanId = decodeURIComponent(RENEW_PATH.exec(url.pathname)![1]!);
  await enqueueRenewal({ idempotencyKey, patronId, loanId, url: url.href, queuedAt: new Date().toISOString(), acceptLanguage });
  const body: RenewalQueued = { queued: true, loanId };
  return jsonResponse({ status: 202, headers: { 'Cache-Control': 'no-store' }, body });
}

/** Passes session calls through, noting who logged in or out (and whether it is a kiosk session). */
async function watchSession({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const kioskHeaderOrPath = await isKiosk(request, event, { ignoreSession: true });
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    if (request.method !== 'GET') throw error;
    const kiosk = kioskHeaderOrPath || (await kioskSessionSeen());
    const patronId = kiosk ? null : await lastPatronId();
    return jsonResponse(
      offlineSessionAnswer({
        kiosk,
        lastPatronId: patronId,
        stored: patronId ? await loadSnapshot(patronId) : undefined,
        idleTimeoutSeconds: 60 * 60,
        acceptLanguage: request.headers.get('Accept-Language'),
        offlineHeader: OFFLINE_HEADER,
      }),
    );
  }
  if (request.method === 'DELETE') {
    if (response.ok) await rememberPatron(null);
    return response;
  }
  if (response.status !== 200) return response;
  const body = (await response.clone().json().catch(() => null)) as Partial<SessionInfo> | null;
  const patronId = body?.patron?.id;
  if (typeof patronId !== 'string') return response;
  const kiosk = kioskHeaderOrPath || body?.kiosk === true;
  await rememberKioskSession(kiosk);
  // In kiosk mode nothing personal is written, not even who is logged in.
  await rememberPatron(kiosk ? null : patronId);
  return response;
}

async function isKiosk(request: Request, event: ExtendableEvent, options: { ignoreSession?: boolean } = {}): Promise<boolean> {
  const clientId = (event as FetchEvent).clientId;
  const client = clientId ? await self.clients.get(clientId) : undefined;
  return isKioskRequest({
    kioskHeader: request.headers.get(KIOSK_HEADER),
    clientPath: client ? new URL(client.url).pathname : null,
    kioskSession: options.ignoreSession ? false : await kioskSessionSeen(),
  });
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
