/**
 * Login, session info, logout (SPEC §2.1, §7):
 * POST /api/session {cardNumber, password, kiosk?} → 200 SessionInfo + browser-session cookie
 * GET /api/session → 200 SessionInfo | 401;  DELETE /api/session → 204.
 */
import type { H3 } from 'h3';
import * as v from 'valibot';
import type { SessionInfo } from '../../common/api.ts';
import type { AppContext } from '../context.ts';
import { keys, type PatronRecord } from '../domain/records.ts';
import { apiError } from '../http/errors.ts';
import { readJsonBody } from '../http/validate.ts';
import { verifyPassword } from '../auth/password-hash.ts';
import { attemptSucceeded, beginAttempt, loginLimits } from '../auth/throttle.ts';
import { requirePatron } from '../auth/require-patron.ts';
import { clearedCookieHeader, createPatronSession, endSession, idleLimitMs, readSessionId, sessionCookieHeader } from '../auth/sessions.ts';
import { patronSummary } from '../rules/patron.ts';
import { clientAddressKeyPart } from '../http/client-address.ts';
import { wellFormedCard, jsonObject } from '../http/request-shapes.ts';

const LoginBody = jsonObject({
  // Any text: one that is not a card number (CARD_NUMBER) fails like a wrong password, and counts.
  cardNumber: v.string(),
  password: v.pipe(v.string(), v.maxLength(256)),
  kiosk: v.optional(v.boolean()),
});

function sessionInfo(ctx: AppContext, patron: PatronRecord, kiosk: boolean): SessionInfo {
  return {
    patron: patronSummary(patron, ctx.clock.today()),
    kiosk,
    idleTimeoutSeconds: idleLimitMs(ctx, kiosk) / 1000,
  };
}

async function findPatronByCard(ctx: AppContext, cardNumber: string): Promise<PatronRecord | null> {
  const patronId = await ctx.store.get<string>(keys.card(cardNumber));
  return patronId ? ctx.store.get<PatronRecord>(keys.patron(patronId)) : null;
}

export function registerSessionRoutes(app: H3, ctx: AppContext): void {
  app.post('/api/session', async (event) => {
    const body = await readJsonBody(event, LoginBody);
    const cardNumber = wellFormedCard(body.cardNumber);
    const limits = loginLimits(ctx.policy);
    // A malformed card number names no card: it is a failure of the address alone.
    const attempt = await beginAttempt(ctx.store, ctx.clock.now(), [
      ...(cardNumber ? [{ scope: 'login-card', id: cardNumber, limit: limits.perCard }] : []),
      { scope: 'login-addr', id: clientAddressKeyPart(event, ctx.config.trustProxy), limit: limits.perAddress },
    ]);
    const patron = cardNumber ? await findPatronByCard(ctx, cardNumber) : null;
    // One answer for unknown card, wrong password and no password yet (no enumeration).
    const ok = await verifyPassword(body.password, patron?.passwordHash ?? null);
    if (!ok || !patron) apiError(401, 'invalid_credentials');
    await attemptSucceeded(ctx.store, attempt, ['login-card']);

    const previous = readSessionId(ctx, event);
    if (previous) await endSession(ctx, previous);
    const kiosk = body.kiosk === true || ctx.config.kiosk;
    // Sessions idle past their timeout are refused, and expire from the store by themselves.
    const sessionId = await createPatronSession(ctx, patron.id, kiosk);
    event.res.headers.append('set-cookie', sessionCookieHeader(event, sessionId));
    event.res.headers.set('cache-control', 'no-store');
    return sessionInfo(ctx, patron, kiosk);
  });

  app.get('/api/session', async (event) => {
    const { patron, session } = await requirePatron(event, ctx);
    event.res.headers.set('cache-control', 'no-store');
    return sessionInfo(ctx, patron, session.kiosk);
  });

  app.delete('/api/session', async (event) => {
    const sessionId = readSessionId(ctx, event);
    if (sessionId) await endSession(ctx, sessionId);
    return new Response(null, { status: 204, headers: { 'set-cookie': clearedCookieHeader(event) } });
  });
}
