/**
 * The Store's engine on Redis, shared by every server instance: values are strings under
 * `shiori:<key>` (unstorage's redis layout), read with GET / MGET on the connection unstorage's
 * driver opened.
 *
 * A commit is one Lua script (atomic in Redis): it compares the SHA-1 of every value the
 * transaction read with what is there now and returns 0 at the first difference, before any write;
 * only then does it apply the writes (SET, with PX for a TTL; DEL). Redis does not roll a script
 * back, so nothing in it may fail after the first write: everything that can fail (a key of another
 * type, a conflict) is looked at first. WATCH/MULTI would need a connection per transaction: the
 * script needs no connection state at all. A read-only view that read in more than one round trip
 * is checked by a second script the same way — unless its last MGET read again everything read
 * before (then that MGET is the one state).
 *
 * Exactly once: ioredis re-sends commands that were in flight when a connection broke, so a commit
 * whose reply was lost could run twice. Each commit carries a random id; the script records it
 * (`sys:commit:<id>`, kept COMMIT_ID_TTL_MS) with the writes, and a re-sent commit that finds its id
 * answers "done" instead of running again (it would otherwise conflict with itself and run `fn`
 * a second time).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Engine, EngineTx, Write } from './engine.ts';

export const COMMIT_ID_TTL_MS = 10 * 60 * 1000;

/** The subset of an ioredis client the engine uses. */
export interface RedisClient {
  mget(...keys: string[]): Promise<(string | null)[]>;
  get(key: string): Promise<string | null>;
  scan(cursor: string, ...args: (string | number)[]): Promise<[string, string[]]>;
  defineCommand(name: string, def: { lua: string; numberOfKeys?: number }): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

interface CommitClient extends RedisClient {
  shioriCommit(keyCount: number, ...keysAndArgs: (string | number)[]): Promise<number>;
  shioriCheck(keyCount: number, ...keysAndArgs: string[]): Promise<number>;
}

/**
 * KEYS: [1] the commit's id key, then the keys read, then the keys written.
 * ARGV: [1] how many were read, [2] the id key's TTL, then the SHA-1 of each value read ('' = it
 * was absent), then for each write: 'set' | 'del', the value, the TTL in ms (0 = none).
 */
const COMMIT_LUA = `
local reads = tonumber(ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 1 then return 1 end
for i = 1, reads do
  local now = redis.call('GET', KEYS[1 + i])
  local seen = ARGV[2 + i]
  if now then
    if redis.sha1hex(now) ~= seen then return 0 end
  elseif seen ~= '' then
    return 0
  end
end
local a = 3 + reads
for i = 2 + reads, #KEYS do
  if ARGV[a] == 'set' then
    local ttl = tonumber(ARGV[a + 2])
    if ttl > 0 then redis.call('SET', KEYS[i], ARGV[a + 1], 'PX', ttl) else redis.call('SET', KEYS[i], ARGV[a + 1]) end
  else
    redis.call('DEL', KEYS[i])
  end
  a = a + 3
end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
return 1
`;

/** Whether every key still holds what was read (same arguments as the commit's reads); 1 or 0. */
const CHECK_LUA = `
for i = 1, #KEYS do
  local now = redis.call('GET', KEYS[i])
  if now then
    if redis.sha1hex(now) ~= ARGV[i] then return 0 end
  elseif ARGV[i] ~= '' then
    return 0
  end
end
return 1
`;

/** What the scripts compare a read with: the SHA-1 of the value, '' for an absent key. */
const digest = (raw: string | null) => (raw === null ? '' : createHash('sha1').update(raw).digest('hex'));

/** `*`, `?`, `[`, `]` and `\` are glob characters to SCAN MATCH. */
const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

class RedisTx implements EngineTx {
  readonly reads = new Map<string, string | null>();
  torn = false;
  /**
   * The last round trip read every key read before it (and found them unchanged: else `torn`), so
   * everything read is one state — that of one MGET — and needs no check.
   */
  oneState = true;
  constructor(private readonly engine: RedisEngine) {}

