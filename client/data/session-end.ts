/**
 * DELETE /api/session: the end of a session, for ログアウト and the kiosk's handover and wipe. Its own
 * module, loaded when a session is to end (off the shell's first load).
 */
import { ApiFailure, type Api } from './api.ts';
import { noteSessionEnded } from '../app/session-hint.ts';

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
