/**
 * Open days of a branch: the next day it opens, and its coming days one by one. Built on the one
 * schedule (`statusOn` in opening-hours.ts: weekly closed days, annual closures, closed dates), so
 * "is the branch open that day" is decided in one place for due dates, 取置期限日, 各館案内 and the
 * calendar feed alike.
 * Pure: a calendar and library-local dates in, dates out.
 */
import type { BranchCode, BranchDay, IsoDate } from '../../common/api.ts';
import { addDays } from '../../common/dates.ts';
import { formatHours, statusOn, type LibraryCalendar } from './opening-hours.ts';

/**
 * How far ahead the next open day is looked for. A branch closed for more than a year (or an
 * unknown branch) has no next open day: the date is then left where it was, never moved earlier.
 */
export const OPEN_DAY_SEARCH_LIMIT_DAYS = 366;

export function isOpenOn(calendar: LibraryCalendar, branch: BranchCode, date: IsoDate): boolean {
  return statusOn(calendar, branch, date).open;
}

/**
 * `date` itself when the branch opens that day, else the first day after it that the branch opens.
 * When none opens within OPEN_DAY_SEARCH_LIMIT_DAYS, `date` unchanged.
 */
export function nextOpenDay(calendar: LibraryCalendar, branch: BranchCode, date: IsoDate): IsoDate {
  for (let offset = 0; offset <= OPEN_DAY_SEARCH_LIMIT_DAYS; offset++) {
    const day = offset === 0 ? date : addDays(date, offset);
    if (isOpenOn(calendar, branch, day)) return day;
  }
  return date;
}

/** `count` days of `branch` from `from` (inclusive), open with hours or closed. */
export function branchDays(calendar: LibraryCalendar, branch: BranchCode, from: IsoDate, count: number): BranchDay[] {
  const days: BranchDay[] = [];
  for (let i = 0; i < count; i++) {
    const date = addDays(from, i);
    const status = statusOn(calendar, branch, date);
    const day: BranchDay = { date, hours: status.hours ? formatHours(status.hours) : null, closedFor: status.closedFor };
    if (status.hours?.note) day.note = status.hours.note;
    days.push(day);
  }
  return days;
}
