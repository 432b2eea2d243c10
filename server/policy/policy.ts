/**
 * The library's policy ([docs/rules.md#policy](../../docs/rules.md#policy)): branches, loan and hold rules, limits, periods, timeouts.
 * Validated at start by the schema below; a library edits one JSON file (LIBRARY_CONFIG). What the
 * pages and the SW need of it is published by GET /api/library (published-policy.ts).
 */
import * as v from 'valibot';
import { CARD_BARCODES } from '../../common/api.ts';
import { isIsoDate } from '../../common/dates.ts';

const hoursText = v.pipe(v.string(), v.regex(/^\d{1,2}:\d{2}~\d{1,2}:\d{2}$/, 'expected hours like "10:00~17:00"'));
const days = (n: number) => v.pipe(v.number(), v.integer(), v.minValue(n));

/** A branch's names in another language than Japanese (tables use `shortName`). */
const BranchNamesSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1)),
  shortName: v.pipe(v.string(), v.minLength(1)),
});

export const BranchSchema = v.strictObject({
  code: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]*$/, 'expected a lower-case code')),
  /** Full name, e.g. 西之台会館図書室. */
  name: v.pipe(v.string(), v.minLength(1)),
  /** Name shown in tables, e.g. 西之台. */
  shortName: v.pipe(v.string(), v.minLength(1)),
  /** Opening hours per weekday, Sunday first; null = closed that weekday. */
  weeklyHours: v.pipe(v.array(v.nullable(hoursText)), v.length(7, 'expected 7 entries, Sunday first')),
  /** Human-readable summary, e.g. [{days: '火〜日', hours: '10:00~17:00'}]. */
  hours: v.array(v.strictObject({ days: v.string(), hours: v.string() })),
  /** Extra closed days (holidays, inventory). */
  closedDates: v.array(v.pipe(v.string(), v.check(isIsoDate, 'expected YYYY-MM-DD'))),
  /** A note shown beside some of the weekly hours, by hours text, e.g. {'10:00~20:00': '17:00以降は1階のみ'}. */
  hoursNotes: v.optional(v.record(v.string(), v.pipe(v.string(), v.minLength(1)))),
  /** English names; without them the pages show the Japanese ones in English too. */
  en: v.optional(BranchNamesSchema),
  /** The kids' wording (hiragana); without it the pages show the Japanese names. */
  kids: v.optional(BranchNamesSchema),
});

export const PolicySchema = v.pipe(
  v.strictObject({
    timeZone: v.pipe(
      v.string(),
      v.check((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'unknown time zone'),
    ),
    branches: v.pipe(v.array(BranchSchema), v.minLength(1, 'at least one branch')),
    loanPeriodDays: days(1),
    cdLoanPeriodDays: days(1),
    renewal: v.strictObject({
      daysBeforeDue: days(0),
      daysAfterDue: days(0),
      maxRenewals: days(0),
      extensionDays: days(1),
    }),
    loanLimits: v.strictObject({ total: days(0), cd: days(0) }),
    holdLimits: v.strictObject({ total: days(0), cd: days(0) }),
    /** 一時停止 ([docs/rules.md#holds](../../docs/rules.md#holds)): a waiting hold may be paused until at most this many days ahead. */
    holds: v.strictObject({ maxPauseDays: days(1) }),
    /** 利用者カード: the symbology the card number is drawn in (codabar = NW-7, the library's cards). */
    card: v.strictObject({ barcode: v.picklist(CARD_BARCODES, `expected one of ${CARD_BARCODES.join(', ')}`) }),
    pickupPeriodDays: days(1),
    cancelledHoldsShownMonths: days(0),
    idleTimeoutMinutes: days(1),
    kioskIdleTimeoutMinutes: days(1),
    /** A session ends this many hours after its login, however active it is (kiosk sessions too). */
    sessionLifetimeHours: days(1),
    /** Confirmation mails (メール登録・変更): at most this many per patron per library day; 0 = none. */
    mail: v.strictObject({ maxConfirmationsPerDay: days(0) }),
    /** Reminders ([docs/rules.md#reminders](../../docs/rules.md#reminders)): the daily digest's hour, the patron's choice of days, the お知らせ kept. */
    notifications: v.pipe(
      v.strictObject({
        /** The hour (0–23, library zone) from which the day's digest is sent. */
        digestHour: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)),
        /** due_soon: days before the due date, for patrons who did not choose. */
        defaultDaysBefore: days(1),
        /** The most days before the due date a patron may choose. */
        maxDaysBefore: days(1),
        /** お知らせ are listed (and kept) this many days. */
        noticesKeptDays: days(1),
        /** The hour of the calendar feed's alarms (library zone), on the day `daysBefore` before. */
        calendarAlarmHour: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)),
        /** The calendar feed lists the patron's branches' closed days this many days ahead. */
        calendarClosedDaysAhead: days(0),
        /** Test notifications (通知設定's button): at most this many per patron per library day. */
        maxTestsPerDay: days(0),
      }),
      v.check((n) => n.defaultDaysBefore <= n.maxDaysBefore, 'defaultDaysBefore: more than maxDaysBefore'),
    ),
    /** Login (and password issuance) throttling: auth/throttle.ts, auth/login-throttle.ts. */
    loginThrottle: v.strictObject({
      /** Failures on a card within the window that lock it for devices that never logged in to it. */
      maxFailuresPerCard: days(1),
      /** Failures from one client address within the window after which its attempts are spaced out. */
      maxFailuresPerAddress: days(1),
      windowMinutes: days(1),
      lockMinutes: days(1),
      /** The spacing starts at 1 s and doubles per further failure up to this; a burst that would wait longer is 429. */
      addressDelayMaxSeconds: days(1),
      /** A device that logged in to a card stays known for it this many days after its last login there. */
      knownDeviceDays: days(1),
    }),
  }),
  v.check((p) => new Set(p.branches.map((b) => b.code)).size === p.branches.length, 'branches: duplicate branch code'),
);

export type Policy = v.InferOutput<typeof PolicySchema>;
export type BranchPolicy = v.InferOutput<typeof BranchSchema>;
