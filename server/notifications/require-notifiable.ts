/**
 * The gate of every reminders route: a logged-in patron on a device that is not a kiosk. On a
 * kiosk (KIOSK=1, a /kiosk/ page — it says so in X-Shiori-Kiosk — or a kiosk session) these routes
 * answer 404 not_found, as a server without the feature would: nothing of a patron's devices,
 * feeds or notices is offered, and no subscription is stored on a shared machine.
 */
import type { H3Event } from 'h3';
import { kioskHeaderSaysKiosk } from '../../common/kiosk.ts';
import { KIOSK_HEADER } from '../../common/offline.ts';
import type { AppContext } from '../context.ts';
import { requirePatron, type PatronAuth } from '../auth/require-patron.ts';
import { apiError } from '../http/errors.ts';

export function refuseOnKiosk(event: H3Event, ctx: AppContext): void {
  if (ctx.config.kiosk || kioskHeaderSaysKiosk(event.req.headers.get(KIOSK_HEADER))) apiError('not_found');
}

export async function requireNotifiablePatron(event: H3Event, ctx: AppContext): Promise<PatronAuth> {
  refuseOnKiosk(event, ctx);
  const auth = await requirePatron(event, ctx);
  if (auth.session.kiosk) apiError('not_found');
  return auth;
}
