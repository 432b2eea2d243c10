/**
 * メール登録・変更 (SPEC §2.8, seed §5): PUT /api/email {email, emailConfirm} → 200 {email}.
 * Both fields empty deletes the address. After a register/change the library mails the new
 * address (SMTP or the outbox); the mail follows the committed change and never fails it.
 */
import type { H3 } from 'h3';
import * as v from 'valibot';
import type { EmailResponse } from '../../common/api.ts';
import { refuseWith, refusalTexts } from '../account/refusals.ts';
import { updatePatron } from '../account/patron-update.ts';
import { requireSession } from '../auth/require-patron.ts';
import type { AppContext } from '../context.ts';
import { apiError } from '../http/errors.ts';
import { readJsonBody } from '../http/validate.ts';
import { LIBRARY_NAME } from '../mail/app-mailer.ts';
import { emailRegisteredMessage } from '../mail/messages.ts';
import { decideEmailChange, type EmailDecision } from '../rules/email.ts';

/** Generous bound on the raw field (blanks around are trimmed before the 254-character rule). */
const Field = v.pipe(v.string(), v.maxLength(1024));
const EmailBody = v.strictObject({ email: Field, emailConfirm: Field });

export function registerEmailRoutes(app: H3, ctx: AppContext): void {
  app.put('/api/email', async (event) => {
    const body = await readJsonBody(event, EmailBody);
    const { patronId } = await requireSession(event, ctx);
    const decision = await updatePatron<EmailDecision>(ctx, patronId, (patron) => {
      const decided = decideEmailChange(body, patron);
      if (decided.kind === 'set') return { patron: { ...patron, email: decided.email }, result: decided };
      if (decided.kind === 'delete') return { patron: { ...patron, email: null }, result: decided };
      return { patron: null, result: decided };
    });
    if (decision.kind === 'refused') {
      if (decision.code === 'email_in_use') {
        refuseWith(event, 409, 'email_in_use', decision.reason === 'defaults' ? refusalTexts.emailUsedByDefaults : refusalTexts.emailUsedByHolds);
      }
      apiError(400, decision.code);
    }
    event.res.headers.set('cache-control', 'no-store');
    if (decision.kind === 'delete') return { email: null } satisfies EmailResponse;
    await ctx.mailer.send(emailRegisteredMessage(decision.email, LIBRARY_NAME));
    return { email: decision.email } satisfies EmailResponse;
  });
}
