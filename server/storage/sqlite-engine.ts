/**
 * The Store's engine on the embedded SQLite file: the one better-sqlite3 connection db0 opened
 * (WAL, synchronous=FULL: a commit is on disk before it is answered), unstorage's `kv` table plus an
 * `expires_at` column (unstorage ignores it).
 *
 * - Reads are synchronous statements, so several reads with no `await` between them are one state
 *   (nothing can commit in between: commits run in their own turn of the event loop).
 * - Group commit: commits asked for in the same turn of the event loop are applied in one SQLite
 *   transaction (one fsync), in order, each first checked against the state including the ones
 *   before it in the batch; each caller is answered only after the batch is on disk. If the SQLite
 *   transaction fails (disk full, busy, a constraint) it rolls back entirely, then each member is
 *   tried alone so one bad commit cannot sink the others.
 * - Expiry: a row whose `expires_at` (ms since the epoch, real time) has passed reads as absent; a
 *   sweeper deletes such rows, SWEEP_BATCH per pass, so no pass holds the connection for long.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Engine, EngineTx, Write } from './engine.ts';

export const TABLE = 'kv';
export const SWEEP_BATCH = 500;
export const SWEEP_EVERY_MS = 1000;

type Row = [value: string | null, expiresAt: number | null];

/** Creates unstorage's table if it is not there yet, and adds what the Store needs to it. */
export function ensureSchema(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (
    key TEXT PRIMARY KEY, value TEXT, blob BLOB,
    created_at TEXT DEFAULT CURRENT_TIMESTAMP, updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
    expires_at INTEGER)`);
  const columns = db.prepare(`PRAGMA table_info(${TABLE})`).all() as { name: string }[];
  if (!columns.some((c) => c.name === 'expires_at')) db.exec(`ALTER TABLE ${TABLE} ADD COLUMN expires_at INTEGER`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${TABLE}_expires_at ON ${TABLE}(expires_at) WHERE expires_at IS NOT NULL`);
}

