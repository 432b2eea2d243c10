/**
 * Kiosk mode (SPEC §5): a shared device. Known when this module loads, before the shell renders:
 * a /kiosk/ URL, or the kiosk flag cookie a KIOSK=1 server sets (common/kiosk.ts), which the
 * browser keeps also when the service worker answers the page. The server's answers can still
 * turn it on later (GET /api/library, a login answering `kiosk: true`): KIOSK=1 is the authority.
 * In kiosk mode nothing personal is written to the device and every API call says so to the SW.
 */
import { hasKioskFlag, isKioskPath } from '../../common/kiosk.ts';

const KIOSK_PREFIX = '/kiosk';

let kiosk = isKioskPath(location.pathname) || hasKioskFlag(document.cookie);

export function isKiosk(): boolean {
  return kiosk;
}

/** The server says this is a kiosk although the page did not know (its flag cookie was missing). */
export function enterKioskMode(): void {
  kiosk = true;
}

/** The path prefix every route and link carries: '/kiosk' under a kiosk URL, '' otherwise. */
export function routePrefix(): string {
  return isKioskPath(location.pathname) ? KIOSK_PREFIX : '';
}

/** Test hook: set the mode explicitly. */
export function setKioskForTest(value: boolean): void {
  kiosk = value;
}
