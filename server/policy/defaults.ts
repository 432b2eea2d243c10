/** The Koganei City Library defaults (SPEC §3), used when LIBRARY_CONFIG is unset. */
import type { Policy } from './policy.ts';

const closedMonday = (hours: string) => [hours, null, hours, hours, hours, hours, hours];

export const KOGANEI_POLICY: Policy = {
  timeZone: 'Asia/Tokyo',
  branches: [
    // The seed's top page: 本館 10:00~17:00, 平日の水・木・金曜日は20時まで (weeklyHours run Sunday → Saturday).
    {
      code: 'central',
      name: '本館',
      shortName: '本館',
      weeklyHours: ['10:00~17:00', null, '10:00~17:00', '10:00~20:00', '10:00~20:00', '10:00~20:00', '10:00~17:00'],
      hours: [
        { days: '火・土・日', hours: '10:00~17:00' },
        { days: '水・木・金', hours: '10:00~20:00' },
      ],
      closedDates: [],
    },
    { code: 'higashi', name: '東分館', shortName: '東分館', weeklyHours: closedMonday('10:00~17:00'), hours: [{ days: '火〜日', hours: '10:00~17:00' }], closedDates: [] },
    { code: 'nukuikita', name: '貫井北分館', shortName: '貫井北分館', weeklyHours: closedMonday('10:00~17:00'), hours: [{ days: '火〜日', hours: '10:00~17:00' }], closedDates: [] },
    { code: 'midori', name: '緑分室', shortName: '緑分室', weeklyHours: closedMonday('10:00~17:00'), hours: [{ days: '火〜日', hours: '10:00~17:00' }], closedDates: [] },
    { code: 'nishinodai', name: '西之台会館図書室', shortName: '西之台', weeklyHours: closedMonday('9:00~17:00'), hours: [{ days: '火〜日', hours: '9:00~17:00' }], closedDates: [] },
  ],
  loanPeriodDays: 21,
  cdLoanPeriodDays: 14,
  renewal: { daysBeforeDue: 7, daysAfterDue: 7, maxRenewals: 1, extensionDays: 7 },
  loanLimits: { total: 9999, cd: 5 },
  holdLimits: { total: 10, cd: 5 },
  holds: { maxPauseDays: 365 },
  pickupPeriodDays: 7,
  cancelledHoldsShownMonths: 1,
  idleTimeoutMinutes: 60,
  kioskIdleTimeoutMinutes: 3,
  mail: { maxConfirmationsPerDay: 5 },
  notifications: {
    digestHour: 9,
    defaultDaysBefore: 3,
    maxDaysBefore: 7,
    noticesKeptDays: 30,
    calendarAlarmHour: 9,
    calendarClosedDaysAhead: 60,
    maxTestsPerDay: 5,
  },
  loginThrottle: { maxFailuresPerCard: 5, maxFailuresPerAddress: 20, windowMinutes: 15, lockMinutes: 15 },
};
