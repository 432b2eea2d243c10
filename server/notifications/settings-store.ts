/** A patron's notification settings in the store (`notify:<patronId>`; absent = the defaults). */
import type { Policy } from '../policy/policy.ts';
import { notificationKeys, type NotificationSettingsRecord } from '../domain/records.ts';
import type { Tx } from '../storage/store.ts';
import { defaultSettings } from './rules/settings.ts';
import { joinAudience } from './audience.ts';

export async function readSettings(tx: Pick<Tx, 'get'>, patronId: string, policy: Policy): Promise<NotificationSettingsRecord> {
  return (await tx.get<NotificationSettingsRecord>(notificationKeys.settings(patronId))) ?? defaultSettings(policy.notifications.defaultDaysBefore);
}

/** Writes the settings and makes sure the daily pass visits the patron. */
export async function writeSettings(tx: Tx, patronId: string, settings: NotificationSettingsRecord): Promise<void> {
  tx.set(notificationKeys.settings(patronId), settings);
  await joinAudience(tx, patronId);
}
