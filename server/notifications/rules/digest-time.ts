/**
 * When the day's digest is due ([docs/rules.md#reminders](../../../docs/rules.md#reminders)): from `notifications.digestHour` on the library's clock,
 * in the library's zone, whatever the server's own zone. Pure.
 */
import type { IsoDate } from '../../../common/api.ts';
import { libraryDate } from '../../../common/dates.ts';

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/** The hour (0–23) of an instant in `timeZone`. */
export function libraryHour(instant: Date, timeZone: string): number {
  let f = hourFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormatters.set(timeZone, f);
  }
  return Number(f.formatToParts(instant).find((p) => p.type === 'hour')?.value ?? 0);
}

/** The library day of `now`, and whether its digest hour has come. */
export function digestDay(now: Date, timeZone: string, digestHour: number): { today: IsoDate; due: boolean } {
  return { today: libraryDate(now, timeZone), due: libraryHour(now, timeZone) >= digestHour };
}
