/**
 * The library clock: the only source of "now" on the server. With LIBRARY_NOW it starts at that
 * instant and runs on in real time; `set` moves it (tests, demos). Without it, it is the real clock.
 */
import type { IsoDate } from '../common/api.ts';
import { libraryDate } from '../common/dates.ts';

export interface LibraryClock {
  now(): Date;
  /** Today's date in the library's time zone. */
  today(): IsoDate;
  /** Moves the clock to `now` (it keeps running from there). Throws when the clock is the real one. */
  set(now: Date): void;
  /** True when LIBRARY_NOW was given (the clock may be moved). */
  readonly adjustable: boolean;
}

export function createClock(opts: { startAt?: string | undefined; timeZone: string }): LibraryClock {
  const adjustable = opts.startAt !== undefined;
  let offsetMs = adjustable ? Date.parse(opts.startAt!) - Date.now() : 0;
  const now = () => new Date(Date.now() + offsetMs);
  return {
    adjustable,
    now,
    today: () => libraryDate(now(), opts.timeZone),
    set(to: Date) {
      if (!adjustable) throw new Error('the library clock is the real clock (LIBRARY_NOW unset)');
      offsetMs = to.getTime() - Date.now();
    },
  };
}
