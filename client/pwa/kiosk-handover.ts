/**
 * The kiosk handover ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode)): a kiosk page start never inherits the previous patron's session.
 * Before the shell routes to any page, it ends whatever session the browser still carries
 * (DELETE /api/session: the session cookie is HttpOnly, only the server can end it). When the server
 * cannot be reached and a session may still be live (session-hint.ts: a logout or countdown that
 * could not reach the server), the start waits — the shell shows 「前の利用者のログアウト処理中…」 —
 * and tries again until the server answers. Only then does the login form appear.
 */
import { sessionMayLive } from '../app/session-hint.ts';
import type { Api } from '../data/api.ts';
import { endServerSession } from '../data/session-end.ts';

/** How long one attempt may take (a proxy that hangs) and the pause before the next. */
const ATTEMPT_MS = 3000;

export async function handOverKiosk(api: Api, onWaiting: () => void): Promise<void> {
  let waiting = false;
  while (!(await endServerSession(api, ATTEMPT_MS))) {
    // Unreachable, but this browser holds no session the page knows of: nothing to wait for.
    if (!sessionMayLive()) return;
    if (!waiting) {
      waiting = true;
      onWaiting();
    }
    await nextAttempt();
  }
}

/** After a pause, or as soon as the browser says the connection is back. */
function nextAttempt(): Promise<void> {
  return new Promise((resolve) => {
    const go = () => {
      clearTimeout(timer);
      window.removeEventListener('online', go);
      resolve();
    };
    const timer = setTimeout(go, ATTEMPT_MS);
    window.addEventListener('online', go);
  });
}
