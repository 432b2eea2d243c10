/** Login state: POST/GET/DELETE /api/session, and a tiny observable of who is logged in. */
import type { PatronSummary, SessionInfo } from '../../common/api.ts';
import { ApiFailure, api } from './api.ts';
import { enterKioskMode } from '../app/kiosk.ts';
import { noteSessionEnded, noteSessionMayLive, sessionMayLive } from '../app/session-hint.ts';
import { setCurrentPatron } from '../app/session-state.ts';

export { SESSION_CHANGED_EVENT, currentPatron, setCurrentPatron } from '../app/session-state.ts';

export async function logIn(cardNumber: string, password: string, kiosk: boolean): Promise<PatronSummary> {
  const body = kiosk ? { cardNumber, password, kiosk: true } : { cardNumber, password };
  // Noted before sending: if the answer is lost, the server may have made the session anyway.
  const hadSession = sessionMayLive();
  noteSessionMayLive();
  try {
    const { data } = await api<SessionInfo>('/api/session', { method: 'POST', body, on401: 'throw' });
    // KIOSK=1 on the server makes every session a kiosk one, whatever the page knew.
    if (data.kiosk) enterKioskMode();
    setCurrentPatron(data.patron);
    return data.patron;
  } catch (error) {
    // A refusal (wrong password, throttled…) made no session.
    if (!hadSession && error instanceof ApiFailure && error.status >= 400 && error.status < 500) noteSessionEnded();
    throw error;
  }
}

/** Who is logged in, or null (a 401 here is an answer, not a redirect). */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const { data } = await api<SessionInfo>('/api/session', { on401: 'throw' });
    noteSessionMayLive();
    setCurrentPatron(data.patron);
    return data;
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) noteSessionEnded();
    return null;
  }
}

/**
 * DELETE /api/session. True once the server has answered (the session is over, or there was none);
 * false when it could not be reached: no answer, a proxy's 5xx, or none within `timeoutMs`.
 */
export async function endServerSession(timeoutMs?: number): Promise<boolean> {
  const call = api<null>('/api/session', { method: 'DELETE', on401: 'throw' }).then(
    () => true,
    (error: unknown) => error instanceof ApiFailure && error.status === 401,
  );
  const timeout = new Promise<boolean>((resolve) => {
    if (timeoutMs !== undefined) setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = await Promise.race([call, timeout]);
  if (answered) noteSessionEnded();
  return answered;
}

export async function logOut(): Promise<void> {
  try {
    await endServerSession();
  } finally {
    setCurrentPatron(null);
  }
}
