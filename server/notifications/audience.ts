/**
 * The patrons the daily pass visits: those with a notification settings record (written when they
 * change a setting, subscribe a device or create a calendar feed). An index in AUDIENCE_SHARDS keys
 * (`notify-audience:<0-f>`, each a list of patron ids), so the pass never scans every patron, and a
 * patron joining touches one small key. Patrons are only added: one whose settings later say
 * nothing is skipped by the pass at the cost of a read.
 */
import { createHash } from 'node:crypto';
import { notificationKeys } from '../domain/records.ts';
import type { Store, Tx } from '../storage/store.ts';

export const AUDIENCE_SHARDS = 16;

export function audienceShard(patronId: string): string {
  return (createHash('sha256').update(patronId).digest()[0]! % AUDIENCE_SHARDS).toString(16);
}

/** Adds the patron to their shard inside `tx` (nothing is written when already there). */
export async function joinAudience(tx: Tx, patronId: string): Promise<void> {
  const key = notificationKeys.audience(audienceShard(patronId));
  const members = (await tx.get<string[]>(key)) ?? [];
  if (!members.includes(patronId)) tx.set(key, [...members, patronId]);
}

/** Every shard's members, shard by shard. */
export async function* audienceShards(store: Store): AsyncGenerator<string[]> {
  for (let shard = 0; shard < AUDIENCE_SHARDS; shard++) {
    yield (await store.get<string[]>(notificationKeys.audience(shard.toString(16)))) ?? [];
  }
}
