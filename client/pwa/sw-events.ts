/**
 * The page side of common/offline.ts: SW messages become window events (pages listen to those and
 * never import this module), and the SW is asked to replay queued renewals whenever the connection
 * may be back (online, focus, the tab becoming visible, a new SW taking control).
 */
import { RENEWAL_NEEDS_LOGIN_EVENT, RENEWAL_SETTLED_EVENT, type SwToPage } from '../../common/offline.ts';
import { replayRenewals } from '../data/sw-bridge.ts';

/** The window event name for an SW message, or null when the message is not one of ours. */
export function windowEventFor(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Partial<SwToPage>;
  if (typeof m.patronId !== 'string' || typeof m.loanId !== 'string') return null;
  if (m.type === 'renewal-settled') return RENEWAL_SETTLED_EVENT;
  if (m.type === 'renewal-needs-login') return RENEWAL_NEEDS_LOGIN_EVENT;
  return null;
}

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
