/**
 * Everything PWA on the page, started once from client/main.ts: the service worker and its update
 * prompt, the SW message bridge, and kiosk mode's page side (kiosk-start.ts).
 */
import { registerServiceWorker } from './register-sw.ts';
import { startSwEvents } from './sw-events.ts';
import { startKioskSide } from './kiosk-start.ts';

export function startPwa(): void {
  startKioskSide();
  startSwEvents();
  void registerServiceWorker();
}
