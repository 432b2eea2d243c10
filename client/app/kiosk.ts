/**
 * Kiosk mode (SPEC §5): a shared device. Chosen by a /kiosk/ URL or by the server's session answer.
 * In kiosk mode nothing personal is written to the device and every API call says so to the SW.
 */
const KIOSK_PREFIX = '/kiosk';

let kiosk = isKioskPath(location.pathname);

export function isKioskPath(pathname: string): boolean {
  return pathname === KIOSK_PREFIX || pathname.startsWith(`${KIOSK_PREFIX}/`);
}

export function isKiosk(): boolean {
  return kiosk;
}

/** Called when GET /api/session answers `kiosk: true` (library-wide kiosk config). */
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