/** The first string after every string that starts with `prefix` (keys compare as bytes). */
export function prefixEnd(prefix: string): string {
  if (prefix === '') return '\u{10FFFF}';
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

class SqliteTx implements EngineTx {
  readonly reads = new Map<string, string | null>();
  /** A key read twice with different values: `fn` saw two states, the attempt cannot stand. */
  torn = false;
  /** The earliest expiry among the rows read: past it, a read may no longer hold. */
  minExpiry = Infinity;
  constructor(
    private readonly engine: SqliteEngine,
    readonly changesAtStart: number,
  ) {}

  read(keys: readonly string[]): Promise<(string | null)[]> {
    const out = keys.map((key) => {
      const [raw, expiresAt] = this.engine.readRow(key);
      if (expiresAt !== null && expiresAt < this.minExpiry) this.minExpiry = expiresAt;
      if (!this.reads.has(key)) this.reads.set(key, raw);
      else if (this.reads.get(key) !== raw) this.torn = true;
      return raw;
    });
    return Promise.resolve(out);
  }
}

interface Pending {
  tx: SqliteTx;
  writes: readonly Write[];
  resolve(ok: boolean): void;
  reject(error: unknown): void;
}

class SqliteEngine implements Engine {
  readonly shared = false;
  private readonly selectRow: Statement;
  private readonly upsert: Statement;
  private readonly deleteRow: Statement;
  private readonly totalChanges: Statement;
  private readonly sweepStatement: Statement;
  private pending: Pending[] = [];
  private flushScheduled = false;
  private readonly sweeper: NodeJS.Timeout;
  private sweepSoon: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly db: Database,
    private readonly dispose: () => Promise<void> | void,
  ) {
    ensureSchema(db);
    this.selectRow = db.prepare(`SELECT value, expires_at FROM ${TABLE} WHERE key = ?`).raw(true);
    this.upsert = db.prepare(
      `INSERT INTO ${TABLE} (key, value, blob, created_at, updated_at, expires_at) VALUES (?, ?, NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, blob = NULL, updated_at = CURRENT_TIMESTAMP, expires_at = excluded.expires_at`,
    );
    this.deleteRow = db.prepare(`DELETE FROM ${TABLE} WHERE key = ?`);
    // Every row this connection changed (the Store's commits, the sweeper, unstorage's own writes).
    this.totalChanges = db.prepare('SELECT total_changes()').pluck(true);
    this.sweepStatement = db.prepare(`DELETE FROM ${TABLE} WHERE key IN (SELECT key FROM ${TABLE} WHERE expires_at <= ? LIMIT ${SWEEP_BATCH})`);
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /** The committed raw value of `key` (null: absent or expired). */
  readRow(key: string): Row {
    const row = this.selectRow.get(key) as Row | undefined;
    if (!row || row[0] === null) return [null, null];
    if (row[1] !== null && row[1] <= Date.now()) return [null, null];
    return row;
  }

  private changes(): number {
    return this.totalChanges.get() as number;
  }

  begin(): SqliteTx {
    return new SqliteTx(this, this.changes());
  }

  private isCurrent(tx: SqliteTx): boolean {
    if (tx.torn) return false;
    if (tx.reads.size === 0) return true;
    // Nothing changed on this connection since the attempt began and nothing it read has expired.
    if (this.changes() === tx.changesAtStart && Date.now() < tx.minExpiry) return true;
    for (const [key, raw] of tx.reads) if (this.readRow(key)[0] !== raw) return false;
    return true;
  }

  validate(tx: EngineTx): Promise<boolean> {
    return Promise.resolve(this.isCurrent(tx as SqliteTx));
  }

  commit(tx: EngineTx, writes: readonly Write[]): Promise<boolean> {
    if (this.closed) return Promise.reject(new Error('store: closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ tx: tx as SqliteTx, writes, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private apply(writes: readonly Write[]): void {
    const now = Date.now();
    for (const w of writes) {
      if (w.raw === null) this.deleteRow.run(w.key);
      else this.upsert.run(w.key, w.raw, w.ttlMs === null ? null : now + w.ttlMs);
    }
  }

  /** One SQLite transaction for the batch: each member checked, then applied, in order. */
  private runBatch(batch: readonly Pending[]): boolean[] {
    return this.db
      .transaction(() =>
        batch.map((m) => {
          if (!this.isCurrent(m.tx)) return false;
          this.apply(m.writes);
          return true;
        }),
      )
      .immediate();
  }

  flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      const outcomes = this.runBatch(batch);
      batch.forEach((m, i) => m.resolve(outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Rolled back as a whole: try each alone, so only the commit that fails fails.
      for (const m of batch) {
        try {
          m.resolve(this.runBatch([m])[0]!);
        } catch (e) {
          m.reject(e);
        }
      }
    }
  }

  readMany(keys: readonly string[]): Promise<(string | null)[]> {
    return Promise.resolve(keys.map((k) => this.readRow(k)[0]));
  }

  async *scanKeys(prefix: string, pageSize: number): AsyncIterable<string[]> {
    const page = this.db
      .prepare(`SELECT key FROM ${TABLE} WHERE key > ? AND key < ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY key LIMIT ?`)
      .pluck(true);
    const first = this.db.prepare(`SELECT key FROM ${TABLE} WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)`).pluck(true);
    const end = prefixEnd(prefix);
    // `key > after` skips the prefix itself: look at that one key on its own first.
    let keys = (first.all(prefix, Date.now()) as string[]).concat(page.all(prefix, end, Date.now(), pageSize) as string[]);
    while (keys.length > 0) {
      yield keys;
      keys = page.all(keys[keys.length - 1], end, Date.now(), pageSize) as string[];
    }
  }

  count(prefix: string): Promise<number> {
    const n = this.db
      .prepare(`SELECT count(*) FROM ${TABLE} WHERE key >= ? AND key < ? AND (expires_at IS NULL OR expires_at > ?)`)
      .pluck(true)
      .get(prefix, prefixEnd(prefix), Date.now()) as number;
    return Promise.resolve(n);
  }

  /** Deletes up to SWEEP_BATCH expired rows; soon again if there were more. Returns how many. */
  sweep(): number {
    if (this.closed) return 0;
    let deleted = 0;
    try {
      deleted = this.sweepStatement.run(Date.now()).changes;
    } catch {
      // Disk full or busy: the rows stay expired (reads ignore them); the next pass tries again.
      return 0;
    }
    if (deleted === SWEEP_BATCH && !this.sweepSoon) {
      this.sweepSoon = setTimeout(() => {
        this.sweepSoon = null;
        this.sweep();
      }, 20);
      this.sweepSoon.unref();
    }
    return deleted;
  }

  pause(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    if (this.sweepSoon) clearTimeout(this.sweepSoon);
    this.flush();
    this.closed = true;
    await this.dispose();
  }
}

export function createSqliteEngine(db: Database, dispose: () => Promise<void> | void): SqliteEngine {
  return new SqliteEngine(db, dispose);
}

export type { SqliteEngine };
