/**
 * Dates that must fall on an open day ([docs/rules.md#opening-days](../../docs/rules.md#opening-days)): a due date (checkout default, renewal) that lands
 * on a day the lending branch is closed moves to that branch's next open day; a 取置期限日 moves to
 * the pickup branch's next open day. A date is only ever moved later, never earlier. The renewal
 * window counts from the stored (moved) due date, so it needs nothing here.
 * Pure: a calendar, a branch and dates in, a date out.
 */
import type { BranchCode, IsoDate } from '../../common/api.ts';
import { addDays } from '../../common/dates.ts';
import { nextOpenDay } from './open-days.ts';
import type { LibraryCalendar } from './opening-hours.ts';

/** The default due date of a checkout: `loanedOn + periodDays`, on a day `branch` opens. */
export function loanDueOn(calendar: LibraryCalendar, branch: BranchCode, loanedOn: IsoDate, periodDays: number): IsoDate {
  return nextOpenDay(calendar, branch, addDays(loanedOn, periodDays));
}

/** A renewal's due date: the old due date + `extensionDays` (not today + …), on a day `branch` opens. */
export function renewedDueOn(calendar: LibraryCalendar, branch: BranchCode, dueOn: IsoDate, extensionDays: number): IsoDate {
  return nextOpenDay(calendar, branch, addDays(dueOn, extensionDays));
}

/** 取置期限日 of a hold made ready on `readyOn`: `readyOn + pickupPeriodDays`, on a day the pickup branch opens. */
export function pickupDeadline(calendar: LibraryCalendar, pickupBranch: BranchCode, readyOn: IsoDate, pickupPeriodDays: number): IsoDate {
  return nextOpenDay(calendar, pickupBranch, addDays(readyOn, pickupPeriodDays));
}
