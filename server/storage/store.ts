/**
 * The one storage module every rule and handler goes through.
 *
 * Underneath is an unstorage `Storage` (SQLite through db0 by default, Redis with REDIS_URL).
 * unstorage has no transactions, so this module adds the two guarantees the rules need:
 *
 * - **Serialised**: `transaction()` runs one function at a time (in this process), so a rule's
 *   check and its write can never interleave with another request's — ten racing renewals of one
 *   loan behave as if they came one after another. On Redis, which several server instances may
 *   share, a lock held in Redis (shared-lock.ts) makes that true across instances too; each
 *   transaction there first repairs a journal that a crashed instance may have left (the others
 *   keep running, so "at the next start" is not soon enough). Redis is only as durable as its
 *   config: run it with `appendonly yes` and `appendfsync always`.
 * - **Atomic and durable**: the writes a transaction stages are committed all or nothing. One
 *   write is a single `setItem` (one SQLite statement: atomic, fsynced in WAL mode with
 *   synchronous=FULL). Several writes go through a redo journal: the whole batch is first written
 *   as one value under `JOURNAL_KEY`, then applied key by key, then the journal is removed. A crash
 *   before the journal is written loses the (unacknowledged) transaction; a crash after it is
 *   repaired at the next start by applying the journal again (each write is a whole value, so
 *   applying twice is harmless). The HTTP answer is sent only after the commit returns.
 */
import type { Storage } from 'unstorage';
import { sharedLockFor } from './shared-lock.ts';

export const JOURNAL_KEY = 'sys:journal';

type Write = { key: string; value: unknown | null };

/** What a transaction function sees: reads that include its own staged writes. */
export interface Tx {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  keys(prefix: string): Promise<string[]>;
}

export interface Store {
  /** A read outside any transaction (may see the state just before a commit in progress). */
  get<T>(key: string): Promise<T | null>;
  keys(prefix: string): Promise<string[]>;
  /**
   * Runs `fn` alone and commits what it staged, atomically. If `fn` throws, nothing is written
   * and the error is rethrown.
   */
  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R>;
  close(): Promise<void>;
  /** The unstorage instance, for code that needs the driver itself (tests, maintenance). */
  readonly storage: Storage;
}

/** A lock as a promise chain: each caller waits for the one before it. */
function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <R>(fn: () => Promise<R>): Promise<R> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

async function commit(storage: Storage, writes: Write[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length > 1) await storage.setItem(JOURNAL_KEY, writes as never);
  await applyWrites(storage, writes);
  if (writes.length > 1) await storage.removeItem(JOURNAL_KEY);
}

async function applyWrites(storage: Storage, writes: Write[]): Promise<void> {
  for (const w of writes) {
    if (w.value === null) await storage.removeItem(w.key);
    else await storage.setItem(w.key, w.value as never);
  }
}

/** Replays a journal left by a crash between its write and its removal. */
export async function recoverJournal(storage: Storage): Promise<number> {
  const journal = (await storage.getItem(JOURNAL_KEY)) as Write[] | null;
  if (!journal) return 0;
  await applyWrites(storage, journal);
  await storage.removeItem(JOURNAL_KEY);
  return journal.length;
}

export async function createStore(storage: Storage): Promise<Store> {
  const inProcess = createSerialQueue();
  const shared = sharedLockFor(storage);
  // In this process one at a time; across processes (Redis) also under the shared lock, inside which
  // a journal left by a crashed instance is repaired before anything else reads.
  const serial = <R>(fn: () => Promise<R>): Promise<R> =>
    inProcess(() =>
      shared
        ? shared.run(async () => {
            await recoverJournal(storage);
            return fn();
          })
        : fn(),
    );
  await serial(() => recoverJournal(storage));

  return {
    storage,
    get: async <T>(key: string) => ((await storage.getItem(key)) as T | null) ?? null,
    keys: (prefix: string) => storage.getKeys(prefix),
    transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
      return serial(async () => {
        const staged = new Map<string, unknown | null>();
        const tx: Tx = {
          async get<T>(key: string) {
            if (staged.has(key)) return structuredClone(staged.get(key)) as T | null;
            return ((await storage.getItem(key)) as T | null) ?? null;
          },
          set(key, value) {
            staged.set(key, structuredClone(value));
          },
          remove(key) {
            staged.set(key, null);
          },
          async keys(prefix) {
            const found = new Set(await storage.getKeys(prefix));
            for (const [k, v] of staged) {
              if (!k.startsWith(prefix)) continue;
              if (v === null) found.delete(k);
              else found.add(k);
            }
            return [...found];
          },
        };
        const result = await fn(tx);
        await commit(
          storage,
          [...staged].map(([key, value]) => ({ key, value })),
        );
        return result;
      });
    },
    close: () => storage.dispose(),
  };
}
