/**
 * Which channels an event goes to ([docs/rules.md#reminders](../../../docs/rules.md#reminders)), pure. The patron's settings decide, except for
 * hold_ready, where the hold's own 連絡方法 does: メール → by e-mail whatever the settings say (and
 * by push if the settings say so); 電話 → staff call, so nothing is sent; 不要 → nothing.
 * `notice` is お知らせ: an event is listed there when the patron hears of it on some channel.
 */
import type { NotificationSettingsRecord } from '../../domain/records.ts';
import type { SubjectEvent } from './events.ts';
import { channelsOf } from './settings.ts';

export interface ChannelChoice {
  push: boolean;
  email: boolean;
  notice: boolean;
}

export function channelsFor(event: SubjectEvent, settings: NotificationSettingsRecord): ChannelChoice {
  const chosen = channelsOf(settings, event.event);
  if (event.event === 'hold_ready') {
    const contact = event.hold.contactMethod;
    if (contact !== 'email') return { push: false, email: false, notice: false };
    return { push: chosen.push, email: true, notice: true };
  }
  return { ...chosen, notice: chosen.push || chosen.email };
}

/** Where a channel can reach the patron now: push needs a device, e-mail a registered address. */
export interface Reach {
  push: boolean;
  email: boolean;
}
