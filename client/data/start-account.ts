/**
 * GET /api/account asked by the start path (client/main.ts) beside GET /api/session, when the
 * first page is the account page: its first load takes this pending answer instead of asking once
 * its chunk has run and rendered. Offline and on lie-fi the SW's answer (and its timeout) start
 * that much earlier. It is the request the account page would make anyway: without a session the
 * server's 401 sends the patron to the login page, and offline the SW answers with the snapshot of
 * the patron last seen logged in. Nothing is asked on a kiosk (its start first ends the previous
 * patron's session: client/pwa/kiosk-handover.ts) or on another first page (the login page among them).
 * The answer belongs to the first page only: any navigation (a link, a redirect to the login page
 * after a 401, back and forward) drops it, so a later visit to the account page asks afresh.
 */
import type { Api, ApiResult } from './api.ts';

/** Whether the start asks for the account at once: the account page is first, on a personal device. Pure. */
export function asksAccountAtStart(start: { path: string; kiosk: boolean }): boolean {
  const accountFirst = start.path === '/' || start.path === '/account' || start.path.startsWith('/account/');
  return accountFirst && !start.kiosk;
}

let pending: Promise<ApiResult<unknown>> | null = null;

/** Asks now; a 401 sends the patron to the login page through `api` as the page's own request would. */
export function askAccountAtStart(api: Api): void {
  pending = api('/api/account');
  pending.catch(() => undefined); // not taken (the patron went elsewhere): nobody's error
  window.addEventListener('vaadin-router-go', () => (pending = null), { once: true });
}

/** The start's pending answer, once (null when none was asked, or it was taken or dropped). */
export function takeStartAccount<T>(): Promise<ApiResult<T>> | null {
  const taken = pending as Promise<ApiResult<T>> | null;
  pending = null;
  return taken;
}
