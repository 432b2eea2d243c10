/**
 * Reminders ([docs/rules.md#reminders](../../docs/rules.md#reminders)), for the logged-in patron, never on a kiosk (require-notifiable.ts):
 * GET  /api/notifications/settings  → 200 settings
 * PUT  /api/notifications/settings  {events?, daysBefore?, autoRenew?, calendar?: {hideTitles}} → 200 settings;
 *      400 invalid_input, 409 email_not_registered (e-mail turned on without an address).
 *      The mail language follows the request's Accept-Language.
 * POST /api/notifications/test      → 202 (sent in the background to every channel that is on)
 * GET  /api/notices                 → 200 {notices} (お知らせ of the last days, in the request's language)
 */
import type { H3 } from 'h3';
import * as v from 'valibot';
import { jsonObject } from '../http/request-shapes.ts';
import { NOTIFICATION_EVENTS } from '../../common/notifications.ts';
import type { AppContext } from '../context.ts';
import { readJsonBody } from '../http/validate.ts';
import { listNotices, readSettingsView, sendTestNotification, updateSettings } from '../notifications/patron-settings.ts';
import { requireNotifiablePatron } from '../notifications/require-notifiable.ts';
import { languageOf } from '../notifications/wording.ts';

export function registerNotificationRoutes(app: H3, ctx: AppContext): void {
  const Channels = jsonObject({ push: v.optional(v.boolean()), email: v.optional(v.boolean()) });
  // valibot's object schemas take an array for an object with no keys: `[]` is refused first.
  const notArray = v.custom<unknown>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'expected a JSON object');
  const SettingsObject = jsonObject({
    events: v.optional(jsonObject(Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [e, v.optional(Channels)])) as Record<(typeof NOTIFICATION_EVENTS)[number], v.OptionalSchema<typeof Channels, undefined>>)),
    daysBefore: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(ctx.policy.notifications.maxDaysBefore))),
    autoRenew: v.optional(v.boolean()),
    calendar: v.optional(jsonObject({ hideTitles: v.boolean() })),
  });
  const SettingsBody = v.pipe(notArray, SettingsObject);

  app.get('/api/notifications/settings', async (event) => {
    const { patronId } = await requireNotifiablePatron(event, ctx);
    event.res.headers.set('cache-control', 'no-store');
    return readSettingsView(ctx, patronId);
  });

  app.put('/api/notifications/settings', async (event) => {
    const body = await readJsonBody(event, SettingsBody);
    const { patronId } = await requireNotifiablePatron(event, ctx);
    event.res.headers.set('cache-control', 'no-store');
    return updateSettings(ctx, patronId, body, languageOf(event.req.headers.get('accept-language')));
  });

  app.post('/api/notifications/test', async (event) => {
    await readJsonBody(event, v.optional(jsonObject({})));
    const { patronId } = await requireNotifiablePatron(event, ctx);
    const { sending } = await sendTestNotification(ctx, patronId);
    ctx.notifications.track(sending);
    return new Response(null, { status: 202, headers: { 'cache-control': 'no-store' } });
  });

  app.get('/api/notices', async (event) => {
    const { patronId } = await requireNotifiablePatron(event, ctx);
    event.res.headers.set('cache-control', 'no-store');
    return { notices: await listNotices(ctx, patronId, languageOf(event.req.headers.get('accept-language'))) };
  });
}
