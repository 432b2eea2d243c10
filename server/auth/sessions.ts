/**
 * Patron sessions: lucia (ids, cookie name and parsing, invalidation) over the store adapter, plus
 * what lucia does not do here:
 * - a browser-session cookie (no Max-Age / Expires), written by hand;
 * - the idle timeout on the library clock, exactly: a session ends when more than
 *   idleTimeoutMinutes (kiosk: kioskIdleTimeoutMinutes) passed since its last authenticated request.
 */
import { Lucia, TimeSpan } from 'lucia';
import type { H3Event } from 'h3';
import type { AppContext } from '../context.ts';
import { keys } from '../domain/records.ts';
import { allSessions, createStoreAdapter, type SessionAttributes, type SessionRecord } from './session-store.ts';

export const SESSION_COOKIE = 'shiori_session';

function createLucia(ctx: AppContext) {
  return new Lucia(createStoreAdapter(ctx.store, (s) => isIdle(ctx, s)), {
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

const instances = new WeakMap<AppContext['store'], ReturnType<typeof createLucia>>();

export function luciaFor(ctx: AppContext): ReturnType<typeof createLucia> {
  let l = instances.get(ctx.store);
  if (!l) {
    l = createLucia(ctx);
    instances.set(ctx.store, l);
  }
  return l;
}

export function idleLimitMs(ctx: AppContext, kiosk: boolean): number {
  return (kiosk ? ctx.policy.kioskIdleTimeoutMinutes : ctx.policy.idleTimeoutMinutes) * 60_000;
}

export function isIdle(ctx: AppContext, s: SessionRecord, now = ctx.clock.now()): boolean {
  return now.getTime() - Date.parse(s.lastSeenAt) > idleLimitMs(ctx, s.kiosk);
}

/** A new session (a new id every time) for the patron. */
export async function createPatronSession(ctx: AppContext, patronId: string, kiosk: boolean): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const session = await luciaFor(ctx).createSession(patronId, { createdAt: now, lastSeenAt: now, kiosk });
  return session.id;
}

export function readSessionId(ctx: AppContext, event: H3Event): string | null {
  return luciaFor(ctx).readSessionCookie(event.req.headers.get('cookie') ?? '');
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
  if (exceptSessionId === undefined) return luciaFor(ctx).invalidateUserSessions(patronId);
  const ids = (await allSessions(ctx.store)).filter((s) => s.patronId === patronId && s.id !== exceptSessionId).map((s) => s.id);
  await ctx.store.transaction(async (tx) => ids.forEach((id) => tx.remove(keys.session(id))));
}

/** Forgets sessions that have been idle too long (housekeeping; they are refused anyway). */
export async function purgeIdleSessions(ctx: AppContext): Promise<void> {
  await luciaFor(ctx).deleteExpiredSessions();
}
