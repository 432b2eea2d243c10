/**
 * `requirePatron(event, ctx)`: the gate of every patron route. 401 unauthenticated without a live
 * session; otherwise the request counts as activity (in memory: sessions.ts flushes it every few
 * seconds, so a request that only reads never waits for a durable write) and the patron record is
 * returned (frozen: it is the store's shared copy). A session found idle, or whose patron is gone, is ended for good (a clock moved back
 * later does not revive it).
 */
import type { H3Event } from 'h3';
import type { AppContext } from '../context.ts';
import { keys, type PatronRecord } from '../domain/records.ts';
import { apiError } from '../http/errors.ts';
import type { SessionRecord } from './session-store.ts';
import { clearedCookieHeader, endSession, isIdle, readSessionId, sessionActivity } from './sessions.ts';

export interface PatronAuth {
  patronId: string;
  patron: PatronRecord;
  session: SessionRecord;
}

export interface SessionAuth {
  patronId: string;
  session: SessionRecord;
}

/**
 * The session check alone, for a route that reads the patron itself (GET /api/account reads it
 * with its titles as one state): the caller answers 401 when that patron is gone.
 */
export async function requireSession(event: H3Event, ctx: AppContext): Promise<SessionAuth> {
  return (await authenticate(event, ctx, false)) as SessionAuth;
}

export async function requirePatron(event: H3Event, ctx: AppContext): Promise<PatronAuth> {
  return (await authenticate(event, ctx, true)) as PatronAuth;
}

async function authenticate(event: H3Event, ctx: AppContext, withPatron: boolean): Promise<SessionAuth | PatronAuth> {
  const sessionId = readSessionId(ctx, event);
  if (!sessionId) apiError(401, 'unauthenticated');
  function refuse(): never {
    apiError(401, 'unauthenticated', { headers: { 'Set-Cookie': clearedCookieHeader(event) } });
  }
  const now = ctx.clock.now();
  const stored = await ctx.store.get<SessionRecord>(keys.session(sessionId));
  if (!stored) refuse();
  const activity = sessionActivity(ctx);
  const session = { ...stored, lastSeenAt: activity.lastSeenAt(stored) };
  const idle = isIdle(ctx, session, now);
  const patron = idle || !withPatron ? null : await ctx.store.get<PatronRecord>(keys.patron(session.patronId));
  if (idle || (withPatron && !patron)) {
    await endSession(ctx, sessionId);
    refuse();
  }
  const seenAt = now.toISOString();
  activity.touch(sessionId, seenAt);
  const auth: SessionAuth = { patronId: session.patronId, session: { ...session, lastSeenAt: seenAt } };
  return patron ? { ...auth, patron } : auth;
}
