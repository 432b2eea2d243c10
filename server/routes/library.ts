/**
 * Library information ([docs/api.md#library](../../docs/api.md#library), [docs/rules.md#opening-days](../../docs/rules.md#opening-days), [docs/rules.md#policy](../../docs/rules.md#policy)): GET /api/library → branches with their weekly hours and
 * today's status (開館 / 休館) on the library clock, each branch's next 30 days (`openDays`), whether
 * this is kiosk mode, and the published policy (server/policy/published-policy.ts) the pages and the
 * SW take every rule and name from. Public: no login needed. Nothing in it is personal, so the SW
 * may keep a copy for offline use.
 */
import type { H3 } from 'h3';
import { OPEN_DAYS_SHOWN, type LibraryInfo } from '../../common/api.ts';
import { kioskHeaderSaysKiosk } from '../../common/kiosk.ts';
import { KIOSK_HEADER } from '../../common/offline.ts';
import type { AppContext } from '../context.ts';
import { isHttpsRequest } from '../http/cookies.ts';
import { kioskFlagCookie } from '../http/kiosk-flag.ts';
import { calendarOf } from '../library/calendar.ts';
import { publishedPolicy } from '../policy/published-policy.ts';
import { branchDays } from '../rules/open-days.ts';
import { formatHours, statusOn } from '../rules/opening-hours.ts';

export function registerLibraryRoutes(app: H3, ctx: AppContext): void {
  const calendar = calendarOf(ctx.policy);
  const policy = publishedPolicy(ctx.policy);
  app.get('/api/library', (event) => {
    const today = ctx.clock.today();
    const body: LibraryInfo = {
      // The server's KIOSK=1, or a page in kiosk mode by its /kiosk/ URL (it says so in the header).
      kiosk: ctx.config.kiosk || kioskHeaderSaysKiosk(event.req.headers.get(KIOSK_HEADER)),
      today,
      branches: policy.branches.map((branch) => {
        const status = statusOn(calendar, branch.code, today);
        return {
          code: branch.code,
          name: branch.shortName,
          hoursToday: status.hours ? formatHours(status.hours) : null,
          openToday: status.open,
          hours: branch.hours,
          closedFor: status.closedFor,
        };
      }),
      policy,
      openDays: Object.fromEntries(ctx.policy.branches.map((b) => [b.code, branchDays(calendar, b.code, today, OPEN_DAYS_SHOWN)])),
    };
    // Today's status changes at midnight: never cached past the request.
    event.res.headers.set('cache-control', 'no-store');
    const flag = kioskFlagCookie(ctx.config.kiosk, event.req.headers.get('cookie'), isHttpsRequest(ctx, event));
    if (flag) event.res.headers.append('set-cookie', flag);
    return body;
  });
}
