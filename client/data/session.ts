/**
 * Login state: GET/DELETE /api/session (POST, the login itself, is client/data/login.ts: the login
 * page's own chunk). The calls only report what the server said; the app
 * state (client/app/app-state.ts) records who is logged in.
 */
import type { SessionInfo } from '../../common/api.ts';
import { ApiFailure, type Api } from './api.ts';
import { noteSessionEnded, noteSessionMayLive } from '../app/session-hint.ts';

/** Who is logged in, or null (a 401 here is an answer, not a redirect). */
export async function fetchSession(api: Api): Promise<SessionInfo | null> {
  try {
    const { data } = await api<SessionInfo>('/api/session', { on401: 'throw' });
    noteSessionMayLive();
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
export async function endServerSession(api: Api, timeoutMs?: number): Promise<boolean> {
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
