/**
 * Holds ([docs/rules.md#holds](../../docs/rules.md#holds), [docs/api.md](../../docs/api.md)), for the logged-in patron:
 * POST   /api/holds                    {bibId, pickupBranch?, contactMethod?, notNeededAfter?} → 201 {hold}
 * PATCH  /api/holds/:id                {pickupBranch?, contactMethod?, pausedUntil?: date | null} → 200 {hold}
 * DELETE /api/holds/:id                {sendConfirmationEmail?} → 200 {cancelledHold}
 * POST   /api/holds/series             {holdIds} → 201 {seriesNo, holds}
 * PUT    /api/holds/series/:seriesNo   {holdIds} → 200 {seriesNo, holds}
 * DELETE /api/holds/series/:seriesNo   → 204
 */
import { noContent, type H3 } from 'h3';
import * as v from 'valibot';
import { isIsoDate } from '../../common/dates.ts';
import type { AppContext } from '../context.ts';
import { apiError } from '../http/errors.ts';
import { idParam, readJsonBody } from '../http/validate.ts';
import { BibIdSchema, ServerIdSchema, branchCodeSchema, jsonObject } from '../http/request-shapes.ts';
import { SERIES_NO } from '../domain/key-shapes.ts';
import { requireSession } from '../auth/require-patron.ts';
import { cancelHold, changeHold, placeHold } from '../holds/patron-holds.ts';
import { createSeries, regroupSeries, releaseSeries } from '../holds/series-holds.ts';
import { sendCancelConfirmation } from '../holds/cancel-mail.ts';

const contactMethod = v.picklist(['email', 'phone', 'none']);
const isoDate = v.pipe(v.string(), v.check(isIsoDate, 'expected YYYY-MM-DD'));
const holdIds = v.pipe(v.array(ServerIdSchema), v.minLength(2), v.maxLength(50));

function seriesParam(event: Parameters<typeof idParam>[0]): number {
  const raw = idParam(event, 'seriesNo', SERIES_NO);
  return Number(raw);
}

export function registerHoldsRoutes(app: H3, ctx: AppContext): void {
  const PlaceBody = jsonObject({
    bibId: BibIdSchema,
    pickupBranch: v.optional(branchCodeSchema(ctx.policy)),
    contactMethod: v.optional(contactMethod),
    notNeededAfter: v.optional(v.nullable(isoDate)),
  });
  const ChangeBody = jsonObject({
    pickupBranch: v.optional(branchCodeSchema(ctx.policy)),
    contactMethod: v.optional(contactMethod),
    pausedUntil: v.optional(v.nullable(isoDate)),
  });
  const CancelBody = v.optional(jsonObject({ sendConfirmationEmail: v.optional(v.boolean()) }));
  const SeriesBody = jsonObject({ holdIds });

  app.post('/api/holds', async (event) => {
    const { patronId } = await requireSession(event, ctx);
    const body = await readJsonBody(event, PlaceBody);
    const hold = await placeHold(ctx, patronId, body);
    event.res.status = 201;
    return { hold };
  });

  // Series routes first: "series" is not a hold id.
  app.post('/api/holds/series', async (event) => {
    const { patronId } = await requireSession(event, ctx);
    const body = await readJsonBody(event, SeriesBody);
    const series = await createSeries(ctx, patronId, body.holdIds);
    event.res.status = 201;
    return series;
  });

  app.put('/api/holds/series/:seriesNo', async (event) => {
    const { patronId } = await requireSession(event, ctx);
    const seriesNo = seriesParam(event);
    const body = await readJsonBody(event, SeriesBody);
    return regroupSeries(ctx, patronId, seriesNo, body.holdIds);
  });

  app.delete('/api/holds/series/:seriesNo', async (event) => {
    const { patronId } = await requireSession(event, ctx);
    const seriesNo = seriesParam(event);
    await readJsonBody(event, v.optional(jsonObject({})));
    await releaseSeries(ctx, patronId, seriesNo);
    return noContent();
  });

  app.patch('/api/holds/:id', async (event) => {
    const { patronId } = await requireSession(event, ctx);
    const holdId = idParam(event, 'id');
    const body = await readJsonBody(event, ChangeBody);
    if (body.pickupBranch === undefined && body.contactMethod === undefined && body.pausedUntil === undefined) {
      apiError('invalid_input', { fields: { detail: 'nothing to change' } });
    }
    return { hold: await changeHold(ctx, patronId, holdId, body) };
  });

  app.delete('/api/holds/:id', async (event) => {
    const { patronId } = await requireSession(event, ctx);
    const holdId = idParam(event, 'id');
    const body = await readJsonBody(event, CancelBody);
    const outcome = await cancelHold(ctx, patronId, holdId);
    if (body?.sendConfirmationEmail) await sendCancelConfirmation(ctx, outcome);
    return { cancelledHold: outcome.cancelledHold };
  });
}
