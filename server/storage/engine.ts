/**
 * What the Store needs from the database underneath an unstorage `Storage`, and which one it is:
 * the embedded SQLite file (db0 driver → better-sqlite3) or Redis (unstorage's redis driver →
 * ioredis). Values cross this boundary as the raw JSON text the Store encoded.
 */
import type { Storage } from 'unstorage';

/** One staged write: a value (JSON text) with an optional lifetime, or a removal (`raw: null`). */
export interface Write {
  key: string;
  raw: string | null;
  /** Milliseconds to live after the commit; null = no expiry. */
  ttlMs: number | null;
}

/** What the caller knows about keys it reads. */
export interface ReadHint {
  /**
   * The keys are usually absent (a new request's idempotency answer): a first attempt may take
   * one this instance holds nothing of as absent without asking (Redis); the commit confirms it.
   */
  usuallyAbsent?: boolean;
}

/** The engine's side of one transaction attempt: it records what was read, for the commit check. */
export interface EngineTx {
  read(keys: readonly string[], hint?: ReadHint): Promise<(string | null)[]>;
}

export interface Engine {
  /** Several instances may share it (Redis). */
  readonly shared: boolean;
  /**
   * The engine's side of attempt `attempt` (1, 2, …) of a transaction. A first attempt may read
   * from the instance's cache what the commit check then confirms (Redis); later attempts read afresh.
   */
  begin(attempt: number): EngineTx;
  /** True when nothing `tx` read has changed (one atomic look). */
  validate(tx: EngineTx): Promise<boolean>;
  /** Checks what `tx` read and applies `writes`, in one atomic step; false = conflict (nothing written). */
  commit(tx: EngineTx, writes: readonly Write[]): Promise<boolean>;
  /** Committed values, all from one state. */
  readMany(keys: readonly string[]): Promise<(string | null)[]>;
  scanKeys(prefix: string, pageSize: number): AsyncIterable<string[]>;
  /** Keys and raw values under `prefix`, page by page, read past the caches (bulk jobs). */
  scanEntries(prefix: string, pageSize: number): AsyncIterable<[key: string, raw: string][]>;
  count(prefix: string): Promise<number>;
  /** Waits a little before attempt `attempt + 1` after a conflict (nothing on SQLite, a jitter on Redis). */
  pause(attempt: number): Promise<void>;
  close(): Promise<void>;
}

interface DriverLike {
  name?: string;
  options?: { base?: string };
  getInstance?: () => unknown;
}

export function driverOf(storage: Storage): DriverLike {
  return storage.getMount('').driver as DriverLike;
}

export async function openEngine(storage: Storage, warn: (message: string) => void): Promise<Engine> {
  const driver = driverOf(storage);
  if (driver.name === 'redis' && driver.getInstance) {
    const { createRedisEngine } = await import('./redis-engine.ts');
    const base = (driver.options?.base ?? '').replace(/:$/, '');
    return createRedisEngine(driver.getInstance() as never, base ? `${base}:` : '', () => storage.dispose(), warn);
  }
  if (driver.name === 'db0' && driver.getInstance) {
    const database = driver.getInstance() as { getInstance(): Promise<unknown>; dialect?: string };
    if (database.dialect !== 'sqlite') throw new Error(`store: db0 dialect ${database.dialect} is not supported`);
    const { createSqliteEngine } = await import('./sqlite-engine.ts');
    return createSqliteEngine((await database.getInstance()) as never, () => storage.dispose(), warn);
  }
  throw new Error(`store: unsupported unstorage driver ${driver.name ?? '(unnamed)'}`);
}
