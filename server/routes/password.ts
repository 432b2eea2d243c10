/**
 * Passwords ([docs/rules.md#sessions](../../docs/rules.md#sessions), [docs/rules.md#passwords](../../docs/rules.md#passwords)):
 * PUT /api/password {currentPassword, newPassword, newPasswordConfirm} → 204; ends the patron's
 *   other sessions (this one stays).
 * POST /api/password-issuance {cardNumber, birthDate, newPassword, newPasswordConfirm} → 201:
 *   a first password for a card that has none, proven by card number + date of birth; throttled
 *   like login.
 */
import type { H3 } from 'h3';
import * as v from 'valibot';
import { updatePatron } from '../account/patron-update.ts';
import { hashPassword, verifyPassword } from '../auth/password-hash.ts';
import { requirePatron } from '../auth/require-patron.ts';
import { credentialGeneration, endSessionsForNewGeneration } from '../auth/session-store.ts';
import { sessionTtl } from '../auth/sessions.ts';
import { attemptSucceeded, beginAttempt, loginLimits } from '../auth/throttle.ts';
import type { AppContext } from '../context.ts';
import { keys, type PatronRecord } from '../domain/records.ts';
import { apiError } from '../http/errors.ts';
import { readJsonBody } from '../http/validate.ts';
import { checkNewPassword, PASSWORD_MAX_LENGTH } from '../rules/password-policy.ts';
import { isIsoDate } from '../../common/dates.ts';
import { clientAddressKeyPart } from '../http/client-address.ts';
import { wellFormedCard, jsonObject } from '../http/request-shapes.ts';

/** Bounded before hashing; the policy itself allows far less. */
const Secret = v.pipe(v.string(), v.maxLength(256));

const ChangeBody = jsonObject({ currentPassword: Secret, newPassword: Secret, newPasswordConfirm: Secret });
const IssuanceBody = jsonObject({
  // Any text: one that is not a card number fails verification like a wrong one, and counts.
  cardNumber: v.string(),
  birthDate: v.pipe(v.string(), v.check(isIsoDate, 'expected YYYY-MM-DD')),
  newPassword: Secret,
  newPasswordConfirm: Secret,
});

function refuseNewPassword(newPassword: string, confirmation: string): void {
  const problem = checkNewPassword(newPassword, confirmation);
  // The policy's words speak of the minimum; they name the maximum when that is what is passed.
  if (problem === 'password_policy' && newPassword.length > PASSWORD_MAX_LENGTH) {
    apiError({ code: 'password_policy', maxLength: PASSWORD_MAX_LENGTH });
  }
  if (problem) apiError(problem);
}

export function registerPasswordRoutes(app: H3, ctx: AppContext): void {
  app.put('/api/password', async (event) => {
    const body = await readJsonBody(event, ChangeBody);
    const { patronId, patron, session } = await requirePatron(event, ctx);
    // Guessing the current password from a session left open (a kiosk) is throttled like login.
    const attempt = await beginAttempt(ctx.store, ctx.clock.now(), [
      { scope: 'password-change', id: patronId, limit: loginLimits(ctx.policy).perCard },
    ]);
    if (!(await verifyPassword(body.currentPassword, patron.passwordHash))) apiError('wrong_password');
    await attemptSucceeded(ctx.store, attempt, ['password-change']);
    refuseNewPassword(body.newPassword, body.newPasswordConfirm);
    const hash = await hashPassword(body.newPassword);
    // The new password, a new credential generation and the end of the other sessions commit
    // together: a login whose password check ran before this commit gets no session (its
    // generation is the old one), and one already written is ended through the index.
    await updatePatron(ctx, patronId, async (current, tx) => {
      // Another change won the race since the check: this one was made against an old password.
      if (current.passwordHash !== patron.passwordHash) apiError('wrong_password');
      const generation = credentialGeneration(current) + 1;
      await endSessionsForNewGeneration(tx, patronId, session.id, generation, sessionTtl(ctx));
      return { patron: { ...current, passwordHash: hash, credentialGeneration: generation }, result: null };
    });
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  });

  app.post('/api/password-issuance', async (event) => {
    const body = await readJsonBody(event, IssuanceBody);
    // The new password is checked first: it reveals nothing about the card and costs no attempt.
    refuseNewPassword(body.newPassword, body.newPasswordConfirm);
    const cardNumber = wellFormedCard(body.cardNumber);
    const limits = loginLimits(ctx.policy);
    const attempt = await beginAttempt(ctx.store, ctx.clock.now(), [
      ...(cardNumber ? [{ scope: 'issue-card', id: cardNumber, limit: limits.perCard }] : []),
      { scope: 'issue-addr', id: clientAddressKeyPart(event, ctx.config.trustProxy), limit: limits.perAddress },
    ]);
    const patronId = cardNumber ? await ctx.store.get<string>(keys.card(cardNumber)) : null;
    const patron = patronId ? await ctx.store.get<PatronRecord>(keys.patron(patronId)) : null;
    // One answer for an unknown card and a wrong date of birth (no enumeration of cards).
    if (!patron || patron.birthDate !== body.birthDate) apiError('verification_failed');
    await attemptSucceeded(ctx.store, attempt, ['issue-card']);
    if (patron.passwordHash !== null) apiError('already_issued');
    const hash = await hashPassword(body.newPassword);
    await updatePatron(ctx, patron.id, (current) => {
      if (current.passwordHash !== null) apiError('already_issued');
      return { patron: { ...current, passwordHash: hash, credentialGeneration: credentialGeneration(current) + 1 }, result: null };
    });
    event.res.status = 201;
    event.res.headers.set('cache-control', 'no-store');
    return {};
  });
}
