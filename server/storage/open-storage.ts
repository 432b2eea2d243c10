/**
 * Picks the unstorage driver: Redis when REDIS_URL is set, else an embedded SQLite database
 * under DATA_DIR (through db0 and better-sqlite3), tuned for durability: WAL journal with
 * synchronous=FULL, so every acknowledged statement is on disk before it returns.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createStorage, type Storage } from 'unstorage';
import db0Driver from 'unstorage/drivers/db0';
import { createDatabase } from 'db0';
import sqlite from 'db0/connectors/better-sqlite3';

export interface StorageOptions {
  dataDir: string;
  redisUrl?: string | undefined;
}

export async function openStorage(opts: StorageOptions): Promise<Storage> {
  if (opts.redisUrl) {
    const { default: redisDriver } = await import('unstorage/drivers/redis');
    return createStorage({ driver: redisDriver({ url: opts.redisUrl, base: 'shiori' }) });
  }
  const dir = resolve(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const database = createDatabase(sqlite({ path: join(dir, 'shiori.sqlite') }));
  const raw = (await database.getInstance()) as { pragma(s: string): unknown };
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');
  // The db0 driver prints an "experimental" warning once; it is the documented SQLite driver.
  (globalThis as Record<string, unknown>)['__unstorage_db0_experimental_warning__'] = true;
  return createStorage({ driver: db0Driver({ database, tableName: 'kv' }) });
}
