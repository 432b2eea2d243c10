/**
 * Everything PWA on the page, started once from client/main.ts: the service worker and its update
 * prompt, and the SW message bridge. (Kiosk mode's page side is the shell's: client/app/shiori-app.ts.)
 */
export function startPwa(): void {
  // Their own chunks, off the first page's path: the SW's messages wait in its queue until the
  // bridge starts them (startMessages), and registering (or checking for an update) holds up nothing.
  void import('./sw-events.ts').then((m) => m.startSwEvents());
  void import('./register-sw.ts').then((m) => m.registerServiceWorker());
}
