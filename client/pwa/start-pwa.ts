/**
 * Everything PWA on the page, started once from client/main.ts: the service worker and its update
 * prompt, the SW message bridge, and kiosk mode's idle countdown, wipe and install-prompt block.
 */
import { isKiosk } from '../app/kiosk.ts';
import { SESSION_CHANGED_EVENT } from '../data/session.ts';
import { registerServiceWorker } from './register-sw.ts';
import { startSwEvents } from './sw-events.ts';
import { wipeKioskDevice } from './kiosk-wipe.ts';
import { KIOSK_TIMEOUT_EVENT, kioskIdleOverrideMs } from './kiosk-timeout.ts';

export function startPwa(): void {
  // No "install this app" on a shared device.
  window.addEventListener('beforeinstallprompt', (event) => {
    if (isKiosk()) event.preventDefault();
  });
  startSwEvents();
  void registerServiceWorker();

  const idleOverrideSearch = window.location.search;
  const mountTimerInKiosk = () => {
    if (isKiosk()) void mountKioskTimer(idleOverrideSearch);
  };
  mountTimerInKiosk();
  // Kiosk mode may be learnt later, from the session (KIOSK=1 on the server).
  window.addEventListener(SESSION_CHANGED_EVENT, mountTimerInKiosk);
  window.addEventListener(KIOSK_TIMEOUT_EVENT, () => {
    if (isKiosk()) void wipeKioskDevice();
  });
}

async function mountKioskTimer(search: string): Promise<void> {
  await import('./kiosk-timer.ts');
  if (document.querySelector('shiori-kiosk-timer')) return;
  const timer = document.createElement('shiori-kiosk-timer');
  timer.timeoutMs = kioskIdleOverrideMs(search);
  timer.warningMs = Math.min(timer.warningMs, timer.timeoutMs);
  timer.isActive = isKiosk;
  document.body.append(timer);
}
