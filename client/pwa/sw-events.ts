/**
 * The page side of common/offline.ts: SW messages become window events (pages listen to those and
 * never import this module), and the SW is asked to replay queued renewals when the app starts and
 * whenever the connection may be back (online, focus, the tab becoming visible, a new SW taking
 * control). The SW sends nothing when nothing waits, and merges requests that come close together.
 */
import type { SwToPage } from '../../common/offline.ts';
import { replayRenewals } from '../data/sw-bridge.ts';
import { windowEventFor } from './sw-message-events.ts';

export function startSwEvents(): void {
  const container = navigator.serviceWorker;
  if (!container) return;
  container.addEventListener('message', (event: MessageEvent) => {
    const name = windowEventFor(event.data);
    if (name) window.dispatchEvent(new CustomEvent(name, { detail: event.data as SwToPage }));
  });
  container.startMessages();

  window.addEventListener('online', replayRenewals);
  window.addEventListener('focus', replayRenewals);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') replayRenewals();
  });
  container.addEventListener('controllerchange', replayRenewals);
  // The app starts: a renewal queued earlier is sent now if the server answers, even when the SW
  // stayed alive and no online / focus event ever comes. (No controller yet: controllerchange asks.)
  replayRenewals();
}
