/**
 * Kiosk mode's page side, started once with the PWA side (in its own chunk): no install prompt on a
 * shared device; the idle countdown while a patron is logged in, whose end wipes the device; and the
 * server's word on whether this is a kiosk (GET /api/library `kiosk`, which also renews the kiosk
 * flag cookie). The handover (ending an inherited session before any page shows) is the shell's.
 */
import { hasKioskFlag } from '../../common/kiosk.ts';
import { enterKioskMode, isKiosk } from '../app/kiosk.ts';
import { fetchLibrary } from '../data/library.ts';
import { SESSION_CHANGED_EVENT, currentPatron } from '../data/session.ts';
import { KIOSK_TIMEOUT_EVENT, kioskIdleOverrideMs } from './kiosk-timeout.ts';

/** `firstSearch`: the query of the page's first URL, where `?kioskIdleSeconds=N` counts. */
export function startKioskSide(firstSearch: string): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    if (isKiosk()) event.preventDefault();
  });

  const mountTimerInKiosk = () => {
    if (isKiosk()) void mountKioskTimer(firstSearch);
  };
  mountTimerInKiosk();
  // Kiosk mode may be learnt later, from the server (a login answering `kiosk: true`).
  window.addEventListener(SESSION_CHANGED_EVENT, mountTimerInKiosk);
  window.addEventListener(KIOSK_TIMEOUT_EVENT, () => {
    if (isKiosk()) void import('./kiosk-wipe.ts').then((m) => m.wipeKioskDevice());
  });

  void fetchLibrary().then(
    (info) => {
      if (!info.kiosk || isKiosk()) return;
      // A KIOSK=1 server, and the page started without knowing (its flag cookie had gone). The answer
      // set the flag again: start over as a kiosk (handover, nothing stored). Without cookies, carry on
      // in kiosk mode from here.
      if (hasKioskFlag(document.cookie)) window.location.reload();
      else {
        enterKioskMode();
        mountTimerInKiosk();
      }
    },
    () => undefined, // unreachable: the flag cookie decides
  );
}

async function mountKioskTimer(search: string): Promise<void> {
  await import('./kiosk-timer.ts');
  if (document.querySelector('shiori-kiosk-timer')) return;
  const timer = document.createElement('shiori-kiosk-timer');
  timer.timeoutMs = kioskIdleOverrideMs(search);
  timer.warningMs = Math.min(timer.warningMs, timer.timeoutMs);
  // The idle time counts from the login: nobody to log out before it.
  timer.isActive = () => isKiosk() && currentPatron() !== null;
  document.body.append(timer);
}
