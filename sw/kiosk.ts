/**
 * Is this request made in kiosk mode (SPEC §5)? Pure. Kiosk mode is a /kiosk/ page, the page's
 * X-Shiori-Kiosk header (sent on every API call when the server runs with KIOSK=1 or the session
 * is a kiosk one), or the last session the SW saw being a kiosk session.
 */
export function isKioskRequest(input: {
  kioskHeader: string | null;
  clientPath: string | null;
  kioskSession: boolean;
}): boolean {
  if (input.kioskHeader !== null && input.kioskHeader !== '' && input.kioskHeader !== '0') return true;
  if (input.clientPath !== null && isKioskPath(input.clientPath)) return true;
  return input.kioskSession;
}

export function isKioskPath(path: string): boolean {
  return path === '/kiosk' || path.startsWith('/kiosk/');
}
