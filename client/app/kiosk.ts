/**
 * Kiosk mode ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode)): a shared device. Known
 * before the shell renders: a /kiosk/ URL, or the kiosk flag cookie a KIOSK=1 server sets
 * (common/kiosk.ts), which the browser keeps also when the service worker answers the page. The
 * server's answers can still turn it on later (GET /api/library, a login answering `kiosk: true`):
 * the app's state (app-state.ts) then switches. In kiosk mode nothing personal is written to the
 * device and every API call says so to the SW.
 */
import { hasKioskFlag, isKioskPath } from '../../common/kiosk.ts';

const KIOSK_PREFIX = '/kiosk';

/** Whether this page starts as a kiosk (read once, by the app's state). */
export function kioskAtStart(): boolean {
  return isKioskPath(location.pathname) || hasKioskFlag(document.cookie);
}

/** The path prefix every route and link carries: '/kiosk' under a kiosk URL, '' otherwise. */
export function routePrefix(): string {
  return isKioskPath(location.pathname) ? KIOSK_PREFIX : '';
}
