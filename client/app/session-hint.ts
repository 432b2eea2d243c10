/**
 * Whether this browser may still carry a live session. The session cookie is HttpOnly: the page can
 * neither see nor remove it. So the page keeps this non-personal companion cookie: set before a
 * login is sent (or when the server names a patron), removed once the server has said the session is
 * over (DELETE /api/session answered, a 401). A kiosk start that cannot reach the server reads it to
 * decide whether the login form may be shown yet (client/pwa/kiosk-handover.ts). It has no
 * Max-Age, like the session cookie: both end when the browser closes.
 */
export const SESSION_HINT_COOKIE = 'shiori_session_hint';

function write(value: string, extra = ''): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${SESSION_HINT_COOKIE}=${value}; Path=/; SameSite=Lax${extra}${secure}`;
}

export function noteSessionMayLive(): void {
  write('1');
}

export function noteSessionEnded(): void {
  write('', '; Max-Age=0');
}

export function sessionMayLive(): boolean {
  return document.cookie.split(';').some((pair) => pair.trim() === `${SESSION_HINT_COOKIE}=1`);
}
