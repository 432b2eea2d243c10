/**
 * The one storage module every rule and handler goes through.
 *
 * What is kept where: every record is one JSON value under one key, in unstorage's layout — the
 * `kv` table (key, value) of the SQLite file under DATA_DIR, or `shiori:<key>` strings on Redis —
 * so `store.storage` (the unstorage `Storage`) can read anything the Store wrote. The Store itself
 * talks to the engine underneath (better-sqlite3 through db0, ioredis through unstorage's driver),
 * because unstorage has no transactions, no batch read on SQLite and no TTL on SQLite.
 *
 * `transaction(fn)` is optimistic: `fn` reads (each read is recorded with the value it saw), stages
 * writes, and the engine commits them in one atomic step that first checks that nothing `fn` read
 * has changed since. On a conflict `fn` runs again on fresh data (at most MAX_ATTEMPTS times, then
 * StoreConflictError). So:
 * - racing transactions have the one-at-a-time outcome, across server instances too (the check and
 *   the writes are one SQLite transaction, or one Lua script on Redis — no lock, no lease, no
 *   timeout in the argument, so a frozen instance that wakes up can only conflict, never overwrite);
 * - a read never waits for a write, and transactions on different keys never wait for each other;
 * - a commit is all or nothing: a failed commit (disk full, a constraint, a refused script) leaves
 *   nothing of itself visible and nothing behind to replay;
 * - an answer or an error of `fn` is returned only if what `fn` read was one consistent state (a
 *   throw or a read-only result is checked like a commit), so no rule ever decides on a torn view.
 * `fn` may therefore run more than once: it must not have effects outside the transaction (mail,
 * search index…); do those after `transaction()` returns.
 *
 * Values keep their types: the Store writes `JSON.stringify(value)` and reads it back with
 * `JSON.parse` (unstorage would store the string "1e5" raw and read it back as 100000).
 * `set(key, value, { ttlSeconds })` gives the key a lifetime (Redis PX; on SQLite an `expires_at`
 * column that reads honour and a sweeper clears in small batches). TTLs are housekeeping in real
 * time: rules that depend on time decide on the library clock themselves.
 */
import type { Storage } from 'unstorage';
import { openEngine, type Engine, type EngineTx, type ReadHint, type Write } from './engine.ts';
import { BoundedCache } from './bounded-cache.ts';
import { jsonCopy, NOT_JSON } from './json-copy.ts';

/** What a transaction function sees: reads that include its own staged writes. */
export interface Tx {
  /** `hint.usuallyAbsent`: a key that is usually not there yet (engine.ts, ReadHint). */
  get<T>(key: string, hint?: ReadHint): Promise<T | null>;
  /** Several values read as one state (one statement on SQLite, one read script call on Redis). */
  getMany<T>(keys: readonly string[]): Promise<(T | null)[]>;
  set(key: string, value: unknown, opts?: SetOptions): void;
  remove(key: string): void;
}

/** What a read-only view (`store.read`) sees: values shared between requests and frozen. */
export interface ReadTx {
  get<T>(key: string): Promise<T | null>;
  getMany<T>(keys: readonly string[]): Promise<(T | null)[]>;
}

export interface SetOptions {
  /** The key disappears by itself this many seconds after the commit (real time). */
  ttlSeconds?: number;
}

export interface Store {
  /**
   * A read outside any transaction: the last committed value, frozen and shared with other readers
   * (no parse when it has not changed). To change it, copy it, or read it in a transaction.
   */
  get<T>(key: string): Promise<T | null>;
  /** Several last committed values, all from one state (frozen, shared). */
  getMany<T>(keys: readonly string[]): Promise<(T | null)[]>;
  /**
   * Several reads that see one state, checked like a transaction (run again if a commit fell
   * between them); the values are frozen and shared, nothing can be written.
   */
  read<R>(fn: (tx: ReadTx) => Promise<R>): Promise<R>;
  /**
   * Runs `fn` and commits what it staged, atomically, if nothing it read changed meanwhile (else
   * runs it again). If `fn` throws on a consistent view, nothing is written and the error is rethrown.
   */
  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R>;
  /**
   * Keys under `prefix`, page by page — for start-up and background jobs, never inside a
   * transaction or on a request path (a scan grows with the data).
   */
  scan(prefix: string, opts?: { pageSize?: number }): AsyncIterable<string[]>;
  /**
   * Keys and values under `prefix`, page by page, for background jobs (maintenance, index builds):
   * fresh copies, read past the caches so a walk over everything does not evict what requests use.
   */
  scanValues<T>(prefix: string, opts?: { pageSize?: number }): AsyncIterable<[key: string, value: T][]>;
  /** How many keys are under `prefix` (start-up checks; a scan on Redis). */
  count(prefix: string): Promise<number>;
  /** Every key under `prefix` (tools and tests; a scan). */
  keys(prefix: string): Promise<string[]>;
  /** Whether other server instances may share this store (Redis, not this process's SQLite file). */
  readonly shared: boolean;
  /** Commits that wrote something, since the Store was opened (tests assert a read writes nothing). */
  readonly commits: number;
  close(): Promise<void>;
  /** The unstorage instance, for tools and tests that read through the storage API. */
  readonly storage: Storage;
  /** The engine underneath (tests that make it fail, the benchmark's seeder). */
  readonly engine: Engine;
}

