/**
 * Renewing a loan: the rule check and the write in one store transaction (so ten racing renewals
 * of one loan renew it once), and the answer remembered under the request's Idempotency-Key so a
 * replay gets the first answer again instead of a second renewal or an error. An answer belongs to
 * the loan it was given for: the same key on another loan is refused (idempotency_key_reused), never answered with
 * the first loan's result. Answers are replayed for ANSWER_KEEP_DAYS, then expire from the store.
 */
import type { ErrorCode, Loan, RenewBlock } from '../../common/api.ts';
import type { Refusal } from '../../common/refusals.ts';
import type { AppContext } from '../context.ts';
import { keys, type IdempotentAnswer, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import { ANSWER_TTL_SECONDS, isAnswerStale } from '../rules/idempotency.ts';
import type { RenewWindow } from '../rules/renewal.ts';
import { renewalDecisionFor, toLoanView } from './loan-view.ts';

/** A refusal carries what its words need (the loan's window, the policy's renewals: common/refusals.ts). */
export type RenewOutcome = { ok: true; loan: Loan } | { ok: false; refusal: Refusal };

/** How an answer is kept: the loan, or the refusal's code and parameters (answers written by earlier versions also kept an HTTP status: ignored, the code says it). */
type StoredBody = { loan: Loan } | { code: ErrorCode; params?: Record<string, unknown> };

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
    // The patron first (the session gate has just read it, so on Redis it is usually known without
    // asking): then the stored answer and the loan's title are read together, in one step. A stored
    // answer is there only for a replay: on Redis a first attempt takes it as absent unless this
    // instance knows otherwise, and the commit confirms it (a replay then runs once more and finds it).
    const patron = await tx.get<PatronRecord>(keys.patron(patronId));
    const loan = patron?.loans.find((l) => l.id === loanId);
    const idemKey = idempotencyKey ? keys.idempotency(patronId, idempotencyKey) : null;
    const [first, title] = await Promise.all([
      idemKey ? tx.get<IdempotentAnswer>(idemKey, { usuallyAbsent: true }) : null,
      loan ? tx.get<TitleRecord>(keys.title(loan.bibId)) : null,
    ]);
    if (first && !isAnswerStale(first.storedAt, now)) {
      const answeredFor = answeredLoanId(first);
      if (answeredFor !== null && answeredFor !== loanId) return { ok: false, refusal: { code: 'idempotency_key_reused' } };
      return fromStored(first.body as StoredBody);
    }
    const outcome = decide();
    if (idemKey) {
      const answer: IdempotentAnswer = { body: toStored(outcome), storedAt: now.toISOString(), loanId };
      tx.set(idemKey, answer, { ttlSeconds: ANSWER_TTL_SECONDS });
    }
    return outcome;

    function decide(): RenewOutcome {
      if (!patron || !loan || !title) return { ok: false, refusal: { code: 'not_found' } };
      const decision = renewalDecisionFor(loan, title, patron, today, ctx.policy);
      if (!decision.ok) return { ok: false, refusal: renewalRefusal(decision.blockedBy, decision.window, ctx.policy.renewal.maxRenewals) };
      const renewed = { ...loan, dueOn: decision.newDueOn, renewals: loan.renewals + 1 };
      tx.set(keys.patron(patronId), { ...patron, loans: patron.loans.map((l) => (l.id === loanId ? renewed : l)) });
      tx.set(keys.title(title.bibId), {
        ...title,
        copies: title.copies.map((c) => (c.barcode === loan.barcode && c.loanId === loanId ? { ...c, dueOn: renewed.dueOn } : c)),
      });
      return { ok: true, loan: toLoanView(renewed, title, patron, today, ctx.policy) };
    }
  });
}

/** A renewal's refusal with what its words need: the loan's window, the policy's number of renewals. */
function renewalRefusal(blockedBy: RenewBlock, window: RenewWindow, maxRenewals: number): Refusal {
  if (blockedBy === 'outside_window') return { code: blockedBy, ...window };
  if (blockedBy === 'renewal_limit') return { code: blockedBy, maxRenewals };
  return { code: blockedBy };
}

function toStored(outcome: RenewOutcome): StoredBody {
  if (outcome.ok) return { loan: outcome.loan };
  const { code, ...params } = outcome.refusal;
  return { code, ...(Object.keys(params).length > 0 ? { params } : {}) };
}

function fromStored(body: StoredBody): RenewOutcome {
  if ('loan' in body) return { ok: true, loan: body.loan };
  return { ok: false, refusal: { ...body.params, code: body.code } as Refusal };
}
