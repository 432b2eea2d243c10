/**
 * The Koganei City Library defaults ([docs/rules.md#policy](../../docs/rules.md#policy)), used when LIBRARY_CONFIG is unset. Branch names in
 * English and in the kids' wording live here too: the pages take every name from the published policy.
 */
import { DEFAULT_CARD_BARCODE } from '../../common/api.ts';
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
      hoursNotes: { '10:00~20:00': '17:00以降は1階のみ' },
      en: { name: 'Central Library', shortName: 'Central Library' },
      kids: { name: 'ほんかん', shortName: 'ほんかん' },
    },
    {
      code: 'higashi', name: '東分館', shortName: '東分館', weeklyHours: closedMonday('10:00~17:00'), hours: [{ days: '火〜日', hours: '10:00~17:00' }], closedDates: [],
      en: { name: 'Higashi Branch', shortName: 'Higashi Branch' },
      kids: { name: 'ひがしぶんかん', shortName: 'ひがしぶんかん' },
    },
    {
      code: 'nukuikita', name: '貫井北分館', shortName: '貫井北分館', weeklyHours: closedMonday('10:00~17:00'), hours: [{ days: '火〜日', hours: '10:00~17:00' }], closedDates: [],
      en: { name: 'Nukui-kita Branch', shortName: 'Nukui-kita Branch' },
      kids: { name: 'ぬくいきたぶんかん', shortName: 'ぬくいきたぶんかん' },
    },
    {
      code: 'midori', name: '緑分室', shortName: '緑分室', weeklyHours: closedMonday('10:00~17:00'), hours: [{ days: '火〜日', hours: '10:00~17:00' }], closedDates: [],
      en: { name: 'Midori Branch Room', shortName: 'Midori Branch Room' },
      kids: { name: 'みどりぶんしつ', shortName: 'みどりぶんしつ' },
    },
    {
      code: 'nishinodai', name: '西之台会館図書室', shortName: '西之台', weeklyHours: closedMonday('9:00~17:00'), hours: [{ days: '火〜日', hours: '9:00~17:00' }], closedDates: [],
      en: { name: 'Nishinodai Community Hall Library', shortName: 'Nishinodai' },
      kids: { name: 'にしのだいかいかん としょしつ', shortName: 'にしのだい' },
    },
  ],
  loanPeriodDays: 21,
  cdLoanPeriodDays: 14,
  renewal: { daysBeforeDue: 7, daysAfterDue: 7, maxRenewals: 1, extensionDays: 7 },
  loanLimits: { total: 9999, cd: 5 },
  holdLimits: { total: 10, cd: 5 },
  holds: { maxPauseDays: 365 },
  card: { barcode: DEFAULT_CARD_BARCODE },
  pickupPeriodDays: 7,
  cancelledHoldsShownMonths: 1,
  idleTimeoutMinutes: 60,
  kioskIdleTimeoutMinutes: 3,
  sessionLifetimeHours: 12,
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
  loginThrottle: {
    maxFailuresPerCard: 5,
    maxFailuresPerAddress: 20,
    windowMinutes: 15,
    lockMinutes: 15,
    addressDelayMaxSeconds: 30,
    knownDeviceDays: 180,
  },
};
