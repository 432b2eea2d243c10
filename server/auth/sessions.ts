/**
 * Patron sessions: lucia (session ids, invalidation) over the store adapter, plus what lucia does
 * not do here:
 * - a browser-session cookie (no Max-Age / Expires), written by hand, and read with h3's cookie
 *   parser: a malformed cookie header (ours, or `analytics=100%` from another app on the host) or
 *   an id that is not of lucia's shape means "no session", and never becomes a store key;
 * - the idle timeout on the library clock: a session ends when more than idleTimeoutMinutes
 *   (kiosk: kioskIdleTimeoutMinutes) passed since its last authenticated request. The request times
 *   are kept in memory and flushed every few seconds (session-activity.ts for the bound).
 */
import { Lucia, TimeSpan } from 'lucia';
import { getCookie, type H3Event } from 'h3';
import type { AppContext } from '../context.ts';
import { SessionActivity } from './session-activity.ts';
import {
  createStoreAdapter,
  removePatronSessions,
  SESSION_ID,
  SESSION_TTL_SLACK_SECONDS,
  type SessionAttributes,
  type SessionRecord,
  type SessionTtl,
} from './session-store.ts';

export const SESSION_COOKIE = 'shiori_session';

function sessionTtl(ctx: AppContext): SessionTtl {
  return (kiosk) => idleLimitMs(ctx, kiosk) / 1000 + SESSION_TTL_SLACK_SECONDS;
}

function createLucia(ctx: AppContext) {
  return new Lucia(createStoreAdapter(ctx.store, sessionTtl(ctx)), {
    sessionExpiresIn: new TimeSpan(400, 'd'),
    sessionCookie: { name: SESSION_COOKIE, expires: false, attributes: { sameSite: 'lax' } },
    getSessionAttributes: (a: SessionAttributes) => a,
  });
}

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: SessionAttributes;
    UserId: string;
  }
}

interface SessionServices {
  lucia: ReturnType<typeof createLucia>;
  activity: SessionActivity;
}

const services = new WeakMap<AppContext['store'], SessionServices>();

function servicesFor(ctx: AppContext): SessionServices {
  let s = services.get(ctx.store);
  if (!s) {
    s = { lucia: createLucia(ctx), activity: new SessionActivity(ctx.store, sessionTtl(ctx)) };
    services.set(ctx.store, s);
  }
  return s;
}

export function luciaFor(ctx: AppContext): ReturnType<typeof createLucia> {
  return servicesFor(ctx).lucia;
}

/** This instance's record of recent requests per session (flushed every few seconds). */
export function sessionActivity(ctx: AppContext): SessionActivity {
  return servicesFor(ctx).activity;
}

/** Writes the pending request times and stops the flush timer (server shutdown, test teardown). */
export async function closeSessionActivity(ctx: AppContext): Promise<void> {
  await services.get(ctx.store)?.activity.close();
}

export function idleLimitMs(ctx: AppContext, kiosk: boolean): number {
  return (kiosk ? ctx.policy.kioskIdleTimeoutMinutes : ctx.policy.idleTimeoutMinutes) * 60_000;
}

/** Idle: more than the limit since `lastSeenAt` (pass the later of stored and in-memory). */
export function isIdle(ctx: AppContext, s: Pick<SessionRecord, 'lastSeenAt' | 'kiosk'>, now = ctx.clock.now()): boolean {
  return now.getTime() - Date.parse(s.lastSeenAt) > idleLimitMs(ctx, s.kiosk);
}

/** A new session (a new id every time) for the patron. */
export async function createPatronSession(ctx: AppContext, patronId: string, kiosk: boolean): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const session = await luciaFor(ctx).createSession(patronId, { createdAt: now, lastSeenAt: now, kiosk });
  return session.id;
}

/** The session id the request carries, or null (no cookie, a malformed one, or not of our shape). */
export function readSessionId(_ctx: AppContext, event: H3Event): string | null {
  const value = getCookie(event, SESSION_COOKIE);
  return value !== undefined && SESSION_ID.test(value) ? value : null;
}

/** Secure only over HTTPS (also behind a proxy that says so), so plain http://localhost works. */
function secureRequest(event: H3Event): boolean {
  return event.url.protocol === 'https:' || event.req.headers.get('x-forwarded-proto') === 'https';
}

/** Set-Cookie for a browser-session cookie: no Max-Age, no Expires. */
export function sessionCookieHeader(event: H3Event, sessionId: string): string {
  return `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax${secureRequest(event) ? '; Secure' : ''}`;
}

export function clearedCookieHeader(event: H3Event): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secureRequest(event) ? '; Secure' : ''}`;
}

export async function endSession(ctx: AppContext, sessionId: string): Promise<void> {
  await luciaFor(ctx).invalidateSession(sessionId);
}

/** Ends every session of the patron except `exceptSessionId` (e.g. after a password change). */
export async function invalidatePatronSessions(ctx: AppContext, patronId: string, exceptSessionId?: string): Promise<void> {
  await ctx.store.transaction((tx) => removePatronSessions(tx, patronId, exceptSessionId));
}