/** A transaction that kept meeting conflicts: try again later (the HTTP layer answers 503). */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
}

/**
 * The engine failed a read or a commit (disk full, Redis unreachable, a refused script…). For a
 * commit: nothing of it was written. The HTTP layer answers 503; `cause` is the engine's error.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

const unavailable = (what: string) => (cause: unknown): never => {
  throw new StoreUnavailableError(`store: ${what} failed: ${(cause as Error)?.message ?? cause}`, { cause });
};

/** A key the Store refuses: it would mean another key to unstorage (`/`, `?`, `\`, dot segments…). */
export class StoreKeyError extends Error {
  override name = 'StoreKeyError';
}

/**
 * Enough for every transaction to get its turn: on SQLite the losers of one group commit are first
 * in the next, so with N transactions on one key the last waits at most N rounds.
 */
export const MAX_ATTEMPTS = 100;

/**
 * Keys are `part:part:…` with no character unstorage would rewrite (it maps `/` and `\` to `:`,
 * drops `?…`, merges `::`, trims `:` and refuses `.`/`..` segments), so a key means the same row
 * to the Store and to unstorage.
 */
function isStoreKey(key: string): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) return false;
  let segment = 0; // where the current `:`-separated part starts
  for (let i = 0; i <= key.length; i++) {
    const c = i < key.length ? key.charCodeAt(i) : 58; // the end closes the last part like a ':'
    if (c === 58) {
      const length = i - segment;
      if (length === 0) return false; // '', leading/trailing ':' or '::'
      if (key.charCodeAt(segment) === 46 && (length === 1 || (length === 2 && key.charCodeAt(segment + 1) === 46))) return false; // '.' or '..'
      segment = i + 1;
    } else if (c === 47 || c === 92 || c === 63 || c <= 32) {
      return false; // '/', '\\', '?', blanks and control characters
    }
  }
  return true;
}

export function checkKey(key: string): string {
  if (!isStoreKey(key)) throw new StoreKeyError(`store key refused: ${JSON.stringify(String(key).slice(0, 80))}`);
  return key;
}

const encode = (value: unknown): string => {
  const raw = JSON.stringify(value);
  if (raw === undefined) throw new TypeError('store: a value must be JSON (not undefined or a function)');
  return raw;
};
const decode = <T>(raw: string | null): T | null => (raw === null ? null : (JSON.parse(raw) as T));

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    else for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/**
 * Most bytes of raw text whose frozen values are kept for readers. A cache of this kind keeps whole
 * only a working set of half its budget (bounded-cache.ts); a record that falls out is parsed anew
 * into a new object, and every account answer kept on the old one is built again. 1,000 patrons in
 * use with 20 loans each over a large catalogue are ~18 MB of text: more than half of 32 MB.
 */
export const SHARED_VALUES_BYTES = 64 * 1024 * 1024;

/**
 * Frozen values of recently read or written keys, each with the raw text it stands for: a reader
 * whose raw text is the same gets the same frozen value (a text compare, usually the same string,
 * instead of a parse), and a transaction gets a mutable copy of it (jsonCopy, faster than a
 * parse). A changed value has another text, so it is never served stale.
 */
function createSharedValues() {
  const entries = new BoundedCache<{ raw: string; value: unknown }>(SHARED_VALUES_BYTES, (key, e) => key.length + e.raw.length);
  return {
    /** The frozen value of `raw` (parsed and kept unless it is the one already kept). */
    read<T>(key: string, raw: string | null): T | null {
      if (raw === null) return null;
      const hit = entries.get(key);
      if (hit && hit.raw === raw) return hit.value as T;
      const value = deepFreeze(JSON.parse(raw) as T);
      entries.set(key, { raw, value });
      return value;
    },
    /** A mutable copy of `raw`'s value: copied from the kept frozen one when there is one, else parsed. */
    copy<T>(key: string, raw: string | null): T | null {
      if (raw === null) return null;
      const hit = entries.get(key);
      if (hit && hit.raw === raw) {
        const copy = jsonCopy(hit.value);
        if (copy !== NOT_JSON) return copy as T;
      }
      return JSON.parse(raw) as T;
    },
    /** A committed write: `value` is exactly what `raw` parses to (a jsonCopy taken when it was staged). */
    learn(key: string, raw: string, value: unknown): void {
      entries.set(key, { raw, value: deepFreeze(value) });
    },
  };
}
type SharedValues = ReturnType<typeof createSharedValues>;

function ttlMs(opts: SetOptions | undefined): number | null {
  const s = opts?.ttlSeconds;
  if (s === undefined) return null;
  if (!(s > 0) || !Number.isFinite(s)) throw new RangeError(`store: ttlSeconds must be a positive number, not ${s}`);
  return Math.ceil(s * 1000);
}

/**
 * A transaction's staged writes over the engine's recorded reads. Each staged value is kept as its
 * text (what commits) and as a copy of it taken then (what the shared values learn once it has
 * committed, so the next reader does not parse what this process has just written).
 */
