/**
 * Login, session info, logout ([docs/rules.md#sessions](../../docs/rules.md#sessions), [docs/api.md](../../docs/api.md)):
 * POST /api/session {cardNumber, password, kiosk?} → 200 SessionInfo + browser-session cookie
 *   (and, outside kiosk mode, the device cookie: auth/known-devices.ts)
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
import { attemptSucceeded, beginAttempt } from '../auth/throttle.ts';
import { loginScopes } from '../auth/login-throttle.ts';
import { deviceCookieHeader, newDeviceToken, readDeviceToken, rememberDevice } from '../auth/known-devices.ts';
import { requirePatron } from '../auth/require-patron.ts';
import { credentialGeneration } from '../auth/session-store.ts';
import { clearedCookieHeader, createPatronSession, endSession, idleLimitMs, readSessionId, sessionCookieHeader } from '../auth/sessions.ts';
import { patronSummary } from '../rules/patron.ts';
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
    const kiosk = body.kiosk === true || ctx.config.kiosk;
    // A shared machine is nobody's own device: kiosk logins neither use nor get a device cookie.
    const deviceToken = kiosk ? null : readDeviceToken(ctx, event);
    const { scopes, resets } = await loginScopes(ctx, event, cardNumber, deviceToken);
    const attempt = await beginAttempt(ctx.store, ctx.clock.now(), scopes);
    const patron = cardNumber ? await findPatronByCard(ctx, cardNumber) : null;
    // One answer for unknown card, wrong password and no password yet (no enumeration).
    const ok = await verifyPassword(body.password, patron?.passwordHash ?? null);
    if (!ok || !patron) apiError('invalid_credentials');
    await attemptSucceeded(ctx.store, attempt, resets);

    const previous = readSessionId(ctx, event);
    if (previous) await endSession(ctx, previous);
    // Written only if the password checked above is still the patron's (credential generation),
    // in the transaction that writes the session; else 401 invalid_credentials.
    const sessionId = await createPatronSession(ctx, patron.id, kiosk, credentialGeneration(patron));
    event.res.headers.append('set-cookie', sessionCookieHeader(ctx, event, sessionId));
    if (!kiosk) {
      const token = deviceToken ?? newDeviceToken();
      await rememberDevice(ctx, patron.cardNumber, token);
      event.res.headers.append('set-cookie', deviceCookieHeader(ctx, event, token));
    }
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
    return new Response(null, { status: 204, headers: { 'set-cookie': clearedCookieHeader(ctx, event) } });
  });
}
