/**
 * `requirePatron(event, ctx)`: the gate of every patron route. 401 unauthenticated without a live
 * session; otherwise the session's idle time restarts (in the same transaction as the check) and
 * the patron record is returned.
 */
import type { H3Event } from 'h3';
import type { AppContext } from '../context.ts';
import { keys, type PatronRecord } from '../domain/records.ts';
import { apiError } from '../http/errors.ts';
import type { SessionRecord } from './session-store.ts';
import { clearedCookieHeader, isIdle, readSessionId } from './sessions.ts';

export interface PatronAuth {
  patronId: string;
  patron: PatronRecord;
  session: SessionRecord;
}

export async function requirePatron(event: H3Event, ctx: AppContext): Promise<PatronAuth> {
  const sessionId = readSessionId(ctx, event);
  if (!sessionId) apiError(401, 'unauthenticated');
  const now = ctx.clock.now();
  const auth = await ctx.store.transaction(async (tx) => {
    const session = await tx.get<SessionRecord>(keys.session(sessionId));
    if (!session) return null;
    const patron = await tx.get<PatronRecord>(keys.patron(session.patronId));
    if (!patron || isIdle(ctx, session, now)) {
      tx.remove(keys.session(sessionId));
      return null;
    }
    const refreshed = { ...session, lastSeenAt: now.toISOString() };
    tx.set(keys.session(sessionId), refreshed);
    return { patronId: patron.id, patron, session: refreshed };
  });
  if (!auth) apiError(401, 'unauthenticated', { headers: { 'Set-Cookie': clearedCookieHeader(event) } });
  return auth;
}
