/**
 * Reminders in the service worker ([docs/rules.md#reminders](../docs/rules.md#reminders)): the `push` and `notificationclick` handlers, and
 * GET /api/notices kept for offline. The decisions are in push-display.ts (pure).
 *
 * - push: shown in the device's language (kids' wording from client/locales/ja-kids), its loans and
 *   holds written into the offline snapshot, its notices into the device's お知らせ. Nothing on a kiosk.
 * - notificationclick: the 延長する action renews through the normal idempotent route (the
 *   notice's id in the Idempotency-Key), queued like any offline renewal when the library cannot be
 *   reached or the session has ended, and says how it went; any other tap opens the page the
 *   notification is about, in an open window of the app if there is one.
 * - GET /api/notices: the network (within networkPolicy's answer timeout); when the library cannot
 *   be reached (reachability.ts, as for the account), the お知らせ kept for the patron last seen logged in.
 */
/// <reference lib="webworker" />
import { registerRoute } from 'workbox-routing';
import type { RouteHandlerCallbackOptions } from 'workbox-core';
import { RENEW_ACTION, type Notice, type NotificationLanguage } from '../common/notifications.ts';
import { IDEMPOTENCY_HEADER, KIOSK_HEADER, OFFLINE_HEADER, OFFLINE_REASON_HEADER } from '../common/offline.ts';
import type { NoticeWording } from '../common/wording/notification-wording.ts';
import { notificationsEn } from '../common/wording/notifications-en.ts';
import { notificationsJa } from '../common/wording/notifications-ja.ts';
import { notificationsKids } from '../client/locales/ja-kids/notifications.ts';
import { isKioskRequest } from './kiosk.ts';
import { addNotices, loadNotices, saveNotices } from './notice-store.ts';
import { offlineError, withRenewedLoan } from './offline-answers.ts';
import { broadcast } from './page-messages.ts';
import { displayForPush, isAppPath, readPushPayload, renewActionOutcome, withPushedRows, type ClickData, type DeviceState } from './push-display.ts';
import { enqueueRenewal } from './renewal-queue.ts';
import { failureOutcome, readAnswer } from './network-outcome.ts';
import { networkPolicy } from './network-policy.ts';
import { reachability, type NetworkOutcome } from './reachability.ts';
import { kioskSessionSeen, lastPatronId, updateSnapshot } from './snapshot-store.ts';

declare const self: ServiceWorkerGlobalScope;

const WORDINGS: Record<NotificationLanguage, NoticeWording> = { ja: notificationsJa, en: notificationsEn, 'ja-kids': notificationsKids };
const ICON = '/icons/icon-192.png';

export function registerNotificationHandlers(): void {
  self.addEventListener('push', (event) => extend(event, onPush(event.data)));
  self.addEventListener('notificationclick', (event) => extend(event, onNotificationClick(event.notification, event.action)));
  registerRoute(({ url }) => url.origin === self.location.origin && url.pathname === '/api/notices', noticesNetworkFirst, 'GET');
}

/** Keeps the SW alive for `work`. A synthetic event (a test's) cannot be extended; the work runs all the same. */
function extend(event: ExtendableEvent, work: Promise<unknown>): void {
  const logged = work.catch((error: unknown) => console.error('shiori: notification handling failed', error));
  try {
    event.waitUntil(logged);
  } catch {
    /* not a browser-dispatched event */
  }
}

/** How long a push waits for the device's state (IndexedDB) before it shows the notice with nothing personal in it. */
const DEVICE_STATE_LIMIT_MS = 3000;

/**
 * A push always ends in a notification (but on a kiosk): when the payload or the device's state
 * cannot be read, the one with nothing personal in it (push-display.ts displayForPush). It is shown
 * before the payload's rows are kept: a write that fails or waits must not hold it back or drop it.
 */
async function onPush(data: PushMessageData | null): Promise<void> {
  let json: unknown = null;
  try {
    json = data?.json() ?? null;
  } catch {
    json = null;
  }
  const payload = readPushPayload(json);
  const device = await within(readDeviceState(), DEVICE_STATE_LIMIT_MS);
  const shown = displayForPush(payload, device, WORDINGS);
  if (!shown) return;
  await showListed(shown.title, { ...shown.options, icon: ICON, badge: ICON } as NotificationOptions & { tag: string });
  if (shown.keep && payload) {
    await updateSnapshot(payload.patronId, (stored) => withPushedRows(stored, payload));
    if (payload.notices.length > 0) await addNotices(payload.patronId, payload.notices);
  }
}

/**
 * Shows a notification, and once more when the browser does not list it afterwards. Chromium here
 * now and then accepts a notification (showNotification resolves) without ever showing or listing
 * it — seen as `registration.getNotifications()` empty right after, and still a second later — and
 * the same notification shown again is listed at once (test/e2e/push-notifications.test.ts). Shown
 * again under its tag it replaces itself: never two of one reminder.
 */
async function showListed(title: string, options: NotificationOptions & { tag: string }): Promise<void> {
  await self.registration.showNotification(title, options);
  if ((await self.registration.getNotifications({ tag: options.tag })).length > 0) return;
  await self.registration.showNotification(title, options);
}

