/**
 * The line 利用状況一覧 starts with: the next due date, how many loans are due on it and how far
 * away it is (「次の返却期限 4/30（あと3日）1冊」), or — when loans are overdue — the earliest
 * overdue date and how long ago it was (「2日過ぎています」). A pure rule: loans and the library's
 * date in (the snapshot's `today`, or offline the device clock in the library's zone), facts out;
 * the words are due-summary-text.ts's.
 */
import type { IsoDate, Loan } from '../../../common/api.ts';
import { compareDates, daysBetween } from '../../../common/dates.ts';

export type DueSummary =
  | { kind: 'none' }
  /** `days` ≥ 0: 0 = due today, 1 = tomorrow. */
  | { kind: 'due'; dueOn: IsoDate; days: number; count: number }
  /** `days` ≥ 1: how many days ago the earliest overdue date was. */
  | { kind: 'overdue'; dueOn: IsoDate; days: number; count: number };

/** The earliest due date among `loans`, seen from `today` (a YYYY-MM-DD in the library's zone). */
export function dueSummary(loans: ReadonlyArray<Pick<Loan, 'dueOn'>>, today: IsoDate): DueSummary {
  let earliest: IsoDate | null = null;
  let count = 0;
  for (const { dueOn } of loans) {
    const order = earliest === null ? -1 : compareDates(dueOn, earliest);
    if (order < 0) {
      earliest = dueOn;
      count = 1;
    } else if (order === 0) count++;
  }
  if (earliest === null) return { kind: 'none' };
  const days = daysBetween(today, earliest);
  return days < 0 ? { kind: 'overdue', dueOn: earliest, days: -days, count } : { kind: 'due', dueOn: earliest, days, count };
}
