/**
 * メール登録・変更 ([docs/rules.md#e-mail](../../docs/rules.md#e-mail)): PUT /api/email {email, emailConfirm} → 200 {email}.
 * Both fields empty deletes the address. A confirmation mail goes to the new address only when the
 * address actually changes, and at most `mail.maxConfirmationsPerDay` (policy) per patron per
 * library day — counted in the transaction that changes the address, so racing registrations send
 * no more. The answer is 200 either way; the mail follows the committed change and never fails it.
 */
import type { H3 } from 'h3';
import * as v from 'valibot';
import { jsonObject } from '../http/request-shapes.ts';
import type { EmailResponse } from '../../common/api.ts';
import { updatePatron } from '../account/patron-update.ts';
import { requireSession } from '../auth/require-patron.ts';
import type { AppContext } from '../context.ts';
import { apiError } from '../http/errors.ts';
import { readJsonBody } from '../http/validate.ts';
import { LIBRARY_NAME } from '../mail/app-mailer.ts';
import { emailRegisteredMessage } from '../mail/messages.ts';
import { confirmationMail, decideEmailChange, isSameAddress, type EmailDecision } from '../rules/email.ts';

/** Generous bound on the raw field (blanks around are trimmed before the 254-character rule). */
const Field = v.pipe(v.string(), v.maxLength(1024));
const EmailBody = jsonObject({ email: Field, emailConfirm: Field });

/** What the transaction decided: the change, the address registered after it, and the confirmation mail. */
interface Outcome {
  decision: EmailDecision;
  registered: string | null;
  mail: 'send' | 'daily_limit' | 'none';
}

export function registerEmailRoutes(app: H3, ctx: AppContext): void {
  app.put('/api/email', async (event) => {
    const body = await readJsonBody(event, EmailBody);
    const { patronId } = await requireSession(event, ctx);
    const today = ctx.clock.today();
    const { decision, registered, mail } = await updatePatron<Outcome>(ctx, patronId, (patron) => {
      const decided = decideEmailChange(body, patron);
      const unchanged = { patron: null, result: { decision: decided, registered: patron.email, mail: 'none' as const } };
      if (decided.kind === 'refused') return unchanged;
      if (decided.kind === 'delete') return { patron: { ...patron, email: null }, result: { decision: decided, registered: null, mail: 'none' } };
      // The same address again: nothing changes, nothing is sent.
      if (isSameAddress(patron.email, decided.email)) return unchanged;
      const confirmation = confirmationMail(patron.emailConfirmations, today, ctx.policy.mail.maxConfirmationsPerDay);
      const counted = confirmation.send ? { emailConfirmations: confirmation.count } : {};
      return {
        patron: { ...patron, email: decided.email, ...counted },
        result: { decision: decided, registered: decided.email, mail: confirmation.send ? 'send' : confirmation.reason },
      };
    });
    if (decision.kind === 'refused') {
      if (decision.code === 'email_in_use') apiError({ code: 'email_in_use', ...(decision.reason ? { usedBy: decision.reason } : {}) });
      apiError(decision.code);
    }
    event.res.headers.set('cache-control', 'no-store');
    if (mail === 'send' && registered !== null) await ctx.mailer.send(emailRegisteredMessage(registered, LIBRARY_NAME));
    if (mail === 'daily_limit') ctx.log.info(`email: patron ${patronId} changed the address; no confirmation mail (the day's ${ctx.policy.mail.maxConfirmationsPerDay} were sent)`);
    return { email: registered } satisfies EmailResponse;
  });
}
