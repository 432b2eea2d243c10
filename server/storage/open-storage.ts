/**
 * Picks the unstorage driver: Redis when REDIS_URL is set, else an embedded SQLite database
 * under DATA_DIR (through db0 and better-sqlite3), tuned for durability: WAL journal with
 * synchronous=FULL, so a commit is on disk before it returns (the Store's engine moves that sync off
 * the event loop: wal-sync.ts). The Store (store.ts) works on the
 * engine underneath this Storage; the Storage stays the API tools and tests read through.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createStorage, type Storage } from 'unstorage';
import db0Driver from 'unstorage/drivers/db0';
import { createDatabase } from 'db0';
import sqlite from 'db0/connectors/better-sqlite3';
import type { Database } from 'better-sqlite3';
import { ensureSchema, TABLE } from './sqlite-engine.ts';
import { AUTOCHECKPOINT_PAGES } from './wal-checkpointer.ts';

export interface StorageOptions {
  dataDir: string;
  redisUrl?: string | undefined;
}

export const SQLITE_FILE = 'shiori.sqlite';

export async function openStorage(opts: StorageOptions): Promise<Storage> {
  if (opts.redisUrl) {
    const { default: redisDriver } = await import('unstorage/drivers/redis');
    // No auto-pipelining: it measured no faster here, and ioredis aborts a pipeline's commands when
    // the connection drops instead of re-sending them (a commit re-sent is applied once: redis-engine.ts).
    return createStorage({ driver: redisDriver({ url: opts.redisUrl, base: 'shiori' }) });
  }
  const dir = resolve(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const database = createDatabase(sqlite({ path: join(dir, SQLITE_FILE) }));
  const raw = (await database.getInstance()) as Database;
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  // Only this process writes the file; a second writer (a tool) gets a moment, not the event loop.
  raw.pragma('busy_timeout = 1000');
  // 64 MB of page cache: the pages of a large catalogue's hot records stay in memory.
  raw.pragma('cache_size = -65536');
  // The Store's engine moves checkpoints to a worker thread (wal-checkpointer.ts); until then, and
  // for tools on the Storage alone, the connection checkpoints by itself every so many pages.
  raw.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  ensureSchema(raw);
  // The db0 driver prints an "experimental" warning once; it is the documented SQLite driver.
  (globalThis as Record<string, unknown>)['__unstorage_db0_experimental_warning__'] = true;
  return createStorage({ driver: db0Driver({ database, tableName: TABLE }) });
}
