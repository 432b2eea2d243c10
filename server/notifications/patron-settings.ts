/**
 * What the 通知設定 page reads and changes (GET / PUT /api/notifications/settings), the test button
 * (POST /api/notifications/test) and お知らせ (GET /api/notices): each check and write in one store
 * transaction, sends after it.
 */
import type { IsoDate } from '../../common/api.ts';
import { addDays, libraryDate } from '../../common/dates.ts';
import type { Notice, NotificationSettings, NotificationSettingsUpdate, NoticeParams } from '../../common/notifications.ts';
import { noticeText } from '../../common/wording/notification-wording.ts';
import type { AppContext } from '../context.ts';
import { keys, notificationKeys, type NoticeRecord, type NotificationSettingsRecord, type PatronRecord, type PushSubscriptionRecord } from '../domain/records.ts';
import { refuse } from '../domain/refusal-error.ts';
import { recentNotices } from './claims.ts';
import { noDeliveries, sendDrafts, type DeliveryCounts } from './deliver.ts';
import { readSubscriptions } from './push/subscriptions.ts';
import { applySettingsUpdate, turnsEmailOn } from './rules/settings.ts';
import { readSettings, writeSettings } from './settings-store.ts';
import { wordingFor } from './wording.ts';

export function settingsView(settings: NotificationSettingsRecord, subscriptions: readonly PushSubscriptionRecord[]): NotificationSettings {
  return {
    events: settings.events as NotificationSettings['events'],
    daysBefore: settings.daysBefore,
    autoRenew: settings.autoRenew,
    calendar: { url: null, hideTitles: settings.calendar.hideTitles, createdAt: settings.calendar.createdAt },
    subscriptions: subscriptions.map((s) => ({ id: s.id, deviceName: s.deviceName, createdAt: s.createdAt })),
  };
}

export async function readSettingsView(ctx: AppContext, patronId: string): Promise<NotificationSettings> {
  return ctx.store.transaction(async (tx) => settingsView(await readSettings(tx, patronId, ctx.policy), await readSubscriptions(tx, patronId)));
}

/** Applies the change; 409 email_not_registered when it turns e-mail on without an address. */
export async function updateSettings(ctx: AppContext, patronId: string, update: NotificationSettingsUpdate, mailLang: 'ja' | 'en'): Promise<NotificationSettings> {
  return ctx.store.transaction(async (tx) => {
    const patron = await tx.get<PatronRecord>(keys.patron(patronId));
    if (!patron) refuse('unauthenticated');
    if (turnsEmailOn(update) && !patron.email) refuse('email_not_registered');
    const settings = { ...applySettingsUpdate(await readSettings(tx, patronId, ctx.policy), update), mailLang };
    await writeSettings(tx, patronId, settings);
    return settingsView(settings, await readSubscriptions(tx, patronId));
  });
}

const TEST_COUNT_TTL_SECONDS = 2 * 24 * 60 * 60;

/**
 * A test notification to every channel that is on (push: some event on push and a device; e-mail:
 * some event on e-mail and an address), at most `notifications.maxTestsPerDay` a library day —
 * counted in a transaction before anything is sent; past it, nothing is sent (still 202).
 * Returns the sends, under way (wrapped: an async function would wait for a returned promise).
 */
export async function sendTestNotification(ctx: AppContext, patronId: string): Promise<{ sending: Promise<DeliveryCounts> }> {
  const today = ctx.clock.today();
  const max = ctx.policy.notifications.maxTestsPerDay;
  const state = await ctx.store.transaction(async (tx) => {
    const countKey = notificationKeys.tests(patronId, today);
    const sent = (await tx.get<number>(countKey)) ?? 0;
    if (sent >= max) return null;
    const patron = await tx.get<PatronRecord>(keys.patron(patronId));
    if (!patron) return null;
    tx.set(countKey, sent + 1, { ttlSeconds: TEST_COUNT_TTL_SECONDS });
    return { patron, settings: await readSettings(tx, patronId, ctx.policy), subscriptions: await readSubscriptions(tx, patronId) };
  });
  if (!state) return { sending: Promise.resolve(noDeliveries()) };
  const on = Object.values(state.settings.events);
  const draft = { params: { event: 'test' } as NoticeParams, url: '/notifications', keys: [['test', ctx.clock.now().toISOString()]], loanIds: [], holdIds: [] };
  const recipient = { patron: state.patron, titles: new Map(), subscriptions: state.subscriptions, mailLang: state.settings.mailLang };
  const drafts = { push: on.some((c) => c.push) ? [draft] : [], email: on.some((c) => c.email) ? [draft] : [] };
  return { sending: sendDrafts(ctx, recipient, drafts, today) };
}

/** お知らせ of the last `noticesKeptDays` days, newest first, worded in `lang`. */
export async function listNotices(ctx: AppContext, patronId: string, lang: 'ja' | 'en'): Promise<Notice[]> {
  const today: IsoDate = ctx.clock.today();
  const stored = (await ctx.store.get<NoticeRecord[]>(notificationKeys.notices(patronId))) ?? [];
  const since = addDays(today, -ctx.policy.notifications.noticesKeptDays);
  const wording = wordingFor(lang);
  return recentNotices(stored, since, (instant) => libraryDate(new Date(instant), ctx.policy.timeZone)).map((n) => {
    const params = n.params as NoticeParams;
    return { id: n.id, event: params.event, sentAt: n.sentAt, url: n.url, params, ...noticeText(wording, params) };
  });
}
