/**
 * The page side of common/offline.ts: SW messages become window events (pages listen to those and
 * never import this module), and the SW is asked to replay queued renewals whenever the connection
 * may be back (online, focus, the tab becoming visible, a new SW taking control).
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
}
