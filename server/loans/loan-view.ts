/** A stored loan as the API shows it (common/api.ts `Loan`), with the renewal decision applied. */
import type { IsoDate, Loan } from '../../common/api.ts';
import type { LoanRecord, PatronRecord, TitleRecord } from '../domain/records.ts';
import type { Policy } from '../policy/policy.ts';
import { calendarOf } from '../library/calendar.ts';
import { decideRenewal, isOverdue, type RenewalDecision } from '../rules/renewal.ts';

export function renewalDecisionFor(
  loan: LoanRecord,
  title: Pick<TitleRecord, 'materialType' | 'category' | 'queue'>,
  patron: Pick<PatronRecord, 'id' | 'cardExpiresOn'>,
  today: IsoDate,
  policy: Policy,
): RenewalDecision {
  return decideRenewal(
    {
      today,
      dueOn: loan.dueOn,
      renewals: loan.renewals,
      materialType: title.materialType,
      category: title.category,
      interLibraryLoan: loan.interLibraryLoan,
      othersWaiting: title.queue.some((e) => e.patronId !== patron.id),
      cardExpiresOn: patron.cardExpiresOn,
    },
    policy.renewal,
    { calendar: calendarOf(policy), branch: loan.branch },
  );
}

export function toLoanView(
  loan: LoanRecord,
  title: Pick<TitleRecord, 'title' | 'materialType' | 'category' | 'queue'>,
  patron: Pick<PatronRecord, 'id' | 'cardExpiresOn'>,
  today: IsoDate,
  policy: Policy,
): Loan {
  const decision = renewalDecisionFor(loan, title, patron, today, policy);
  return {
    id: loan.id,
    bibId: loan.bibId,
    title: title.title,
    category: title.category,
    barcode: loan.barcode,
    branch: loan.branch,
    loanedOn: loan.loanedOn,
    dueOn: loan.dueOn,
    renewals: loan.renewals,
    renewable: decision.ok,
    renewBlockedBy: decision.ok ? null : decision.blockedBy,
    renewWindow: decision.window,
    overdue: isOverdue(loan.dueOn, today),
    interLibraryLoan: loan.interLibraryLoan,
  };
}