async function readDeviceState(): Promise<DeviceState> {
  const kiosk = await kioskSessionSeen();
  return { kiosk, lastPatronId: kiosk ? null : await lastPatronId() };
}

/** `work`'s result, or null when it fails (logged) or takes longer than `ms`. */
function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  const failed = work.catch((error: unknown) => {
    console.error('shiori: the device state could not be read for a push', error);
    return null;
  });
  return Promise.race([failed, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
}

function readClickData(data: unknown): ClickData | null {
  const d = data as Partial<ClickData> | null;
  if (!d || !isAppPath(d.url)) return null;
  return {
    url: d.url,
    patronId: typeof d.patronId === 'string' ? d.patronId : null,
    lang: d.lang === 'en' || d.lang === 'ja-kids' ? d.lang : 'ja',
    renewLoanId: typeof d.renewLoanId === 'string' ? d.renewLoanId : null,
    noticeId: typeof d.noticeId === 'string' ? d.noticeId : null,
  };
}

async function onNotificationClick(notification: Notification, action: string): Promise<void> {
  const data = readClickData(notification.data);
  notification.close();
  if (!data || (await kioskSessionSeen())) return;
  if (action === RENEW_ACTION && data.renewLoanId && data.patronId) return renewFromNotification(data, data.renewLoanId, data.patronId);
  await openPage(data.url);
}

async function renewFromNotification(data: ClickData, loanId: string, patronId: string): Promise<void> {
  const wording = WORDINGS[data.lang];
  const url = new URL(`/api/loans/${encodeURIComponent(loanId)}/renew`, self.location.origin).href;
  const idempotencyKey = data.noticeId ? `notice-${data.noticeId}` : crypto.randomUUID();
  const acceptLanguage = data.lang === 'en' ? 'en' : 'ja';
  let answer: NetworkOutcome;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { [IDEMPOTENCY_HEADER]: idempotencyKey, 'Accept-Language': acceptLanguage },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(networkPolicy.answerTimeoutSeconds * 1000),
    });
    answer = await readAnswer(res);
  } catch (error) {
    answer = failureOutcome(error);
  }
  const outcome = renewActionOutcome(answer);
  const show = (text: { title: string; body: string }) =>
    showListed(text.title, { body: text.body, tag: `renew-${loanId}`, lang: acceptLanguage, icon: ICON, data: { ...data, renewLoanId: null } } as NotificationOptions & { tag: string });
  if (outcome.kind === 'renewed') {
    await updateSnapshot(patronId, (stored) => withRenewedLoan(stored, outcome.loan));
    await broadcast({ type: 'renewal-settled', patronId, loanId, ok: true, loan: outcome.loan });
    await show(wording.renewed(outcome.loan.dueOn));
  } else if (outcome.kind === 'queue') {
    await enqueueRenewal({ idempotencyKey, patronId, loanId, url, queuedAt: new Date().toISOString(), acceptLanguage });
    await show(wording.renewQueued);
  } else {
    await broadcast({ type: 'renewal-settled', patronId, loanId, ok: false, code: outcome.code, message: outcome.message });
    await show(wording.renewRefused(outcome.message));
  }
}

/** The page a tap is about: in an open window of the app (navigated there), else a new one. */
async function openPage(path: string): Promise<void> {
  const target = new URL(path, self.location.origin).href;
  const windows = (await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) as WindowClient[];
  for (const client of windows) {
    if (new URL(client.url).origin !== self.location.origin) continue;
    const navigated = await client.navigate(target).catch(() => null);
    if (navigated) {
      await navigated.focus().catch(() => undefined);
      return;
    }
  }
  await self.clients.openWindow(target);
}

async function noticesNetworkFirst({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const clientId = (event as FetchEvent).clientId;
  const client = clientId ? await self.clients.get(clientId) : undefined;
  const kiosk = isKioskRequest({ kioskHeader: request.headers.get(KIOSK_HEADER), clientPath: client ? new URL(client.url).pathname : null, kioskSession: await kioskSessionSeen() });
  let response: Response | null = null;
  let outcome: NetworkOutcome;
  try {
    response = await fetch(request, { signal: AbortSignal.timeout(networkPolicy.answerTimeoutSeconds * 1000) });
    outcome = await readAnswer(response);
  } catch (error) {
    outcome = failureOutcome(error);
  }
  const reached = reachability(outcome);
  const language = request.headers.get('Accept-Language');
  const patronId = kiosk ? null : await lastPatronId();
  if (reached.reachable && response) {
    if (patronId && outcome.kind === 'answer' && outcome.status === 200) {
      const body = outcome.body as { notices?: Notice[] } | null;
      if (Array.isArray(body?.notices)) await saveNotices(patronId, body.notices, new Date().toISOString());
    }
    return response;
  }
  const stored = patronId ? await loadNotices(patronId) : undefined;
  if (!stored) {
    const answer = offlineError(kiosk ? 'kiosk-account' : 'no-snapshot', language);
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { ...answer.headers, 'Content-Type': 'application/json; charset=utf-8' } });
  }
  return new Response(JSON.stringify({ notices: stored.notices }), {
    status: 200,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      [OFFLINE_HEADER]: stored.capturedAt,
      [OFFLINE_REASON_HEADER]: reached.reachable ? 'server-not-answering' : reached.reason,
    },
  });
}
