/**
 * Everything PWA on the page, started once from client/main.ts: the service worker and its update
 * prompt, the SW message bridge, and kiosk mode's page side (kiosk-start.ts).
 */
import { registerServiceWorker } from './register-sw.ts';
import { startSwEvents } from './sw-events.ts';

export function startPwa(): void {
  // Its own chunk, off the first load (kiosk mode itself is known from client/app/kiosk.ts). The
  // first URL's query is read now: the router may have moved on when the chunk arrives.
  const firstSearch = window.location.search;
  void import('./kiosk-start.ts').then((m) => m.startKioskSide(firstSearch));
  startSwEvents();
  void registerServiceWorker();
}
