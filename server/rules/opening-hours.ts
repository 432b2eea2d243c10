/**
 * Opening hours and closed days ([docs/api.md#library](../../docs/api.md#library); seed top page 「〇は開館、休は休館です」).
 * Pure: a schedule and a library-local date in, the day's status out.
 */
import type { BranchCode, IsoDate } from '../../common/api.ts';

/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface DayHours {
  /** `HH:MM`, library local time. */
  open: string;
  close: string;
  /** Shown next to the hours, e.g. 「17:00以降は1階のみ」. */
  note?: string;
}

export interface BranchSchedule {
  /** Indexed by weekday (Sunday first); null = closed that day every week. */
  weekly: readonly (DayHours | null)[];
}

/** A closure on given dates (inclusive), for every branch or only some. */
export interface DateClosure {
  from: IsoDate;
  to: IsoDate;
  branches?: readonly BranchCode[];
  reason: string;
}

/** A closure every year between two `MM-DD` days (inclusive; may wrap over New Year). */
export interface AnnualClosure {
  from: string;
  to: string;
  branches?: readonly BranchCode[];
  reason: string;
}

/** A closure on the nth given weekday of every month (e.g. the 3rd Thursday). */
export interface MonthlyClosure {
  nth: 1 | 2 | 3 | 4 | 5;
  weekday: Weekday;
  branches?: readonly BranchCode[];
  reason: string;
}

export interface LibraryCalendar {
  schedules: Readonly<Record<BranchCode, BranchSchedule>>;
  closures: readonly DateClosure[];
  annualClosures: readonly AnnualClosure[];
  monthlyClosures: readonly MonthlyClosure[];
}

export interface DayStatus {
  open: boolean;
  hours: DayHours | null;
  /** Why a branch that is normally open that weekday is closed (a holiday closure), else null. */
  closedFor: string | null;
}

export function weekdayOf(date: IsoDate): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() as Weekday;
}

function appliesTo(branches: readonly BranchCode[] | undefined, branch: BranchCode): boolean {
  return !branches || branches.includes(branch);
}

function inAnnualRange(monthDay: string, from: string, to: string): boolean {
  return from <= to ? monthDay >= from && monthDay <= to : monthDay >= from || monthDay <= to;
}

/** The reason the branch is closed on `date` by a closure rule, or null. */
export function closureOn(calendar: LibraryCalendar, branch: BranchCode, date: IsoDate): string | null {
  for (const c of calendar.closures) {
    if (appliesTo(c.branches, branch) && date >= c.from && date <= c.to) return c.reason;
  }
  const monthDay = date.slice(5);
  for (const c of calendar.annualClosures) {
    if (appliesTo(c.branches, branch) && inAnnualRange(monthDay, c.from, c.to)) return c.reason;
  }
  const day = Number(date.slice(8, 10));
  const nth = Math.ceil(day / 7);
  const weekday = weekdayOf(date);
  for (const c of calendar.monthlyClosures) {
    if (appliesTo(c.branches, branch) && c.weekday === weekday && c.nth === nth) return c.reason;
  }
  return null;
}

/** Whether `branch` opens on `date`, and its hours that day. An unknown branch is closed. */
export function statusOn(calendar: LibraryCalendar, branch: BranchCode, date: IsoDate): DayStatus {
  const hours = calendar.schedules[branch]?.weekly[weekdayOf(date)] ?? null;
  if (!hours) return { open: false, hours: null, closedFor: null };
  const closedFor = closureOn(calendar, branch, date);
  if (closedFor) return { open: false, hours: null, closedFor };
  return { open: true, hours, closedFor: null };
}

export function formatHours(hours: DayHours): string {
  return `${hours.open}~${hours.close}`;
}

const DAY_NAMES = ['日', '月', '火', '水', '木', '金', '土'] as const;
/** Japanese timetables list the week from Monday. */
const WEEK_ORDER: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];

function sameHours(a: DayHours | null, b: DayHours | null): boolean {
  if (a === null || b === null) return a === b;
  return a.open === b.open && a.close === b.close && (a.note ?? '') === (b.note ?? '');
}

/** 「火〜金」 for a run of three or more days, else 「火・土・日」. */
function dayLabel(days: readonly Weekday[]): string {
  const positions = days.map((d) => WEEK_ORDER.indexOf(d));
  const consecutive = positions.every((p, i) => i === 0 || p === positions[i - 1]! + 1);
  if (days.length >= 3 && consecutive) return `${DAY_NAMES[days[0]!]}〜${DAY_NAMES[days[days.length - 1]!]}`;
  return days.map((d) => DAY_NAMES[d]).join('・');
}

export interface WeeklyLine {
  days: string;
  /** `10:00~17:00`, or 休館. */
  hours: string;
  note?: string;
}

/** The weekly timetable in a few lines: days with the same hours together, closed days last. */
export function weeklySummary(schedule: BranchSchedule): WeeklyLine[] {
  const groups: { hours: DayHours | null; days: Weekday[] }[] = [];
  for (const day of WEEK_ORDER) {
    const hours = schedule.weekly[day] ?? null;
    const group = groups.find((g) => sameHours(g.hours, hours));
    if (group) group.days.push(day);
    else groups.push({ hours, days: [day] });
  }
  const open = groups.filter((g) => g.hours !== null);
  const closed = groups.filter((g) => g.hours === null);
  return [...open, ...closed].map((g) => {
    const line: WeeklyLine = { days: dayLabel(g.days), hours: g.hours ? formatHours(g.hours) : '休館' };
    if (g.hours?.note) line.note = g.hours.note;
    return line;
  });
}
