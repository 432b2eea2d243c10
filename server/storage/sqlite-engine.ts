/**
 * The Store's engine on the embedded SQLite file: the one better-sqlite3 connection db0 opened
 * (WAL; a commit is on disk before it is answered), unstorage's `kv` table plus an `expires_at`
 * column (unstorage ignores it).
 *
 * - Reads are synchronous, so several reads with no `await` between them are one state (nothing
 *   can commit in between: commits run in their own turn of the event loop).
 * - Group commit: commits asked for in the same turn of the event loop are applied in one SQLite
 *   transaction (one fsync), in order, each first checked against the state including the ones
 *   before it in the batch; each caller is answered only after the batch is on disk — synced off
 *   the event loop (wal-sync.ts), so the next batch is prepared meanwhile. If the SQLite
 *   transaction fails (disk full, busy, a constraint) it rolls back entirely, then each member is
 *   tried alone so one bad commit cannot sink the others.
 * - Checkpoints: a worker thread copies the WAL into the file (wal-checkpointer.ts), never a commit.
 * - Expiry: a row whose `expires_at` (ms since the epoch, real time) has passed reads as absent; a
 *   sweeper deletes such rows, SWEEP_BATCH per pass, so no pass holds the connection for long.
 * - A read cache of raw rows (CACHE_BYTES at most): this process owns the file, so every change
 *   either goes through this engine (which updates the cache as it writes) or shows as a change
 *   the cache cannot explain — `total_changes()` of the connection (unstorage's own writes), checked
 *   on every read, or `data_version` (another process, e.g. a tool), checked once per turn of the
 *   event loop — and then the cache starts afresh.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Engine, EngineTx, Write } from './engine.ts';
import { BoundedCache } from './bounded-cache.ts';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.ts';
import { WalSync } from './wal-sync.ts';

export const TABLE = 'kv';
export const SWEEP_BATCH = 500;
export const SWEEP_EVERY_MS = 1000;
export const CACHE_BYTES = 64 * 1024 * 1024;

/** A row as read: raw JSON text (null: absent) and expiry (ms, null: none). */
type Row = readonly [value: string | null, expiresAt: number | null];
const ABSENT: Row = [null, null];

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

const live = (row: Row): string | null => (row[0] !== null && (row[1] === null || row[1] > Date.now()) ? row[0] : null);

class SqliteTx implements EngineTx {
  readonly reads = new Map<string, string | null>();
  /** A key read twice with different values: `fn` saw two states, the attempt cannot stand. */
  torn = false;
  /** The earliest expiry among the rows read: past it, a read may no longer hold. */
  minExpiry = Infinity;
  constructor(
    private readonly engine: SqliteEngine,
    readonly epochAtStart: number,
  ) {}

