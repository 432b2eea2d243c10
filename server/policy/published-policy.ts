/**
 * The part of the policy GET /api/library publishes (common/api.ts LibraryPolicy): what the pages
 * and the service worker need to follow the library's configuration — branch names and hours,
 * renewal, loan and hold limits, the pause cap, periods, idle timeouts, time zone, the card's
 * barcode. Built by this one function, so the published shape stays a plain subset however the
 * server's own Policy grows.
 */
import type { LibraryPolicy, PolicyBranch } from '../../common/api.ts';
import { calendarOf } from '../library/calendar.ts';
import { weeklySummary } from '../rules/opening-hours.ts';
import type { Policy } from './policy.ts';

export function publishedPolicy(policy: Policy): LibraryPolicy {
  const calendar = calendarOf(policy);
  return {
    timeZone: policy.timeZone,
    branches: policy.branches.map((b) => {
      const branch: PolicyBranch = { code: b.code, name: b.name, shortName: b.shortName, hours: weeklySummary(calendar.schedules[b.code]!) };
      if (b.en) branch.en = { ...b.en };
      if (b.kids) branch.kids = { ...b.kids };
      return branch;
    }),
    loanPeriodDays: { general: policy.loanPeriodDays, cd: policy.cdLoanPeriodDays },
    renewal: { ...policy.renewal },
    loanLimits: { ...policy.loanLimits },
    holdLimits: { ...policy.holdLimits },
    pickupPeriodDays: policy.pickupPeriodDays,
    cancelledHoldsShownMonths: policy.cancelledHoldsShownMonths,
    idleTimeoutSeconds: { normal: policy.idleTimeoutMinutes * 60, kiosk: policy.kioskIdleTimeoutMinutes * 60 },
    notifications: {
      defaultDaysBefore: policy.notifications.defaultDaysBefore,
      maxDaysBefore: policy.notifications.maxDaysBefore,
      noticesKeptDays: policy.notifications.noticesKeptDays,
    },
    holds: { maxPauseDays: policy.holds.maxPauseDays },
    card: { barcode: policy.card.barcode },
  };
}
