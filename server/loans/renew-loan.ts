/**
 * Renewing a loan: the rule check and the write in one store transaction (so ten racing renewals
 * of one loan renew it once), and the answer remembered under the request's Idempotency-Key so a
 * replay gets the first answer again instead of a second renewal or an error. An answer belongs to
 * the loan it was given for: the same key on another loan is refused (422), never answered with
 * the first loan's result. Answers are replayed for ANSWER_KEEP_DAYS, then expire from the store.
 */
import type { ErrorCode, Loan } from '../../common/api.ts';
import type { AppContext } from '../context.ts';
import { keys, type IdempotentAnswer, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import { ANSWER_TTL_SECONDS, isAnswerStale } from '../rules/idempotency.ts';
import { renewalDecisionFor, toLoanView } from './loan-view.ts';

/** A refusal carries what its words need (the loan's window, the policy's renewals: common/refusals.ts). */
export type RenewOutcome = { status: 200; loan: Loan } | { status: 404 | 409 | 422; code: ErrorCode; params?: Record<string, unknown> };

interface StoredOutcome {
  status: number;
  body: { loan: Loan } | { code: ErrorCode; params?: Record<string, unknown> };
}

/** The loan an answer was given for (answers stored before v2 name it only in a 200's body). */
function answeredLoanId(answer: IdempotentAnswer): string | null {
  if (answer.loanId !== undefined) return answer.loanId;
  const body = answer.body as { loan?: { id?: unknown } } | null;
  return typeof body?.loan?.id === 'string' ? body.loan.id : null;
}

export async function renewLoan(ctx: AppContext, patronId: string, loanId: string, idempotencyKey: string | null): Promise<RenewOutcome> {
  const today = ctx.clock.today();
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx): Promise<RenewOutcome> => {
    const idemKey = idempotencyKey ? keys.idempotency(patronId, idempotencyKey) : null;
    if (idemKey) {
      const first = await tx.get<IdempotentAnswer>(idemKey);
      if (first && !isAnswerStale(first.storedAt, now)) {
        const answeredFor = answeredLoanId(first);
        if (answeredFor !== null && answeredFor !== loanId) return { status: 422, code: 'idempotency_key_reused' };
        return fromStored(first as unknown as StoredOutcome);
      }
    }
    const outcome = await decide();
    if (idemKey) {
      const stored: StoredOutcome = outcome.status === 200 ? { status: 200, body: { loan: outcome.loan } } : { status: outcome.status, body: { code: outcome.code, ...(outcome.params ? { params: outcome.params } : {}) } };
      const answer: IdempotentAnswer = { ...stored, storedAt: now.toISOString(), loanId };
      tx.set(idemKey, answer, { ttlSeconds: ANSWER_TTL_SECONDS });
    }
    return outcome;

    async function decide(): Promise<RenewOutcome> {
      const patron = await tx.get<PatronRecord>(keys.patron(patronId));
      const loan = patron?.loans.find((l) => l.id === loanId);
      if (!patron || !loan) return { status: 404, code: 'not_found' };
      const title = await tx.get<TitleRecord>(keys.title(loan.bibId));
      if (!title) return { status: 404, code: 'not_found' };
      const decision = renewalDecisionFor(loan, title, patron, today, ctx.policy);
      if (!decision.ok) {
        const params = decision.blockedBy === 'outside_window' ? { ...decision.window } : decision.blockedBy === 'renewal_limit' ? { maxRenewals: ctx.policy.renewal.maxRenewals } : undefined;
        return { status: 409, code: decision.blockedBy, ...(params ? { params } : {}) };
      }
      const renewed = { ...loan, dueOn: decision.newDueOn, renewals: loan.renewals + 1 };
      tx.set(keys.patron(patronId), { ...patron, loans: patron.loans.map((l) => (l.id === loanId ? renewed : l)) });
      tx.set(keys.title(title.bibId), {
        ...title,
        copies: title.copies.map((c) => (c.barcode === loan.barcode && c.loanId === loanId ? { ...c, dueOn: renewed.dueOn } : c)),
      });
      return { status: 200, loan: toLoanView(renewed, title, patron, today, ctx.policy) };
    }
  });
}

function fromStored(s: StoredOutcome): RenewOutcome {
  if (s.status === 200 && 'loan' in s.body) return { status: 200, loan: s.body.loan };
  const body = s.body as { code: ErrorCode; params?: Record<string, unknown> };
  return { status: s.status as 404 | 409, code: body.code, ...(body.params ? { params: body.params } : {}) };
}
