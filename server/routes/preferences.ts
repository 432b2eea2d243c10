/**
 * 受取館・連絡方法 初期設定 ([docs/rules.md#hold-defaults](../../docs/rules.md#hold-defaults)): PUT /api/preferences {pickupBranch, contactMethod} → 200
 * with the saved defaults. They are what new holds start with.
 */
import type { H3 } from 'h3';
import * as v from 'valibot';
import { branchCodeSchema, jsonObject } from '../http/request-shapes.ts';
import type { Preferences } from '../../common/api.ts';
import { updatePatron } from '../account/patron-update.ts';
import { requireSession } from '../auth/require-patron.ts';
import type { AppContext } from '../context.ts';
import { apiError } from '../http/errors.ts';
import { readJsonBody } from '../http/validate.ts';

const PreferencesBody = jsonObject({
  pickupBranch: v.pipe(v.string(), v.maxLength(64)),
  contactMethod: v.picklist(['email', 'phone', 'none']),
});

export function registerPreferencesRoutes(app: H3, ctx: AppContext): void {
  const branchCode = branchCodeSchema(ctx.policy);
  app.put('/api/preferences', async (event) => {
    const body = await readJsonBody(event, PreferencesBody);
    if (!v.is(branchCode, body.pickupBranch)) {
      apiError({ code: 'invalid_input', reason: 'unknown_branch' }, { fields: { field: 'pickupBranch' } });
    }
    const { patronId } = await requireSession(event, ctx);
    const saved = await updatePatron<Preferences>(ctx, patronId, (patron) => {
      // メール needs an address; checked against the record as it is now, inside the transaction.
      if (body.contactMethod === 'email' && !patron.email) apiError('email_not_registered');
      const defaults: Preferences = { pickupBranch: body.pickupBranch, contactMethod: body.contactMethod };
      return { patron: { ...patron, defaults }, result: defaults };
    });
    event.res.headers.set('cache-control', 'no-store');
    return saved;
  });
}
