/**
 * Library-calendar date helpers shared by server, page and service worker.
 * A date is `YYYY-MM-DD` in the library's time zone; arithmetic is done on the calendar itself
 * (UTC midnight of that date), so the machine's own time zone never leaks in.
 * No DOM and no Node globals: only `Intl` and `Date`.
 */
import type { IsoDate } from './api.ts';

export const LIBRARY_TIME_ZONE = 'Asia/Tokyo';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The last answer per zone, by minute: every zone changes its date on a minute boundary. */
const lastDate = new Map<string, { minute: number; date: IsoDate }>();

/** The calendar date of an instant in the library's zone (e.g. 2026-04-27T16:30Z → 2026-04-28). */
export function libraryDate(instant: Date, timeZone: string = LIBRARY_TIME_ZONE): IsoDate {
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastDate.get(timeZone);
  if (last?.minute === minute) return last.date;
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  lastDate.set(timeZone, { minute, date });
  return date;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

function toUtc(date: IsoDate): Date {
  return new Date(dayNumber(date) * DAY_MS);
}

const DAY_MS = 86_400_000;

/** The digit at `i` of `s`, or NaN. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/**
 * Days since 1970-01-01 (H. Hinnant's days-from-civil; no regex, no Date object: this runs several
 * times for every loan of every snapshot).
 */
function dayNumber(date: IsoDate): number {
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-' || !(m >= 1 && m <= 12 && d >= 1 && d <= 31)) {
    throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  }
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number. */
function fromDayNumber(days: number): IsoDate {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function fromUtc(d: Date): IsoDate {
  return fromDayNumber(Math.floor(d.getTime() / DAY_MS));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (1/31 + 1 → 2/28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = toUtc(date);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return fromUtc(target);
}

/** Negative when a is before b, 0 when equal, positive when after. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Day of the week of a calendar date: 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}
