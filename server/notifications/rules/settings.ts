/**
 * A patron's notification settings as rules: the defaults, and a change applied to them. Pure.
 *
 * Defaults (the spec is silent): every event on push — a patron hears nothing by push until a
 * device is subscribed, and then hears everything — and none on e-mail, so nobody starts getting
 * mails they did not ask for. hold_ready for a hold whose 連絡方法 is メール is mailed whatever
 * these say (channels.ts).
 */
import { NOTIFICATION_EVENTS, type NotificationEvent, type NotificationSettingsUpdate } from '../../../common/notifications.ts';
import type { NotificationSettingsRecord } from '../../domain/records.ts';

export function defaultSettings(defaultDaysBefore: number): NotificationSettingsRecord {
  return {
    events: Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [e, { push: true, email: false }])),
    daysBefore: defaultDaysBefore,
    autoRenew: false,
    mailLang: 'ja',
    calendar: { hideTitles: false, tokenHash: null, createdAt: null },
  };
}

/** The channels of `event` in `settings` (an event added after the record was written: defaults). */
export function channelsOf(settings: NotificationSettingsRecord, event: NotificationEvent): { push: boolean; email: boolean } {
  return settings.events[event] ?? { push: true, email: false };
}

/** `settings` with `update` applied (validated at the edge: known events, days in range). */
export function applySettingsUpdate(settings: NotificationSettingsRecord, update: NotificationSettingsUpdate): NotificationSettingsRecord {
  const events = { ...settings.events };
  for (const [event, change] of Object.entries(update.events ?? {})) {
    events[event] = { ...channelsOf(settings, event as NotificationEvent), ...change };
  }
  return {
    ...settings,
    events,
    daysBefore: update.daysBefore ?? settings.daysBefore,
    autoRenew: update.autoRenew ?? settings.autoRenew,
    calendar: { ...settings.calendar, ...(update.calendar ? { hideTitles: update.calendar.hideTitles } : {}) },
  };
}

/** True when the change turns the e-mail channel on for some event (it needs a registered address). */
export function turnsEmailOn(update: NotificationSettingsUpdate): boolean {
  return Object.values(update.events ?? {}).some((c) => c?.email === true);
}
