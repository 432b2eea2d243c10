/**
 * The library's default timetable (Koganei; seed top page: 本館 10:00~17:00, 平日の水・木・金曜日は
 * 20時まで(1階のみ); 西之台 9:00~17:00). The other branches' hours and the closed days are
 * sensible defaults, not taken from the seed. A library overrides them in its config.
 */
import type { DayHours, LibraryCalendar } from '../rules/opening-hours.ts';

const day = (open: string, close: string, note?: string): DayHours => (note ? { open, close, note } : { open, close });

/** Sunday first, as `Date#getUTCDay`. */
function week(sun: DayHours | null, mon: DayHours | null, tue: DayHours | null, wed: DayHours | null,
  thu: DayHours | null, fri: DayHours | null, sat: DayHours | null): (DayHours | null)[] {
  return [sun, mon, tue, wed, thu, fri, sat];
}

const central = day('10:00', '17:00');
const centralLate = day('10:00', '20:00', '17:00以降は1階のみ');
const nine = day('09:00', '17:00');

export const DEFAULT_LIBRARY_CALENDAR: LibraryCalendar = {
  schedules: {
    central: { weekly: week(central, null, central, centralLate, centralLate, centralLate, central) },
    higashi: { weekly: week(nine, null, nine, nine, nine, nine, nine) },
    nukuikita: { weekly: week(nine, null, day('09:00', '20:00'), day('09:00', '20:00'), day('09:00', '20:00'), day('09:00', '20:00'), nine) },
    midori: { weekly: week(nine, null, nine, nine, nine, nine, nine) },
    nishinodai: { weekly: week(nine, null, nine, nine, nine, nine, nine) },
  },
  closures: [],
  annualClosures: [{ from: '12-28', to: '01-04', reason: '年末年始休館' }],
  monthlyClosures: [
    { nth: 3, weekday: 4, branches: ['higashi', 'midori', 'nishinodai'], reason: '館内整理日' },
  ],
};
