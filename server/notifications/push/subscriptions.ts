/**
 * A patron's push subscriptions (one per device): `push-subs:<patronId>` lists them, and
 * `push-endpoint:<sha256 of the endpoint>` says whose device an endpoint is, so an endpoint belongs
 * to one patron at a time — when another patron subscribes on the same browser, it moves to them
 * (a shared home tablet shows the last subscriber's reminders, never two patrons'). At most
 * MAX_DEVICES per patron: a new one beyond that replaces the oldest.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { notificationKeys, type EndpointOwner, type NotificationSettingsRecord, type PushSubscriptionRecord } from '../../domain/records.ts';
import type { Tx } from '../../storage/store.ts';
import { newId } from '../../domain/ids.ts';
import { readSettings, writeSettings } from '../settings-store.ts';

export const MAX_DEVICES = 10;

export interface NewSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  deviceName: string | null;
  lang: PushSubscriptionRecord['lang'];
}

export function endpointHash(endpoint: string): string {
  return createHash('sha256').update(endpoint).digest('base64url');
}

export async function readSubscriptions(tx: Pick<Tx, 'get'>, patronId: string): Promise<PushSubscriptionRecord[]> {
  return (await tx.get<PushSubscriptionRecord[]>(notificationKeys.pushSubscriptions(patronId))) ?? [];
}

function writeSubscriptions(tx: Tx, patronId: string, subs: PushSubscriptionRecord[]): void {
  if (subs.length === 0) tx.remove(notificationKeys.pushSubscriptions(patronId));
  else tx.set(notificationKeys.pushSubscriptions(patronId), subs);
}

/** Stores the device's subscription (the same endpoint again updates it); returns its id. */
export async function subscribe(ctx: AppContext, patronId: string, input: NewSubscription): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const indexKey = notificationKeys.pushEndpoint(endpointHash(input.endpoint));
  return ctx.store.transaction(async (tx) => {
    const owner = await tx.get<EndpointOwner>(indexKey);
    let subs = await readSubscriptions(tx, patronId);
    if (owner && owner.patronId !== patronId) {
      // The browser now belongs to this patron: the other patron's entry for it goes.
      const theirs = await readSubscriptions(tx, owner.patronId);
      writeSubscriptions(tx, owner.patronId, theirs.filter((s) => s.endpoint !== input.endpoint));
    }
    const existing = subs.find((s) => s.endpoint === input.endpoint);
    const record: PushSubscriptionRecord = {
      id: existing?.id ?? newId('s'),
      endpoint: input.endpoint,
      keys: input.keys,
      deviceName: input.deviceName,
      lang: input.lang,
      createdAt: existing?.createdAt ?? now,
    };
    subs = existing ? subs.map((s) => (s.id === record.id ? record : s)) : [...subs, record];
    while (subs.length > MAX_DEVICES) {
      const oldest = subs[0]!;
      tx.remove(notificationKeys.pushEndpoint(endpointHash(oldest.endpoint)));
      subs = subs.slice(1);
    }
    writeSubscriptions(tx, patronId, subs);
    tx.set(indexKey, { patronId, subscriptionId: record.id } satisfies EndpointOwner);
    // A device that can be told things: the daily pass visits this patron from now on.
    const settings: NotificationSettingsRecord = await readSettings(tx, patronId, ctx.policy);
    await writeSettings(tx, patronId, settings);
    return record.id;
  });
}

/** Removes one of the patron's subscriptions; false when they have none with that id. */
export async function unsubscribe(ctx: AppContext, patronId: string, subscriptionId: string): Promise<boolean> {
  return ctx.store.transaction(async (tx) => {
    const subs = await readSubscriptions(tx, patronId);
    const gone = subs.find((s) => s.id === subscriptionId);
    if (!gone) return false;
    writeSubscriptions(tx, patronId, subs.filter((s) => s.id !== subscriptionId));
    const indexKey = notificationKeys.pushEndpoint(endpointHash(gone.endpoint));
    const owner = await tx.get<EndpointOwner>(indexKey);
    if (owner?.patronId === patronId) tx.remove(indexKey);
    return true;
  });
}