function createTx(etx: EngineTx, shared: SharedValues): { tx: Tx; staged: Map<string, Write>; copies: Map<string, unknown> } {
  const staged = new Map<string, Write>();
  const copies = new Map<string, unknown>();
  const tx: Tx = {
    async get<T>(key: string, hint?: ReadHint) {
      const own = staged.get(checkKey(key));
      if (own) return decode<T>(own.raw);
      const [raw] = await etx.read([key], hint).catch(unavailable('read'));
      return shared.copy<T>(key, raw ?? null);
    },
    async getMany<T>(keys: readonly string[]) {
      const missing = keys.filter((k) => !staged.has(checkKey(k)));
      const fetched = missing.length > 0 ? await etx.read(missing).catch(unavailable('read')) : [];
      const byKey = new Map(missing.map((k, i) => [k, fetched[i] ?? null]));
      return keys.map((k) => (staged.has(k) ? decode<T>(staged.get(k)!.raw) : shared.copy<T>(k, byKey.get(k) ?? null)));
    },
    set(key, value, opts) {
      const raw = encode(value);
      staged.set(checkKey(key), { key, raw, ttlMs: ttlMs(opts) });
      const copy = jsonCopy(value);
      if (copy === NOT_JSON) copies.delete(key);
      else copies.set(key, copy);
    },
    remove(key) {
      staged.set(checkKey(key), { key, raw: null, ttlMs: null });
      copies.delete(key);
    },
  };
  return { tx, staged, copies };
}

/** Reads through `read` (the engine's, or a transaction's that records them) with shared frozen values. */
function sharedReader(read: (keys: readonly string[]) => Promise<(string | null)[]>, shared: SharedValues): ReadTx {
  return {
    async get<T>(key: string) {
      const [raw] = await read([checkKey(key)]).catch(unavailable('read'));
      return shared.read<T>(key, raw ?? null);
    },
    async getMany<T>(keys: readonly string[]) {
      if (keys.length === 0) return [];
      const raws = await read(keys.map(checkKey)).catch(unavailable('read'));
      return keys.map((k, i) => shared.read<T>(k, raws[i] ?? null));
    },
  };
}

/** Opens the Store over an unstorage Storage made by `openStorage` (SQLite through db0, or Redis). */
export async function createStore(storage: Storage, opts: { warn?: (message: string) => void } = {}): Promise<Store> {
  const engine = await openEngine(storage, opts.warn ?? ((m) => console.warn(m)));
  const shared = createSharedValues();
  let commits = 0;

  const nothingStaged = new Map<string, Write>();
  const nothingCopied = new Map<string, unknown>();
  const openReadTx = (etx: EngineTx) => ({ tx: sharedReader((keys) => etx.read(keys), shared), staged: nothingStaged, copies: nothingCopied });
  const openTx = (etx: EngineTx) => createTx(etx, shared);
  const committed = sharedReader((keys) => engine.readMany(keys), shared);

  /** The optimistic loop: `open` gives the view `fn` works on and what it staged. */
  async function run<V, R>(open: (etx: EngineTx) => { tx: V; staged: Map<string, Write>; copies: Map<string, unknown> }, fn: (tx: V) => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const etx = engine.begin(attempt);
      const { tx, staged, copies } = open(etx);
      let outcome: { result: R } | { error: unknown };
      try {
        outcome = { result: await fn(tx) };
      } catch (error) {
        outcome = { error };
      }
      if ('error' in outcome) {
        // An error decided on a consistent view stands; one decided on a torn view is no answer.
        if (await engine.validate(etx)) throw outcome.error;
      } else if (staged.size === 0 ? await engine.validate(etx) : await engine.commit(etx, [...staged.values()]).catch(unavailable('commit'))) {
        if (staged.size > 0) commits += 1;
        for (const [key, copy] of copies) shared.learn(key, staged.get(key)!.raw!, copy);
        return outcome.result;
      }
      if (attempt >= MAX_ATTEMPTS) throw new StoreConflictError(`store: still conflicting after ${MAX_ATTEMPTS} attempts`);
      await engine.pause(attempt);
    }
  }

  return {
    storage,
    engine,
    shared: engine.shared,
    get commits() {
      return commits;
    },
    get: committed.get,
    getMany: committed.getMany,
    transaction: (fn) => run(openTx, fn),
    read: (fn) => run(openReadTx, fn),
    scan: (prefix, opts) => engine.scanKeys(prefix, opts?.pageSize ?? 500),
    async *scanValues<T>(prefix: string, opts?: { pageSize?: number }) {
      for await (const page of engine.scanEntries(prefix, opts?.pageSize ?? 500)) {
        yield page.map(([key, raw]): [string, T] => [key, JSON.parse(raw) as T]);
      }
    },
    count: (prefix) => engine.count(prefix),
    async keys(prefix) {
      const all = new Set<string>();
      for await (const page of engine.scanKeys(prefix, 1000)) for (const k of page) all.add(k);
      return [...all];
    },
    close: () => engine.close(),
  };
}
