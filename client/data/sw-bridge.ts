/**
 * The page → service worker messages (common/offline.ts PageToSw), in one place.
 * A no-op where no SW controls the page (first visit, tests, browsers without SW).
 */
import type { PageToSw } from '../../common/offline.ts';

function post(message: PageToSw): void {
  const controller = typeof navigator !== 'undefined' ? navigator.serviceWorker?.controller : null;
  controller?.postMessage(message);
}

/** App start, login, the connection may be back: send this patron's queued renewals if any wait. */
export function replayRenewals(): void {
  post({ type: 'replay-renewals' });
}

export function forgetPatron(patronId: string): void {
  post({ type: 'forget-patron', patronId });
}

/** Kiosk logout: nothing personal stays. */
export function forgetAll(): void {
  post({ type: 'forget-all' });
}
