/**
 * Shiori's service worker: wiring only. The app shell is in precache-and-routing.ts, the /api
 * answers in api-routes.ts, the renewal queue in renewal-queue.ts, the page messages in
 * page-messages.ts, push notifications and お知らせ in notifications.ts.
 *
 * Updates: a new version waits until the patron chooses 更新 on the page (client/pwa/), which
 * posts SKIP_WAITING; it is never forced on a page that may hold unsaved input.
 */
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { db } from './db.ts';
import type { PrecacheEntry } from 'workbox-precaching';
import { ensureLibraryKept, registerApiRoutes } from './api-routes.ts';
import { readPageMessage } from './read-page-message.ts';
import { RENEWAL_SYNC_TAG, pendingCount, replayNow, replaySoon } from './renewal-queue.ts';
import { forgetAll, forgetPatron } from './snapshot-store.ts';
import { registerAppShell } from './precache-and-routing.ts';
import { registerNotificationHandlers } from './notifications.ts';
import { mark } from './timing.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

registerAppShell(self.__WB_MANIFEST);
registerApiRoutes();
registerNotificationHandlers();

// First install: the library's answer (its policy, nothing personal) is kept before the worker
// controls a page — an offline start needs it beside the snapshot, and the page's own first request
// went past the SW. Not on an update: a waiting version leaves the database to the active one. A
// failure never fails the install; the first kept account answer asks again.
self.addEventListener('install', (event) => {
  if (self.registration.active) return;
  event.waitUntil(ensureLibraryKept().catch(() => undefined));
});

// The first install takes over the open page at once, so its first account load is already kept.
clientsClaim();

// Background Sync: the browser says the connection is back.
self.addEventListener('sync', (event) => {
  const sync = event as ExtendableEvent & { tag: string; lastChance: boolean };
  if (sync.tag !== RENEWAL_SYNC_TAG) return;
  sync.waitUntil(
    replayNow().then((report) => {
      // Rejecting asks the browser to fire the sync again later (only worth it for a connection problem).
      if (report.waitingForConnection && !sync.lastChance) throw new Error('renewals still waiting for the server');
    }),
  );
});

self.addEventListener('message', (event) => {
  const message = readPageMessage(event.data);
  if (!message) return;
  switch (message.type) {
    case 'SKIP_WAITING':
      event.waitUntil(self.skipWaiting());
      return;
    case 'replay-renewals':
      event.waitUntil(replaySoon());
      return;
    case 'forget-patron':
      event.waitUntil(forgetPatron(message.patronId));
      return;
    case 'forget-all':
      event.waitUntil(forgetAll());
      return;
    case 'pending-count':
      event.waitUntil(pendingCount(message.patronId).then((count) => event.ports[0]?.postMessage({ count })));
      return;
  }
});

// The SW (re)starts or takes over: anything still queued may be sendable now. Only the active
// worker replays (a new version evaluated while waiting must not race it), and never inside
// `activate`'s waitUntil: a slow network must never hold up the app's own requests.
const isActiveWorker = () => !self.serviceWorker || self.serviceWorker.state === 'activating' || self.serviceWorker.state === 'activated';
if (isActiveWorker()) startWorking();
self.addEventListener('activate', startWorking);

/**
 * The database opens as the worker starts, not on the first API request: opening it took ~350 ms
 * from the navigation, and the first offline answer waited for it. Dexie keeps the one opening
 * promise, so every later use waits for it (or finds it open).
 */
function startWorking(): void {
  void db.open().catch(() => undefined);
  void replaySoon().catch(() => undefined);
}

mark('sw-evaluated');
