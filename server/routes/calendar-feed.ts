/**
 * The calendar feed ([docs/rules.md#reminders](../../docs/rules.md#reminders)):
 * POST   /api/calendar-feed  → 201 {url} (a new secret URL; the old one stops working)
 * DELETE /api/calendar-feed  → 204
 * GET    /calendar/<token>.ics → 200 text/calendar; 404 for an unknown or revoked token
 * The first two are the logged-in patron's, never on a kiosk; the feed itself is fetched by a
 * calendar app with the token alone (no cookie), and is not served by a KIOSK=1 server.
 */
import { getRouterParam, type H3, type H3Event } from 'h3';
import * as v from 'valibot';
import { jsonObject } from '../http/request-shapes.ts';
import type { CalendarFeedCreated } from '../../common/notifications.ts';
import type { AppContext } from '../context.ts';
import { keys, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import { requestOrigin } from '../http/client-address.ts';
import { apiError } from '../http/errors.ts';
import { readJsonBody } from '../http/validate.ts';
import { LIBRARY_NAME } from '../mail/app-mailer.ts';
import { calendarFeed } from '../notifications/calendar/feed.ts';
import { createFeed, feedOwner, revokeFeed } from '../notifications/calendar/feed-tokens.ts';
import { refuseOnKiosk, requireNotifiablePatron } from '../notifications/require-notifiable.ts';
import { readSettings } from '../notifications/settings-store.ts';
import { wordingFor } from '../notifications/wording.ts';

export function registerCalendarFeedRoutes(app: H3, ctx: AppContext): void {
  const origin = (event: H3Event) => `${requestOrigin(event, ctx.config.trustProxy).https ? 'https' : 'http'}://${event.url.host}`;

  app.post('/api/calendar-feed', async (event) => {
    await readJsonBody(event, v.optional(jsonObject({})));
    const { patronId } = await requireNotifiablePatron(event, ctx);
    const token = await createFeed(ctx, patronId);
    const body: CalendarFeedCreated = { url: `${origin(event)}/calendar/${token}.ics` };
    return new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  });

  app.delete('/api/calendar-feed', async (event) => {
    const { patronId } = await requireNotifiablePatron(event, ctx);
    await revokeFeed(ctx, patronId);
    return new Response(null, { status: 204 });
  });

  app.get('/calendar/:file', async (event) => {
    refuseOnKiosk(event, ctx);
    const file = getRouterParam(event, 'file') ?? '';
    const patronId = file.endsWith('.ics') ? await feedOwner(ctx, file.slice(0, -'.ics'.length)) : null;
    if (!patronId) apiError('not_found');
    const patron = await ctx.store.get<PatronRecord>(keys.patron(patronId));
    if (!patron) apiError('not_found');
    const bibIds = [...new Set([...patron.loans, ...patron.holds].map((x) => x.bibId))];
    const titles = new Map<string, TitleRecord>();
    for (const t of await ctx.store.getMany<TitleRecord>(bibIds.map((b) => keys.title(b)))) if (t) titles.set(t.bibId, t);
    const settings = await readSettings(ctx.store, patronId, ctx.policy);
    const text = calendarFeed({
      patron,
      titles,
      settings,
      today: ctx.clock.today(),
      now: ctx.clock.now(),
      policy: ctx.policy,
      host: event.url.hostname,
      libraryName: LIBRARY_NAME,
      wording: wordingFor(settings.mailLang),
    });
    return new Response(text, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'private, no-cache',
        // A secret URL: never indexed, never sent on as a referrer.
        'x-robots-tag': 'noindex',
      },
    });
  });
}
