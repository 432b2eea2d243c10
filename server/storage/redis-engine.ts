/**
 * The Store's engine on Redis, shared by every server instance: values are strings under
 * `shiori:<key>` (unstorage's redis layout), on the connection unstorage's driver opened.
 *
 * Versions: every commit gives each key it writes a version, its own random id, kept beside the
 * value under `shiori:sys:v:<key>` (same TTL; removed with the value). An id is never reused, so a
 * version names one value for good (a key removed and written again gets a new one). Keys written
 * by something other than the Store (unstorage directly, the previous layout) have no version until
 * the Store first writes them; they are read and checked by their value instead, as before. On
 * Redis, write records through the Store only: an unstorage write over a versioned key keeps its
 * old version, and this engine's caches would not see it.
 *
 * Reads (`read-lua`): one script gets, for each key, its version and — unless the caller already
 * holds that version — its value, atomically: one state. Each instance keeps the raw text of recent
 * versions (bounded), so an unchanged record costs a few bytes on the wire and no decode, and hands
 * out the same string object (the Store then hands out the same frozen value). Outside
 * transactions nothing is served from this cache without asking Redis for the key's current
 * version in the same request, so a commit acknowledged by any instance is seen by the next read
 * of every instance. A transaction's first attempt reads what the cache holds without asking: its
 * commit (or, read-only, its check) confirms every version in Redis, so what it returns is still
 * the current state — a stale guess only costs a second attempt. A key read as usually absent (a
 * new request's idempotency answer) that the cache knows nothing of is guessed absent the same way.
 *
 * A commit is one Lua script (atomic in Redis): it checks that every key the transaction read still
 * has the version it had (a key read without a version: the SHA-1 of its value, '' = absent) and
 * returns 0 at the first difference, before any write; only then does it apply the writes (SET, with
 * PX for a TTL; DEL) and their versions. Redis does not roll a script back, so nothing in it may fail
 * after the first write: everything that can fail (a key of another type, a conflict) is looked at
 * first. WATCH/MULTI would need a connection per transaction: the script needs no connection state.
 * The commits asked for in one turn of the event loop share one script call (each checked and
 * applied in turn, each answered alone), as reads do: one round trip for many requests under load.
 * A read that fails inside it (a key of another type) fails only its own commit, before its writes.
 * A read-only view that read in more than one round trip is checked by a second script the same
 * way — unless its last read read again everything read before (then that read is the one state).
 *
 * Exactly once: ioredis re-sends commands that were in flight when a connection broke, so a commit
 * whose reply was lost could run twice. Each commit carries a random id (also the version it
 * writes); the script records it (`sys:commit:<id>`, kept COMMIT_ID_TTL_MS) with the writes, and a
 * re-sent commit that finds its id answers "done" instead of running again (it would otherwise
 * conflict with itself and run `fn` a second time).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Engine, EngineTx, ReadHint, Write } from './engine.ts';
import { BoundedCache } from './bounded-cache.ts';

export const COMMIT_ID_TTL_MS = 10 * 60 * 1000;
/** Reserved key prefixes: a commit's id, a key's version. Never a record's key; scans skip them. */
const COMMIT_PREFIX = 'sys:commit:';
export const VERSION_PREFIX = 'sys:v:';
/**
 * Most bytes of raw text kept per instance, by version (the Store keeps the parsed values beside):
 * the size of the Store's shared values (SHARED_VALUES_BYTES in store.ts), for the same working set.
 */
export const RAW_CACHE_BYTES = 64 * 1024 * 1024;

