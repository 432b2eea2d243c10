/**
 * The renewal decision ([docs/rules.md#renewal](../../docs/rules.md#renewal)): pure — dates and facts in, decision out. Used both for the
 * snapshot's `renewable` / `renewBlockedBy` and for POST /api/loans/:id/renew, so the two never
 * disagree.
 *
 * When several reasons apply, the most lasting one is reported: what the item is (CD, 相互貸借),
 * then what already happened (延長済), then the card, then the queue, then the calendar — the order
 * of [docs/choices.md](../../docs/choices.md) (test/server/renewal-precedence.test.ts reads it there).
 */
import type { Category, IsoDate, MaterialType, RenewBlock } from '../../common/api.ts';
import { addDays, compareDates } from '../../common/dates.ts';
import { isCardExpired } from './patron.ts';
import { renewedDueOn } from './due-dates.ts';
import type { LibraryCalendar } from './opening-hours.ts';

export interface RenewalPolicy {
  daysBeforeDue: number;
  daysAfterDue: number;
  maxRenewals: number;
  extensionDays: number;
}

export interface RenewalFacts {
  today: IsoDate;
  dueOn: IsoDate;
  renewals: number;
  materialType: MaterialType;
  category: Category;
  interLibraryLoan: boolean;
  /** Another patron waits in the title's hold queue. */
  othersWaiting: boolean;
  cardExpiresOn: IsoDate;
}

export interface RenewWindow {
  from: IsoDate;
  to: IsoDate;
}

export type RenewalDecision =
  | { ok: true; newDueOn: IsoDate; window: RenewWindow }
  | { ok: false; blockedBy: RenewBlock; window: RenewWindow };

/** From `daysBeforeDue` before to `daysAfterDue` after the due date, both inclusive. */
export function renewWindow(dueOn: IsoDate, p: RenewalPolicy): RenewWindow {
  return { from: addDays(dueOn, -p.daysBeforeDue), to: addDays(dueOn, p.daysAfterDue) };
}

/** Where the loan is due back: its new due date moves to a day this branch opens ([docs/rules.md#opening-days](../../docs/rules.md#opening-days)). */
export interface LendingBranch {
  calendar: LibraryCalendar;
  branch: string;
}

/**
 * The window counts from the loan's stored due date, which was already moved to an open day when
 * it was set; the new due date is that date + the extension, moved again when the branch is closed.
 * Without `lending` (no calendar) the new due date is not moved.
 */
export function decideRenewal(f: RenewalFacts, p: RenewalPolicy, lending?: LendingBranch): RenewalDecision {
  const window = renewWindow(f.dueOn, p);
  const blockedBy = ((): RenewBlock | null => {
    if (f.materialType === 'cd' || f.category === 'cd') return 'not_renewable_material';
    if (f.interLibraryLoan) return 'inter_library_loan';
    if (f.renewals >= p.maxRenewals) return 'renewal_limit';
    if (isCardExpired(f.cardExpiresOn, f.today)) return 'card_expired';
    if (f.othersWaiting) return 'has_holds';
    if (compareDates(f.today, window.from) < 0 || compareDates(f.today, window.to) > 0) return 'outside_window';
    return null;
  })();
  // The new due date counts from the old one, not from today.
  if (blockedBy) return { ok: false, blockedBy, window };
  const newDueOn = lending ? renewedDueOn(lending.calendar, lending.branch, f.dueOn, p.extensionDays) : addDays(f.dueOn, p.extensionDays);
  return { ok: true, newDueOn, window };
}

/** Overdue from the day after the due date. */
export function isOverdue(dueOn: IsoDate, today: IsoDate): boolean {
  return compareDates(today, dueOn) > 0;
}
