/** Login state: POST/GET/DELETE /api/session, and a tiny observable of who is logged in. */
import type { PatronSummary, SessionInfo } from '../../common/api.ts';
import { api } from './api.ts';
import { setCurrentPatron } from '../app/session-state.ts';

export { SESSION_CHANGED_EVENT, currentPatron, setCurrentPatron } from '../app/session-state.ts';

export async function logIn(cardNumber: string, password: string, kiosk: boolean): Promise<PatronSummary> {
  const body = kiosk ? { cardNumber, password, kiosk: true } : { cardNumber, password };
  const { data } = await api<{ patron: PatronSummary }>('/api/session', { method: 'POST', body, on401: 'throw' });
  setCurrentPatron(data.patron);
  return data.patron;
}

/** Who is logged in, or null (a 401 here is an answer, not a redirect). */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const { data } = await api<SessionInfo>('/api/session', { on401: 'throw' });
    setCurrentPatron(data.patron);
    return data;
  } catch {
    return null;
  }
}

export async function logOut(): Promise<void> {
  try {
    await api<null>('/api/session', { method: 'DELETE', on401: 'throw' });
  } finally {
    setCurrentPatron(null);
  }
}