/** The subset of an ioredis client the engine uses. */
export interface RedisClient {
  mget(...keys: string[]): Promise<(string | null)[]>;
  scan(cursor: string, ...args: (string | number)[]): Promise<[string, string[]]>;
  defineCommand(name: string, def: { lua: string; numberOfKeys?: number }): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

interface ScriptClient extends RedisClient {
  shioriRead(keyCount: number, ...keysAndArgs: string[]): Promise<(string | null)[]>;
  shioriCommit(keyCount: number, ...keysAndArgs: (string | number)[]): Promise<(number | string)[]>;
  shioriCheck(keyCount: number, ...keysAndArgs: string[]): Promise<number>;
}

/**
 * KEYS: for each key, its value key and its version key. ARGV: for each key, the version the
 * caller holds ('' = none). Returns, for each key, its version (nil = none) and its value — nil
 * when the version is the one the caller holds (or the key is absent). The versions come in one
 * MGET (a command per key costs Redis more than the key itself: ~20% of the script's time for a
 * 22-key account view); the few values needed, one GET each (a key of another type is an error).
 * A version key of another type reads as no version (a commit that read it fails on it, CHECK_READS).
 */
const READ_LUA = `
local n = #ARGV
local versions = {}
for first = 1, n, 1000 do -- unpack has a limit (a few thousand values)
  local part = {}
  for i = first, math.min(first + 999, n) do part[#part + 1] = KEYS[2 * i] end
  local got = redis.call('MGET', unpack(part))
  for j = 1, #part do versions[first + j - 1] = got[j] end
end
local out = {}
for i = 1, n do
  local version = versions[i]
  out[2 * i - 1] = version
  if version and version == ARGV[i] then
    out[2 * i] = false
  else
    out[2 * i] = redis.call('GET', KEYS[2 * i - 1])
  end
end
return out
`;

/**
 * The check of what was read, shared by the commit and the read-only check. KEYS from index `first`:
 * per read, its value key and its version key; ARGV from index `arg`: per read, the version seen ('' = none)
 * and, when none, the SHA-1 of the value seen ('' = absent).
 */
const CHECK_READS = `
local function get(key)
  local value = redis.pcall('GET', key)
  if type(value) == 'table' and value.err then return nil, value.err end
  return value
end
local function unchanged(first, arg, reads)
  for i = 0, reads - 1 do
    local version, err = get(KEYS[first + 2 * i + 1])
    if err then return nil, err end
    local seenVersion = ARGV[arg + 2 * i]
    if seenVersion ~= '' then
      if version ~= seenVersion then return false end
    else
      if version then return false end
      local now, nowErr = get(KEYS[first + 2 * i])
      if nowErr then return nil, nowErr end
      local seen = ARGV[arg + 2 * i + 1]
      if now then
        if redis.sha1hex(now) ~= seen then return false end
      elseif seen ~= '' then
        return false
      end
    end
  end
  return true
end
`;

/**
 * Several commits, one after the other (each as if alone: a later one sees what an earlier one
 * wrote). ARGV: [1] the TTL of a commit's id key, then per commit: how many it read, how many it
 * writes, the version its writes get, per read its version and digest (CHECK_READS), per write
 * 'set' | 'del', the value, the TTL in ms (0 = none). KEYS per commit: its id key, per read its
 * value and version keys, per write its value and version keys. Returns per commit 1 (done, or
 * done before: its id is there), 0 (something it read has changed: nothing written) or the error
 * text of a read that failed (a key of another type: nothing of that commit written).
 */
const COMMIT_LUA = `${CHECK_READS}
local out = {}
local k, a = 1, 2
while a <= #ARGV do
  local reads, writes, version = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), ARGV[a + 2]
  local result = 1
  if redis.call('EXISTS', KEYS[k]) == 0 then
    local same, err = unchanged(k + 1, a + 3, reads)
    if err then
      result = err
    elseif not same then
      result = 0
    else
      local w = a + 3 + 2 * reads
      local last = k + 2 * reads + 2 * writes
      for i = k + 1 + 2 * reads, last, 2 do
        if ARGV[w] == 'set' then
          local ttl = tonumber(ARGV[w + 2])
          if ttl > 0 then
            redis.call('SET', KEYS[i], ARGV[w + 1], 'PX', ttl)
            redis.call('SET', KEYS[i + 1], version, 'PX', ttl)
          else
            redis.call('SET', KEYS[i], ARGV[w + 1])
            redis.call('SET', KEYS[i + 1], version)
          end
        else
          redis.call('DEL', KEYS[i], KEYS[i + 1])
        end
        w = w + 3
      end
      redis.call('SET', KEYS[k], '1', 'PX', ARGV[1])
    end
  end
  out[#out + 1] = result
  k = k + 1 + 2 * reads + 2 * writes
  a = a + 3 + 2 * reads + 3 * writes
end
return out
`;

/** Whether every key still holds what was read (KEYS and ARGV as CHECK_READS, from 1); 1 or 0. */
const CHECK_LUA = `${CHECK_READS}
local same, err = unchanged(1, 1, #KEYS / 2)
if err then return redis.error_reply(err) end
if same then return 1 end
return 0
`;

/**
 * A commit's id and the version it writes: 96 random bits (no two commits draw the same), 16
 * characters — every read of a key sends the version it holds and gets the current one back, so
 * a UUID's 36 would be most of an unchanged key's bytes on the wire.
 */
const newVersion = () => randomBytes(12).toString('base64url');

/** What the scripts compare an unversioned read with: the SHA-1 of the value, '' for an absent key. */
const digest = (raw: string | null) => (raw === null ? '' : createHash('sha1').update(raw).digest('hex'));

/** `*`, `?`, `[`, `]` and `\` are glob characters to SCAN MATCH. */
const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/** Most keys in one read script call (a caller asking for more gets a call of its own). */
const READ_BATCH_KEYS = 1000;
/** Most keys in one commit script call (a commit with more gets a call of its own). */
const COMMIT_BATCH_KEYS = 1000;

/** `requests` in order, cut into groups of at most `limit` keys (a request with more is a group alone). */
function groupsOf<R extends { keys: readonly string[] }>(requests: readonly R[], limit: number): R[][] {
  const groups: R[][] = [];
  let size = Infinity;
  for (const request of requests) {
    if (size + request.keys.length > limit) {
      groups.push([]);
      size = 0;
    }
    groups[groups.length - 1]!.push(request);
    size += request.keys.length;
  }
  return groups;
}

interface ReadRequest {
  keys: readonly string[];
  resolve: (seen: Seen[]) => void;
  reject: (error: unknown) => void;
}

interface CommitRequest {
  /** The script's KEYS and ARGV for this commit (COMMIT_LUA, without the id TTL in front). */
  keys: string[];
  args: (string | number)[];
  version: string;
  writes: readonly Write[];
  resolve: (done: boolean) => void;
  reject: (error: unknown) => void;
}

/** What one read of a key saw: its version (null = none) and its raw text (null = absent). */
interface Seen {
  version: string | null;
  raw: string | null;
}

/** What a first attempt takes a usually absent key to be (the commit checks that it still is). */
const ABSENT: Seen = Object.freeze({ version: null, raw: null });

class RedisTx implements EngineTx {
  readonly reads = new Map<string, Seen>();
  torn = false;
  /**
   * The last round trip read every key read before it (and found them unchanged: else `torn`), so
   * everything read is one state — that of one read script — and needs no check.
   */
  oneState = true;
  constructor(
    private readonly engine: RedisEngine,
    /** Read what this instance holds a version of from its cache, without asking Redis (first attempts). */
    private readonly fromCache: boolean,
  ) {}