  async read(keys: readonly string[]): Promise<(string | null)[]> {
    const asked = new Set(keys);
    this.oneState = [...this.reads.keys()].every((k) => asked.has(k));
    const raws = await this.engine.readMany(keys);
    keys.forEach((key, i) => {
      const raw = raws[i] ?? null;
      if (!this.reads.has(key)) this.reads.set(key, raw);
      else if (this.reads.get(key) !== raw) this.torn = true;
    });
    return raws;
  }
}

class RedisEngine implements Engine {
  readonly shared = true;
  private readonly client: CommitClient;

  constructor(
    client: RedisClient,
    private readonly base: string,
    private readonly dispose: () => Promise<void> | void,
    warn: (message: string) => void,
  ) {
    client.defineCommand('shioriCommit', { lua: COMMIT_LUA });
    client.defineCommand('shioriCheck', { lua: CHECK_LUA });
    // ioredis reconnects by itself; say so once per outage instead of an "unhandled error" per retry.
    let lastWarned = 0;
    client.on('error', (error) => {
      if (Date.now() - lastWarned < 10_000) return;
      lastWarned = Date.now();
      warn(`store: Redis connection: ${error.message} (reconnecting)`);
    });
    this.client = client as CommitClient;
  }

  private k = (key: string) => this.base + key;

  begin(): RedisTx {
    return new RedisTx(this);
  }

  async validate(tx: EngineTx): Promise<boolean> {
    const { reads, torn, oneState } = tx as RedisTx;
    if (torn) return false;
    if (reads.size === 0 || oneState) return true;
    // Checked in Redis (digests sent, a 0 or 1 back) rather than reading every value again.
    const keys = [...reads.keys()];
    return (await this.client.shioriCheck(keys.length, ...keys.map(this.k), ...keys.map((k) => digest(reads.get(k) ?? null)))) === 1;
  }

  async commit(tx: EngineTx, writes: readonly Write[]): Promise<boolean> {
    const { reads, torn } = tx as RedisTx;
    if (torn) return false;
    const readKeys = [...reads.keys()];
    const keys = [this.k(`sys:commit:${randomUUID()}`), ...readKeys.map(this.k), ...writes.map((w) => this.k(w.key))];
    const args: (string | number)[] = [readKeys.length, COMMIT_ID_TTL_MS];
    for (const key of readKeys) args.push(digest(reads.get(key) ?? null));
    for (const w of writes) args.push(w.raw === null ? 'del' : 'set', w.raw ?? '', w.ttlMs ?? 0);
    return (await this.client.shioriCommit(keys.length, ...keys, ...args)) === 1;
  }

  async readMany(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    if (keys.length === 1) return [await this.client.get(this.k(keys[0]!))];
    return this.client.mget(...keys.map(this.k));
  }

  async *scanKeys(prefix: string, pageSize: number): AsyncIterable<string[]> {
    const match = `${escapeGlob(this.base + prefix)}*`;
    let cursor = '0';
    do {
      const [next, found] = await this.client.scan(cursor, 'MATCH', match, 'COUNT', Math.max(pageSize, 100));
      cursor = next;
      const keys = found.map((k) => k.slice(this.base.length)).filter((k) => !k.startsWith('sys:commit:'));
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }

  async *scanEntries(prefix: string, pageSize: number): AsyncIterable<[string, string][]> {
    for await (const keys of this.scanKeys(prefix, pageSize)) {
      const raws = await this.readMany(keys);
      const entries = keys.flatMap((k, i): [string, string][] => (raws[i] == null ? [] : [[k, raws[i]!]]));
      if (entries.length > 0) yield entries;
    }
  }

  async count(prefix: string): Promise<number> {
    // SCAN may return a key twice (while Redis resizes its table): count each once.
    const seen = new Set<string>();
    for await (const page of this.scanKeys(prefix, 1000)) for (const k of page) seen.add(k);
    return seen.size;
  }

  /** After a few conflicts in a row, a random pause that grows, so instances stop colliding. */
  async pause(attempt: number): Promise<void> {
    if (attempt < 3) return;
    const ms = Math.random() * Math.min(50, 2 ** (attempt - 2));
    await new Promise((r) => setTimeout(r, ms));
  }

  async close(): Promise<void> {
    await this.dispose();
  }
}

export function createRedisEngine(client: RedisClient, base: string, dispose: () => Promise<void> | void, warn: (message: string) => void): Engine {
  return new RedisEngine(client, base, dispose, warn);
}
