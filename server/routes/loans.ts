/**
 * POST /api/loans/:id/renew ([docs/rules.md#renewal](../../docs/rules.md#renewal), [docs/api.md](../../docs/api.md)). `Idempotency-Key` (optional, per patron): a replay
 * gets the first answer — same status, same body. The key is part of a store key, so it must have
 * its documented shape (IDEMPOTENCY_KEY, domain/key-shapes.ts), else 400 invalid_input.
 */
import type { H3 } from 'h3';
import type { AppContext } from '../context.ts';
import { requireSession } from '../auth/require-patron.ts';
import { apiError } from '../http/errors.ts';
import { idParam } from '../http/validate.ts';
import { renewLoan } from '../loans/renew-loan.ts';
import { RefusalError } from '../domain/refusal-error.ts';
import { IDEMPOTENCY_KEY } from '../domain/key-shapes.ts';

export function registerLoanRoutes(app: H3, ctx: AppContext): void {
  app.post('/api/loans/:id/renew', async (event) => {
    const { patronId } = await requireSession(event, ctx);
    const loanId = idParam(event, 'id');
    const key = event.req.headers.get('idempotency-key');
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) apiError('invalid_input', { fields: { field: 'Idempotency-Key' } });
    const outcome = await renewLoan(ctx, patronId, loanId, key);
    if (!outcome.ok) throw new RefusalError(outcome.refusal);
    return { loan: outcome.loan };
  });
}
