/**
 * The kiosk flag cookie (common/kiosk.ts): how a KIOSK=1 server tells the page it is a kiosk before
 * the page has asked anything. Sent on index.html and GET /api/library, the answers every page start
 * sees (the first one from the server, later ones through the service worker's precache or the
 * page's own GET /api/library).
 *
 * Not HttpOnly: the page must read it synchronously. It carries nothing personal. It lasts 400 days
 * (browsers' cap) and is refreshed on each of those answers, so a kiosk restarted with the server
 * unreachable still starts in kiosk mode. When the server no longer runs with KIOSK=1, a request
 * that still carries it gets it cleared. Over HTTPS it is `Secure` (http/cookies.ts); it keeps its
 * name there, without `__Host-`, because the page's first script reads it by that name before
 * anything else has run.
 */
import { KIOSK_COOKIE, hasKioskFlag } from '../../common/kiosk.ts';
import { scopeAttributes } from './cookies.ts';

const MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

/** The Set-Cookie value to send for this request, or null when nothing needs saying. */
export function kioskFlagCookie(kioskServer: boolean, requestCookies: string | null, https = false): string | null {
  if (kioskServer) return `${KIOSK_COOKIE}=1; ${scopeAttributes(https)}; Max-Age=${MAX_AGE_SECONDS}; SameSite=Lax`;
  if (hasKioskFlag(requestCookies)) return `${KIOSK_COOKIE}=; ${scopeAttributes(https)}; Max-Age=0; SameSite=Lax`;
  return null;
}
