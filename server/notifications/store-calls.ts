/**
 * The two store calls the notification jobs use beyond `get` / `set` / `remove`: a write with a
 * lifetime (claims and お知らせ expire by themselves) and several reads as one batch. The Store's
 * transaction gives both (`tx.set(key, value, { ttlSeconds })`, `tx.getMany(keys)`); on a Store
 * without them (an older engine) a write lives until it is removed and reads go one by one, which
 * only costs space and time, never correctness: every rule here decides on the library clock.
 */
import type { Tx } from '../storage/store.ts';

type SetWithOptions = (key: string, value: unknown, opts?: { ttlSeconds?: number }) => void;
type GetMany = <T>(keys: readonly string[]) => Promise<(T | null)[]>;

export function setExpiring(tx: Tx, key: string, value: unknown, ttlSeconds: number): void {
  (tx.set as SetWithOptions)(key, value, { ttlSeconds });
}

export async function readMany<T>(tx: Pick<Tx, 'get'>, keys: readonly string[]): Promise<(T | null)[]> {
  const batch = (tx as { getMany?: GetMany }).getMany;
  if (batch) return batch.call(tx, keys) as Promise<(T | null)[]>;
  return Promise.all(keys.map((k) => tx.get<T>(k)));
}