  async read(keys: readonly string[], hint?: ReadHint): Promise<(string | null)[]> {
    const guess = (key: string) => this.engine.held(key) ?? (hint?.usuallyAbsent ? ABSENT : undefined);
    const held = this.fromCache ? keys.map(guess) : [];
    const ask = this.fromCache ? keys.filter((_, i) => !held[i]) : keys;
    if (ask.length < keys.length) this.oneState = false; // a value from the cache: the commit (or a check) confirms it
    else {
      const asked = new Set(keys);
      this.oneState = [...this.reads.keys()].every((k) => asked.has(k));
    }
    const fetched = ask.length > 0 ? await this.engine.readSeen(ask) : [];
    let next = 0;
    const seen = keys.map((_, i) => held[i] ?? fetched[next++]!);
    keys.forEach((key, i) => {
      const now = seen[i]!;
      const before = this.reads.get(key);
      if (!before) this.reads.set(key, now);
      else if (before.version !== now.version || (now.version === null && before.raw !== now.raw)) this.torn = true;
    });
    return seen.map((s) => s.raw);
  }

  /** KEYS and ARGV of the check of what was read (CHECK_READS). */
  checkArgs(k: (key: string) => string, v: (key: string) => string): { keys: string[]; args: string[] } {
    const keys: string[] = [];
    const args: string[] = [];
    for (const [key, { version, raw }] of this.reads) {
      keys.push(k(key), v(key));
      args.push(version ?? '', version === null ? digest(raw) : '');
    }
    return { keys, args };
  }
}

class RedisEngine implements Engine {
  readonly shared = true;
  private readonly client: ScriptClient;
  /** Raw text by key, with the version it belongs to: valid exactly while Redis has that version. */
  private readonly raws: BoundedCache<{ version: string; raw: string }>;
  /** Reads asked for in this turn of the event loop, sent together at its end. */
  private waiting: ReadRequest[] = [];
  /** Commits asked for in this turn of the event loop, sent together at its end. */
  private committing: CommitRequest[] = [];

