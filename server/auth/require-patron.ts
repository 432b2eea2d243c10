/**
 * `requirePatron(event, ctx)`: the gate of every patron route. 401 unauthenticated without a live
 * session — none, idle past its timeout, past its absolute lifetime, created under a password
 * the patron has changed since (credential generation), or whose patron is gone. A session found
 * so is ended for good (a clock moved back later does not revive it).
 *
 * Otherwise the request counts as activity (in memory: sessions.ts flushes it every few seconds, so
 * a request that only reads never waits for a durable write) — unless it carries
 * `X-Shiori-Background: 1`: the service worker's own replays (GET /api/session, queued renewals)
 * are served but leave the idle clock where the patron left it.
 * The patron record is returned (frozen: it is the store's shared copy).
 */
import type { H3Event } from 'h3';
import type { AppContext } from '../context.ts';
import { keys, type PatronRecord } from '../domain/records.ts';
import { apiError } from '../http/errors.ts';
import { BoundedCache } from '../storage/bounded-cache.ts';
import { BACKGROUND_HEADER, BACKGROUND_HEADER_VALUE } from '../../common/offline.ts';
import { sessionMatchesPatron, type SessionRecord } from './session-store.ts';
import { clearedCookieHeader, endSession, isIdle, isPastLifetime, readSessionId, sessionActivity } from './sessions.ts';

/**
 * Which patron a session belongs to, for sessions this process has seen (a session never changes
 * patron): a hint only, so the gate can ask for the session and its patron together — one round
 * trip on Redis instead of two. The session record read with it decides; a wrong or stale hint
 * only costs the second read.
 */
const patronOfSession = new BoundedCache<string>(4 * 1024 * 1024, (sessionId, patronId) => sessionId.length + patronId.length + 64);

export interface PatronAuth {
  patronId: string;
  patron: PatronRecord;
  session: SessionRecord;
  /**
   * The route's `alongside` keys and their values, read in the same step as `patron` (one state
   * with it); undefined when the gate could not read them so (a session this process has not seen).
   */
  alongside?: { keys: readonly string[]; values: readonly unknown[] };
}

export interface GateOptions {
  /**
   * Keys the route will read with the patron (GET /api/account: its titles), read in the gate's
   * own read when the gate knows the session's patron: one round trip on Redis for the whole view.
   */
  alongside?: (patronId: string) => readonly string[];
}

export interface SessionAuth {
  patronId: string;
  session: SessionRecord;
}

/**
 * The session check alone, for a route that reads the patron itself in its own transaction or
 * view (GET /api/account reads it with its titles as one state). The gate has read the patron too
 * (a shared cached copy), so a stale generation or a removed patron is already refused here.
 */
export async function requireSession(event: H3Event, ctx: AppContext): Promise<SessionAuth> {
  const { patronId, session } = await requirePatron(event, ctx);
  return { patronId, session };
}

export async function requirePatron(event: H3Event, ctx: AppContext, { alongside }: GateOptions = {}): Promise<PatronAuth> {
  const sessionId = readSessionId(ctx, event);
  if (!sessionId) apiError('unauthenticated');
  function refuse(): never {
    apiError('unauthenticated', { headers: { 'Set-Cookie': clearedCookieHeader(ctx, event) } });
  }
  const now = ctx.clock.now();
  // The session and (when this process has seen the session before) its patron, with what the
  // route reads beside it, in one read.
  const hint = patronOfSession.get(sessionId);
  const besideKeys = hint && alongside ? alongside(hint) : [];
  const [stored, hintedPatron, ...besideValues] = hint
    ? ((await ctx.store.getMany<unknown>([keys.session(sessionId), keys.patron(hint), ...besideKeys])) as [SessionRecord | null, PatronRecord | null, ...unknown[]])
    : [await ctx.store.get<SessionRecord>(keys.session(sessionId)), null];
  if (!stored) refuse();
  patronOfSession.set(sessionId, stored.patronId);
  const activity = sessionActivity(ctx);
  const session = { ...stored, lastSeenAt: activity.lastSeenAt(stored) };
  const ended = isIdle(ctx, session, now) || isPastLifetime(ctx, session, now);
  const hinted = stored.patronId === hint;
  const patron = ended ? null : hinted ? hintedPatron : await ctx.store.get<PatronRecord>(keys.patron(session.patronId));
  // Ended, or the patron changed the password since (or is gone): this session is over.
  if (!patron || !sessionMatchesPatron(session, patron)) {
    await endSession(ctx, sessionId);
    refuse();
  }
  const withAlongside = hinted && alongside ? { alongside: { keys: besideKeys, values: besideValues } } : {};
  if (event.req.headers.get(BACKGROUND_HEADER) === BACKGROUND_HEADER_VALUE) return { patronId: session.patronId, patron, session, ...withAlongside };
  const seenAt = now.toISOString();
  activity.touch(sessionId, seenAt);
  return { patronId: session.patronId, patron, session: { ...session, lastSeenAt: seenAt }, ...withAlongside };
}
