/**
 * POST /api/staff/notifications/run → 200 {sent, failed, removed, patrons, autoRenewed,
 * autoRenewalRefused}: the notification pass now ([docs/rules.md#reminders](../../docs/rules.md#reminders)), whatever the hour, like maintenance.
 * Staff only (STAFF_TOKEN). Events already delivered are not sent again.
 */
import type { H3 } from 'h3';
import * as v from 'valibot';
import { jsonObject } from '../http/request-shapes.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../auth/require-staff.ts';
import { readJsonBody } from '../http/validate.ts';
import { runNotificationPass } from '../notifications/daily-pass.ts';

export function registerStaffNotificationRoutes(app: H3, ctx: AppContext): void {
  app.post('/api/staff/notifications/run', async (event) => {
    requireStaff(event, ctx);
    await readJsonBody(event, v.optional(jsonObject({})));
    return runNotificationPass(ctx);
  });
}
