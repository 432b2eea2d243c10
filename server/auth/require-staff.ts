/**
 * `requireStaff(event, ctx)`: the gate of every /api/staff route. The staff API exists only when
 * STAFF_TOKEN is set; the request must carry `Authorization: Bearer <token>`. Anything else: 401.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { H3Event } from 'h3';
import type { AppContext } from '../context.ts';
import { apiError } from '../http/errors.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function requireStaff(event: H3Event, ctx: AppContext): void {
  const token = ctx.config.staffToken;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(event.req.headers.get('authorization') ?? '');
  if (!token || !m || !timingSafeEqual(digest(m[1]!), digest(token))) {
    apiError('unauthenticated', { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
}