  constructor(
    client: RedisClient,
    private readonly base: string,
    private readonly dispose: () => Promise<void> | void,
    warn: (message: string) => void,
    cacheBytes: number,
  ) {
    client.defineCommand('shioriRead', { lua: READ_LUA });
    client.defineCommand('shioriCommit', { lua: COMMIT_LUA });
    client.defineCommand('shioriCheck', { lua: CHECK_LUA });
    // ioredis reconnects by itself; say so once per outage instead of an "unhandled error" per retry.
    let lastWarned = 0;
    client.on('error', (error) => {
      if (Date.now() - lastWarned < 10_000) return;
      lastWarned = Date.now();
      warn(`store: Redis connection: ${error.message} (reconnecting)`);
    });
    this.client = client as ScriptClient;
    this.raws = new BoundedCache(cacheBytes, (key, e) => key.length + e.version.length + e.raw.length);
  }

  private k = (key: string) => this.base + key;
  private v = (key: string) => this.base + VERSION_PREFIX + key;

  /**
   * A first attempt reads what this instance holds from its cache: the commit checks every version
   * it read in Redis anyway, so a value another instance has changed since only makes the commit
   * fail and the next attempt (which asks Redis) run. In the usual case — the request's gate has
   * just read the patron — that saves a round trip per record.
   */
  begin(attempt: number): RedisTx {
    return new RedisTx(this, attempt === 1);
  }

  /** The version and raw text this instance last saw of `key`, if it has them. */
  held(key: string): Seen | undefined {
    const hit = this.raws.get(key);
    return hit ? { version: hit.version, raw: hit.raw } : undefined;
  }

