/**
 * POST /api/session: the login. Its own module so that it travels with the login page, not the
 * shell. It only reports what the server said; the app state (client/app/app-state.ts) records who
 * is logged in.
 */
import type { SessionInfo } from '../../common/api.ts';
import { ApiFailure, type Api } from './api.ts';
import { noteSessionEnded, noteSessionMayLive, sessionMayLive } from '../app/session-hint.ts';

export async function logIn(api: Api, cardNumber: string, password: string, kiosk: boolean): Promise<SessionInfo> {
  const body = kiosk ? { cardNumber, password, kiosk: true } : { cardNumber, password };
  // Noted before sending: if the answer is lost, the server may have made the session anyway.
  const hadSession = sessionMayLive();
  noteSessionMayLive();
  try {
    const { data } = await api<SessionInfo>('/api/session', { method: 'POST', body, on401: 'throw' });
    return data;
  } catch (error) {
    // A refusal (wrong password, throttled…) made no session.
    if (!hadSession && error instanceof ApiFailure && error.status >= 400 && error.status < 500) noteSessionEnded();
    throw error;
  }
}
