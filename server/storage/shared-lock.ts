/**
 * A lock shared by every server process on one Redis, so `Store.transaction()` stays one-at-a-time
 * across instances (SET NX with a lease, released only by its holder). The lease bounds how long a
 * crashed holder can block the others; the store repairs what such a crash left half-written
 * (see store.ts). Timing here is the machine's clock: it measures waiting, not library dates.
 */
import { randomUUID } from 'node:crypto';
import type { Storage } from 'unstorage';

export interface SharedLock {
  run<R>(fn: () => Promise<R>): Promise<R>;
}

/** The subset of an ioredis client the lock uses. */
interface RedisClient {
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<'OK' | null>;
  eval(script: string, keyCount: number, ...args: string[]): Promise<unknown>;
}

/** Deletes the lock only if it still holds our token (never someone else's after our lease ran out). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export const LEASE_MS = 30_000;

export function createRedisLock(client: RedisClient, key: string, leaseMs = LEASE_MS): SharedLock {
  return {
    async run(fn) {
      const token = randomUUID();
      const giveUpAt = Date.now() + leaseMs;
      let pause = 2;
      while ((await client.set(key, token, 'PX', leaseMs, 'NX')) !== 'OK') {
        if (Date.now() > giveUpAt) throw new Error(`store lock ${key}: still held after ${leaseMs} ms`);
        await new Promise((r) => setTimeout(r, pause + Math.random() * pause));
        pause = Math.min(pause * 2, 50);
      }
      try {
        return await fn();
      } finally {
        await client.eval(RELEASE, 1, key, token);
      }
    },
  };
}

/**
 * The lock a storage needs: none for the embedded SQLite file (one process owns it), a Redis lock
 * when the storage is Redis, which several instances may share.
 */
export function sharedLockFor(storage: Storage): SharedLock | null {
  const driver = redisDriverOf(storage);
  if (!driver) return null;
  const base = driver.options?.base ? `${driver.options.base}:` : '';
  return createRedisLock(driver.getInstance() as RedisClient, `${base}sys:lock`);
}

/** Whether other server instances may share this storage (it is Redis, not this process's SQLite file). */
export function isSharedStorage(storage: Storage): boolean {
  return redisDriverOf(storage) !== null;
}

function redisDriverOf(storage: Storage): { options?: { base?: string }; getInstance: () => unknown } | null {
  const driver = storage.getMount('').driver as { name?: string; options?: { base?: string }; getInstance?: () => unknown };
  return driver.name === 'redis' && driver.getInstance ? { options: driver.options ?? {}, getInstance: driver.getInstance } : null;
}
