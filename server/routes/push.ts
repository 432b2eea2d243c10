/**
 * Web Push subscriptions ([docs/rules.md#reminders](../../docs/rules.md#reminders)), never on a kiosk (require-notifiable.ts):
 * GET    /api/push/vapid-public-key  → 200 {key} (the applicationServerKey for PushManager.subscribe)
 * POST   /api/push/subscriptions     {endpoint, keys: {p256dh, auth}, deviceName?, lang?} → 201 {id}
 *        (the same endpoint again updates it); 400 invalid_subscription (subscription-check.ts), 401
 * DELETE /api/push/subscriptions/:id → 204; 404 (not this patron's)
 */
import type { H3 } from 'h3';
import * as v from 'valibot';
import { jsonObject } from '../http/request-shapes.ts';
import type { AppContext } from '../context.ts';
import { apiError, apiErrorCode } from '../http/errors.ts';
import { idParam, readJsonBody } from '../http/validate.ts';
import { isAllowedEndpoint, isAuthSecret, isP256PublicKey, MAX_ENDPOINT_LENGTH } from '../notifications/push/subscription-check.ts';
import { subscribe, unsubscribe } from '../notifications/push/subscriptions.ts';
import { refuseOnKiosk, requireNotifiablePatron } from '../notifications/require-notifiable.ts';
import { languageOf } from '../notifications/wording.ts';

const SubscriptionBody = jsonObject({
  endpoint: v.pipe(v.string(), v.maxLength(MAX_ENDPOINT_LENGTH * 2)),
  // PushSubscription.toJSON() also gives expirationTime (null in every browser today).
  expirationTime: v.optional(v.nullable(v.number())),
  keys: jsonObject({ p256dh: v.pipe(v.string(), v.maxLength(256)), auth: v.pipe(v.string(), v.maxLength(256)) }),
  deviceName: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64))),
  lang: v.optional(v.picklist(['ja', 'en', 'ja-kids'])),
});

export function registerPushRoutes(app: H3, ctx: AppContext): void {
  app.get('/api/push/vapid-public-key', async (event) => {
    refuseOnKiosk(event, ctx);
    return { key: (await ctx.notifications.vapidKeys()).publicKey };
  });

  app.post('/api/push/subscriptions', async (event) => {
    // A body of the wrong shape is a bad subscription; a body too large or not JSON keeps its own code.
    const body = await readJsonBody(event, SubscriptionBody).catch((error: unknown) => {
      if (apiErrorCode(error) !== 'invalid_input') throw error;
      apiError('invalid_subscription');
    });
    const { patronId } = await requireNotifiablePatron(event, ctx);
    if (!isAllowedEndpoint(body.endpoint, ctx.config.pushAllowHttpLoopback)) apiError('invalid_subscription', { fields: { field: 'endpoint' } });
    if (!isP256PublicKey(body.keys.p256dh)) apiError('invalid_subscription', { fields: { field: 'keys.p256dh' } });
    if (!isAuthSecret(body.keys.auth)) apiError('invalid_subscription', { fields: { field: 'keys.auth' } });
    const id = await subscribe(ctx, patronId, {
      endpoint: body.endpoint,
      keys: { p256dh: body.keys.p256dh, auth: body.keys.auth },
      deviceName: body.deviceName || null,
      lang: body.lang ?? languageOf(event.req.headers.get('accept-language')),
    });
    return new Response(JSON.stringify({ id }), { status: 201, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  });

  app.delete('/api/push/subscriptions/:id', async (event) => {
    const { patronId } = await requireNotifiablePatron(event, ctx);
    const id = idParam(event, 'id');
    if (!(await unsubscribe(ctx, patronId, id))) apiError('not_found');
    return new Response(null, { status: 204 });
  });
}
