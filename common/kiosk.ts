/**
 * Kiosk mode facts the server and the page share ([docs/rules.md#kiosk-mode](../docs/rules.md#kiosk-mode)). No DOM, no Node globals.
 *
 * A server started with KIOSK=1 puts the non-personal cookie `shiori_kiosk=1` on its page
 * (index.html) and on GET /api/library. The page reads it synchronously — client/public/prepaint.js
 * before first paint, client/app/kiosk.ts when the app's modules load — so a kiosk is known before
 * anything is shown or stored, also when the service worker answers the page from its precache
 * (the cookie lives in the browser's jar, not in the HTML). Keep the name in step with prepaint.js.
 */
export const KIOSK_COOKIE = 'shiori_kiosk';

/** /kiosk and every path below it: the same app in kiosk mode on any server. */
export function isKioskPath(pathname: string): boolean {
  return pathname === '/kiosk' || pathname.startsWith('/kiosk/');
}

/**
 * Whether a Cookie header (or `document.cookie`) carries the kiosk flag. Compares whole pairs and
 * never decodes, so another app's malformed cookie on the same host (`analytics=100%`) is harmless.
 */
export function hasKioskFlag(cookies: string | null | undefined): boolean {
  return (cookies ?? '').split(';').some((pair) => pair.trim() === `${KIOSK_COOKIE}=1`);
}

/** The page's X-Shiori-Kiosk header (common/offline.ts): any value but none, '' and '0' means kiosk. */
export function kioskHeaderSaysKiosk(value: string | null): boolean {
  return value !== null && value !== '' && value !== '0';
}