  read(keys: readonly string[]): Promise<(string | null)[]> {
    this.engine.syncCache();
    const out = keys.map((key) => {
      const row = this.engine.readRow(key);
      const raw = live(row);
      if (raw !== null && row[1] !== null && row[1] < this.minExpiry) this.minExpiry = row[1];
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
  private readonly dataVersion: Statement;
  private readonly sweepStatement: Statement;
  private pending: Pending[] = [];
  private flushScheduled = false;
  private readonly sweeper: NodeJS.Timeout;
  private sweepSoon: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly checkpointer: WalCheckpointer | null;
  /** null: an in-memory database (nothing to sync). */
  readonly walSync: WalSync | null;

  /** Moves whenever the file's content may have changed: commits, sweeps, changes from elsewhere. */
  private epoch = 0;
  private readonly cache = new BoundedCache<Row>(CACHE_BYTES, (key, row) => key.length + (row[0]?.length ?? 0));
  /** total_changes() / data_version as last explained by this engine's own writes. */
  private knownChanges: number;
  private knownVersion: number;
  private versionCheckedThisTurn = false;

  constructor(
    readonly db: Database,
    private readonly dispose: () => Promise<void> | void,
    warn: (message: string) => void,
  ) {
    ensureSchema(db);
    this.selectRow = db.prepare(`SELECT value, expires_at FROM ${TABLE} WHERE key = ?`).raw(true);
    this.upsert = db.prepare(
      `INSERT INTO ${TABLE} (key, value, blob, created_at, updated_at, expires_at) VALUES (?, ?, NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, blob = NULL, updated_at = CURRENT_TIMESTAMP, expires_at = excluded.expires_at`,
    );
    this.deleteRow = db.prepare(`DELETE FROM ${TABLE} WHERE key = ?`);
    this.totalChanges = db.prepare('SELECT total_changes()').pluck(true);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck(true);
    this.sweepStatement = db
      .prepare(`DELETE FROM ${TABLE} WHERE key IN (SELECT key FROM ${TABLE} WHERE expires_at <= ? LIMIT ${SWEEP_BATCH}) RETURNING key`)
      .pluck(true);
    this.knownChanges = this.totalChanges.get() as number;
    this.knownVersion = this.dataVersion.get() as number;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
    this.checkpointer = db.memory ? null : startWalCheckpointer(db, warn);
    this.walSync = db.memory ? null : new WalSync(`${db.name}-wal`);
    // Commits only write the WAL; the engine syncs it after each batch, off the event loop.
    if (this.walSync) db.pragma('synchronous = NORMAL');
  }

  private forgetCache(): void {
    this.cache.clear();
    this.epoch += 1;
  }

  private remember(key: string, row: Row): void {
    this.cache.set(key, row);
  }

  /** Drops the cache if something other than this engine changed the file. Call before reading. */
  syncCache(): void {
    const changes = this.totalChanges.get() as number;
    if (changes !== this.knownChanges) {
      this.knownChanges = changes;
      this.forgetCache();
    }
    if (!this.versionCheckedThisTurn) {
      this.versionCheckedThisTurn = true;
      setImmediate(() => (this.versionCheckedThisTurn = false));
      const version = this.dataVersion.get() as number;
      if (version !== this.knownVersion) {
        this.knownVersion = version;
        this.forgetCache();
      }
    }
  }

  /** The row of `key` (expired rows included: callers look at the expiry). syncCache() first. */
  readRow(key: string): Row {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const row = (this.selectRow.get(key) as Row | undefined) ?? ABSENT;
    this.remember(key, row);
    return row;
  }

  begin(): SqliteTx {
    this.syncCache();
    return new SqliteTx(this, this.epoch);
  }

  private isCurrent(tx: SqliteTx): boolean {
    if (tx.torn) return false;
    if (tx.reads.size === 0) return true;
    this.syncCache();
    // Nothing changed since the attempt began and nothing it read has expired.
    if (this.epoch === tx.epochAtStart && Date.now() < tx.minExpiry) return true;
    for (const [key, raw] of tx.reads) if (live(this.readRow(key)) !== raw) return false;
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

  /** Writes inside the batch's SQLite transaction; the cache follows at once (the batch's later members read it). */
  private apply(writes: readonly Write[]): void {
    const now = Date.now();
    for (const w of writes) {
      if (w.raw === null) {
        this.deleteRow.run(w.key);
        this.remember(w.key, ABSENT);
      } else {
        const expiresAt = w.ttlMs === null ? null : now + w.ttlMs;
        this.upsert.run(w.key, w.raw, expiresAt);
        this.remember(w.key, [w.raw, expiresAt]);
      }
    }
    // These changes are this engine's own: the cache already has them.
    this.knownChanges = this.totalChanges.get() as number;
    this.epoch += 1;
  }

  /** One SQLite transaction for the batch: each member checked, then applied, in order. */
  private runBatch(batch: readonly Pending[]): boolean[] {
    this.syncCache();
    try {
      return this.db
        .transaction(() =>
          batch.map((m) => {
            if (!this.isCurrent(m.tx)) return false;
            this.apply(m.writes);
            return true;
          }),
        )
        .immediate();
    } catch (error) {
      // Rolled back: what the cache took from the batch never happened.
      this.forgetCache();
      throw error;
    } finally {
      this.knownChanges = this.totalChanges.get() as number;
    }
  }

  flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const written: Pending[] = [];
    try {
      const outcomes = this.runBatch(batch);
      batch.forEach((m, i) => (outcomes[i] ? written.push(m) : m.resolve(false)));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Rolled back as a whole: try each alone, so only the commit that fails fails.
      for (const m of batch) {
        try {
          if (this.runBatch([m])[0]) written.push(m);
          else m.resolve(false);
        } catch (e) {
          m.reject(e);
        }
      }
    }
    this.answerWhenDurable(written);
  }

  /** Answers the members that wrote once their batch is on disk (a failed sync: their commit failed). */
  private answerWhenDurable(written: readonly Pending[]): void {
    if (written.length === 0) return;
    if (!this.walSync) return written.forEach((m) => m.resolve(true));
    this.walSync.durable().then(
      () => written.forEach((m) => m.resolve(true)),
      (error) => written.forEach((m) => m.reject(error)),
    );
  }

  readMany(keys: readonly string[]): Promise<(string | null)[]> {
    this.syncCache();
    return Promise.resolve(keys.map((k) => live(this.readRow(k))));
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

  /** One range statement per page (no point reads, nothing cached: a bulk job must not evict the requests' rows). */
  async *scanEntries(prefix: string, pageSize: number): AsyncIterable<[string, string][]> {
    const page = this.db
      .prepare(`SELECT key, value FROM ${TABLE} WHERE key >= ? AND key < ? AND value IS NOT NULL AND (expires_at IS NULL OR expires_at > ?) ORDER BY key LIMIT ?`)
      .raw(true);
    const end = prefixEnd(prefix);
    let from = prefix;
    for (;;) {
      const rows = page.all(from, end, Date.now(), pageSize) as [string, string][];
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < pageSize) return;
      // The next key after the last one: the same key with a NUL appended sorts right after it.
      from = `${rows[rows.length - 1]![0]}\u0000`;
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
    this.syncCache();
    let deleted: string[];
    try {
      deleted = this.sweepStatement.all(Date.now()) as string[];
    } catch {
      // Disk full or busy: the rows stay expired (reads ignore them); the next pass tries again.
      return 0;
    } finally {
      this.knownChanges = this.totalChanges.get() as number;
    }
    for (const key of deleted) this.remember(key, ABSENT);
    if (deleted.length > 0) this.epoch += 1;
    if (deleted.length === SWEEP_BATCH && !this.sweepSoon) {
      this.sweepSoon = setTimeout(() => {
        this.sweepSoon = null;
        this.sweep();
      }, 20);
      this.sweepSoon.unref();
    }
    return deleted.length;
  }

  pause(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    if (this.sweepSoon) clearTimeout(this.sweepSoon);
    this.flush();
    this.closed = true;
    await this.walSync?.close();
    await this.checkpointer?.stop();
    await this.dispose();
  }
}

export function createSqliteEngine(db: Database, dispose: () => Promise<void> | void, warn: (message: string) => void): SqliteEngine {
  return new SqliteEngine(db, dispose, warn);
}

export type { SqliteEngine };