  /**
   * Each key's version and raw text, in one state; unchanged values come from this instance's cache.
   * The reads asked for in one turn of the event loop go to Redis together, in one script call
   * (each caller's keys in the same call, so each still sees one state): under load, one round trip
   * and one socket write serve many requests instead of one each.
   */
  readSeen(keys: readonly string[]): Promise<Seen[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.sendReads());
      this.waiting.push({ keys, resolve, reject });
    });
  }

  private sendReads(): void {
    const requests = this.waiting;
    this.waiting = [];
    for (const group of groupsOf(requests, READ_BATCH_KEYS)) void this.readTogether(group);
  }

  /** One script call for the keys of `requests` (each key once), answered to each. */
  private async readTogether(requests: readonly ReadRequest[]): Promise<void> {
    const index = new Map<string, number>();
    for (const { keys } of requests) for (const key of keys) if (!index.has(key)) index.set(key, index.size);
    const unique = [...index.keys()];
    try {
      const seen = await this.readOnce(unique);
      for (const { keys, resolve } of requests) resolve(keys.map((key) => seen[index.get(key)!]!));
    } catch (error) {
      for (const { reject } of requests) reject(error);
    }
  }

  private async readOnce(keys: readonly string[]): Promise<Seen[]> {
    const held = keys.map((key) => this.raws.get(key));
    const redisKeys: string[] = [];
    for (const key of keys) redisKeys.push(this.k(key), this.v(key));
    const reply = await this.client.shioriRead(redisKeys.length, ...redisKeys, ...held.map((h) => h?.version ?? ''));
    return keys.map((key, i): Seen => {
      const version = reply[2 * i] ?? null;
      const hit = held[i];
      if (version !== null && hit && hit.version === version) return { version, raw: hit.raw };
      const raw = reply[2 * i + 1] ?? null;
      if (version !== null && raw !== null) this.raws.set(key, { version, raw });
      return { version, raw };
    });
  }

  async validate(tx: EngineTx): Promise<boolean> {
    const rtx = tx as RedisTx;
    if (rtx.torn) return false;
    if (rtx.reads.size === 0 || rtx.oneState) return true;
    // Checked in Redis (versions sent, a 0 or 1 back) rather than reading every value again.
    const { keys, args } = rtx.checkArgs(this.k, this.v);
    return (await this.client.shioriCheck(keys.length, ...keys, ...args)) === 1;
  }

  /**
   * Like reads, the commits asked for in one turn of the event loop go to Redis in one script call:
   * the script runs them one after the other, each checked and applied as if alone, and answers
   * each. A commit another one in the call conflicts with fails alone and runs again.
   */
  commit(tx: EngineTx, writes: readonly Write[]): Promise<boolean> {
    const rtx = tx as RedisTx;
    if (rtx.torn) return Promise.resolve(false);
    const version = newVersion();
    const check = rtx.checkArgs(this.k, this.v);
    const keys = [this.k(COMMIT_PREFIX + version), ...check.keys];
    const args: (string | number)[] = [rtx.reads.size, writes.length, version, ...check.args];
    for (const w of writes) {
      keys.push(this.k(w.key), this.v(w.key));
      args.push(w.raw === null ? 'del' : 'set', w.raw ?? '', w.ttlMs ?? 0);
    }
    return new Promise((resolve, reject) => {
      if (this.committing.length === 0) setImmediate(() => this.sendCommits());
      this.committing.push({ keys, args, version, writes, resolve, reject });
    });
  }

  private sendCommits(): void {
    const requests = this.committing;
    this.committing = [];
    for (const group of groupsOf(requests, COMMIT_BATCH_KEYS)) void this.commitTogether(group);
  }

  /**
   * One script call for `requests`. A call that fails as a whole (Redis unreachable, out of memory:
   * Redis refuses a script that may write before it runs) fails every commit in it, none written.
   */
  private async commitTogether(requests: readonly CommitRequest[]): Promise<void> {
    const keys = requests.flatMap((r) => r.keys);
    const args = [COMMIT_ID_TTL_MS, ...requests.flatMap((r) => r.args)];
    let results: (number | string)[];
    try {
      results = await this.client.shioriCommit(keys.length, ...keys, ...args);
    } catch (error) {
      for (const { reject } of requests) reject(error);
      return;
    }
    requests.forEach(({ version, writes, resolve, reject }, i) => {
      const result = results[i];
      if (result === 1) {
        // This instance's next read of what it wrote carries no value.
        for (const w of writes) if (w.raw !== null) this.raws.set(w.key, { version, raw: w.raw });
        resolve(true);
      } else if (result === 0) resolve(false);
      else reject(new Error(`store: Redis refused a commit: ${String(result)}`));
    });
  }

  async readMany(keys: readonly string[]): Promise<(string | null)[]> {
    return (await this.readSeen(keys)).map((s) => s.raw);
  }

  async *scanKeys(prefix: string, pageSize: number): AsyncIterable<string[]> {
    const match = `${escapeGlob(this.base + prefix)}*`;
    let cursor = '0';
    do {
      const [next, found] = await this.client.scan(cursor, 'MATCH', match, 'COUNT', Math.max(pageSize, 100));
      cursor = next;
      const keys = found.map((k) => k.slice(this.base.length)).filter((k) => !k.startsWith(COMMIT_PREFIX) && !k.startsWith(VERSION_PREFIX));
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }

  /** Past the cache: a walk over everything would only evict what requests use. */
  async *scanEntries(prefix: string, pageSize: number): AsyncIterable<[string, string][]> {
    for await (const keys of this.scanKeys(prefix, pageSize)) {
      const raws = await this.client.mget(...keys.map(this.k));
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

export function createRedisEngine(
  client: RedisClient,
  base: string,
  dispose: () => Promise<void> | void,
  warn: (message: string) => void,
  { cacheBytes = RAW_CACHE_BYTES }: { cacheBytes?: number } = {},
): Engine {
  return new RedisEngine(client, base, dispose, warn, cacheBytes);
}
