/**
 * Staff circulation ([docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)), enabled only with STAFF_TOKEN:
 * POST /api/staff/checkins              {barcode, branch?} → 200 {hold?, cardNumber?} (the hold it went to)
 * POST /api/staff/holds/:id/arrive      → 200 {hold, cardNumber} (in transit → ready)
 * POST /api/staff/holds/:id/set-aside   {barcode?, branch?} → 200 {hold, cardNumber} (a shelved copy)
 * POST /api/staff/maintenance           → 200 {pickupExpired, waitExpired, forgotten, passedOn}
 * Picking up a ready hold is POST /api/staff/checkouts of the copy set aside (routes/staff.ts).
 */
import type { H3 } from 'h3';
import * as v from 'valibot';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../auth/require-staff.ts';
import { idParam, readJsonBody } from '../http/validate.ts';
import { BarcodeSchema, branchCodeSchema, jsonObject } from '../http/request-shapes.ts';
import { arrive, checkIn, setAside } from '../holds/desk-holds.ts';
import { runMaintenance } from '../maintenance/run-maintenance.ts';
import { announceReadyHold } from '../notifications/hold-ready.ts';

export function registerStaffCirculationRoutes(app: H3, ctx: AppContext): void {
  const branch = branchCodeSchema(ctx.policy);
  const CheckinBody = jsonObject({ barcode: BarcodeSchema, branch: v.optional(branch) });
  const SetAsideBody = v.optional(jsonObject({ barcode: v.optional(BarcodeSchema), branch: v.optional(branch) }));

  app.post('/api/staff/checkins', async (event) => {
    requireStaff(event, ctx);
    const body = await readJsonBody(event, CheckinBody);
    const served = await checkIn(ctx, body.barcode, body.branch);
    if (served) announceReadyHold(ctx, served);
    return served ?? {};
  });

  app.post('/api/staff/holds/:id/arrive', async (event) => {
    requireStaff(event, ctx);
    const holdId = idParam(event, 'id');
    await readJsonBody(event, v.optional(jsonObject({})));
    const served = await arrive(ctx, holdId);
    announceReadyHold(ctx, served);
    return served;
  });

  app.post('/api/staff/holds/:id/set-aside', async (event) => {
    requireStaff(event, ctx);
    const holdId = idParam(event, 'id');
    const body = await readJsonBody(event, SetAsideBody);
    const served = await setAside(ctx, holdId, body ?? {});
    announceReadyHold(ctx, served);
    return served;
  });

  app.post('/api/staff/maintenance', async (event) => {
    requireStaff(event, ctx);
    await readJsonBody(event, v.optional(jsonObject({})));
    return runMaintenance(ctx);
  });
}
