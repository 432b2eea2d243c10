/**
 * Login state: GET /api/session. (POST, the login, is client/data/login.ts; DELETE, the end of a
 * session, client/data/session-end.ts: each travels with what uses it, off the shell's first load.)
 * The calls only report what the server said; the app state (client/app/app-state.ts) records who
 * is logged in.
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
