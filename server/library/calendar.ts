/**
 * The library calendar behind GET /api/library: weekly hours and closed dates come from the
 * library's policy (LIBRARY_CONFIG: `branches[].weeklyHours`, `branches[].closedDates`, and the
 * notes beside some hours, `branches[].hoursNotes`); what the policy schema has no place for yet
 * lives here as a default: the New Year closure (年末年始, 12/28–1/4), every year, every branch.
 */
import type { BranchCode } from '../../common/api.ts';
import type { Policy } from '../policy/policy.ts';
import type { AnnualClosure, BranchSchedule, DayHours, LibraryCalendar } from '../rules/opening-hours.ts';

export const DEFAULT_ANNUAL_CLOSURES: readonly AnnualClosure[] = [{ from: '12-28', to: '01-04', reason: '年末年始休館' }];

/** `10:00~17:00` → { open: '10:00', close: '17:00' } (the text is kept as written, e.g. 9:00). */
export function parseHoursText(text: string, note?: string): DayHours {
  const [open = '', close = ''] = text.split('~');
  return note ? { open, close, note } : { open, close };
}

export function libraryCalendar(policy: Pick<Policy, 'branches'>): LibraryCalendar {
  const schedules: Record<BranchCode, BranchSchedule> = {};
  for (const branch of policy.branches) {
    const notes = branch.hoursNotes ?? {};
    schedules[branch.code] = { weekly: branch.weeklyHours.map((h) => (h === null ? null : parseHoursText(h, notes[h]))) };
  }
  return {
    schedules,
    closures: policy.branches.flatMap((b) =>
      b.closedDates.map((date) => ({ from: date, to: date, branches: [b.code], reason: '臨時休館' })),
    ),
    annualClosures: DEFAULT_ANNUAL_CLOSURES,
    monthlyClosures: [],
  };
}

const calendars = new WeakMap<Pick<Policy, 'branches'>, LibraryCalendar>();

/** The calendar of a policy, built once per policy object (the policy is fixed at start). */
export function calendarOf(policy: Pick<Policy, 'branches'>): LibraryCalendar {
  let calendar = calendars.get(policy);
  if (!calendar) {
    calendar = libraryCalendar(policy);
    calendars.set(policy, calendar);
  }
  return calendar;
}
