/**
 * The Redis engine's versions and its per-instance cache of unchanged values, on a real
 * redis-server with two Store instances (two server instances sharing it): a cached value is never
 * served after another instance's commit, a commit checks the versions it read (also when every
 * read was a cache hit), the cache is bounded, an unchanged value does not cross the wire again,
 * and keys written by others (unstorage, the previous layout) have no version and are checked by
 * their value.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import { openStorage } from '../../server/storage/open-storage.ts';
import { createStore, type Store } from '../../server/storage/store.ts';
import { createRedisEngine, VERSION_PREFIX } from '../../server/storage/redis-engine.ts';
import { startRedis, type RedisServer } from './redis-server.ts';

let redis: RedisServer;
let admin: Redis;
const opened: { close(): Promise<void> }[] = [];

before(async () => {
  redis = await startRedis();
  admin = await redis.client();
});
after(async () => {
  for (const s of opened) await s.close().catch(() => undefined);
  admin.disconnect();
  await redis.stop();
});
beforeEach(() => admin.flushall());

/** Script calls redis-server has run so far: round trips of the engine (evalsha, or eval the first time a script meets the server). */
async function scriptCalls(): Promise<number> {
  const stats = await admin.info('commandstats');
  return Number(/cmdstat_evalsha:calls=(\d+)/.exec(stats)?.[1] ?? 0) + Number(/cmdstat_eval:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

async function instance(): Promise<Store> {
  const store = await createStore(await openStorage({ dataDir: '', redisUrl: redis.url }));
  opened.push(store);
  return store;
}

/** Bytes Redis has sent to all its clients so far. */
async function bytesSent(): Promise<number> {
  const info = await admin.info('stats');
  return Number(/total_net_output_bytes:(\d+)/.exec(info)![1]);
}

const big = (tag: string) => ({ tag, filler: 'x'.repeat(200_000) });

describe('Redis versions and the per-instance cache (two instances on one redis-server)', () => {
  it("never serves a cached value after another instance's commit (get, getMany, read, transaction), a removal or a rewrite with the same text", async () => {
    const a = await instance();
    const b = await instance();
    await a.transaction(async (tx) => {
      tx.set('patron:p1', { n: 1 });
      tx.set('title:t1', { n: 1 });
    });
    for (let n = 2; n <= 6; n++) {
      // A holds both in its cache (its own write, then its reads); B commits; A's next read of each kind sees B's.
      assert.deepEqual(await a.getMany(['patron:p1', 'title:t1']), [{ n: n - 1 }, { n: n - 1 }]);
      await b.transaction(async (tx) => {
        tx.set('patron:p1', { n });
        tx.set('title:t1', { n });
      });
      const kind = n % 4;
      if (kind === 0) assert.deepEqual(await a.get('patron:p1'), { n });
      if (kind === 1) assert.deepEqual(await a.read((tx) => tx.getMany(['patron:p1', 'title:t1'])), [{ n }, { n }]);
      if (kind === 2) assert.deepEqual(await a.transaction((tx) => tx.get('title:t1')), { n });
      if (kind === 3) assert.deepEqual(await a.getMany(['title:t1', 'patron:p1']), [{ n }, { n }]);
    }
    await b.transaction(async (tx) => tx.remove('patron:p1'));
    assert.equal(await a.get('patron:p1'), null, 'removed by B');
    assert.equal(await admin.exists(`shiori:${VERSION_PREFIX}patron:p1`), 0, 'the version goes with the value');
    // Written again with the very text A once cached: a new version, and A reads it (not "absent").
    await b.transaction(async (tx) => tx.set('patron:p1', { n: 6 }));
    assert.deepEqual(await a.get('patron:p1'), { n: 6 });
    const [v1] = await admin.mget(`shiori:${VERSION_PREFIX}patron:p1`);
    await b.transaction(async (tx) => tx.set('patron:p1', { n: 6 }));
    const [v2] = await admin.mget(`shiori:${VERSION_PREFIX}patron:p1`);
    assert.ok(v1 && v2 && v1 !== v2, 'every commit writes a version never used before');
  });

  it('a commit whose reads were all cache hits still conflicts when another instance committed in between, and runs again on its value', async () => {
    const a = await instance();
    const b = await instance();
    await a.transaction(async (tx) => tx.set('count:x', 1));
    await a.get('count:x'); // cached on A
    let attempts = 0;
    const result = await a.transaction(async (tx) => {
      attempts += 1;
      const n = (await tx.get<number>('count:x'))!;
      if (attempts === 1) await b.transaction(async (btx) => btx.set('count:x', ((await btx.get<number>('count:x')) ?? 0) + 10));
      tx.set('count:x', n + 1);
      return n;
    });
    assert.equal(attempts, 2, 'the first attempt read version 1, B moved it: conflict');
    assert.equal(result, 11);
    assert.equal(await b.get('count:x'), 12, "nothing of B's lost");
  });

  it('a version moved between two reads of one view: the view runs again and answers one state', async () => {
    const a = await instance();
    const b = await instance();
    await a.transaction(async (tx) => {
      tx.set('patron:p', { titles: 1 });
      tx.set('title:t', { copies: 1 });
    });
    let attempts = 0;
    const seen = await a.read(async (tx) => {
      attempts += 1;
      const patron = await tx.get<{ titles: number }>('patron:p');
      if (attempts === 1) {
        await b.transaction(async (btx) => {
          btx.set('patron:p', { titles: 2 });
          btx.set('title:t', { copies: 2 });
        });
      }
      const title = await tx.get<{ copies: number }>('title:t');
      return [patron!.titles, title!.copies];
    });
    assert.equal(attempts, 2);
    assert.deepEqual(seen, [2, 2], 'never the patron of one state with the title of another');
  });

  it("a transaction's first attempt reads from the cache without a round trip; a stale guess is caught by the commit, or by the check of a refusal, and the next attempt asks Redis", async () => {
    const a = await instance();
    const b = await instance();
    await a.transaction(async (tx) => tx.set('count:y', 1));
    await a.get('count:y'); // cached on A
    const before = await scriptCalls();
    await a.transaction(async (tx) => tx.set('count:y', (await tx.get<number>('count:y'))! + 1));
    assert.equal((await scriptCalls()) - before, 1, 'a warm read and a commit: the commit is the only round trip');

    // B moves it before A's next transactions begin: A's cache is stale from their start.
    await b.transaction(async (tx) => tx.set('count:y', 10));
    let attempts = 0;
    const written = await a.transaction(async (tx) => {
      attempts += 1;
      const n = (await tx.get<number>('count:y'))!;
      tx.set('count:y', n + 1);
      return n;
    });
    assert.deepEqual([attempts, written], [2, 10], 'the stale 2 made the commit fail; the second attempt read 10');
    assert.equal(await b.get('count:y'), 11);

    await b.transaction(async (tx) => tx.set('count:y', 20));
    attempts = 0;
    const answer = await a.transaction(async (tx) => {
      attempts += 1;
      const n = (await tx.get<number>('count:y'))!;
      if (n < 20) throw new Error(`refused on ${n}`);
      return n;
    });
    assert.deepEqual([attempts, answer], [2, 20], 'a refusal decided on the stale 11 is no answer: checked, then run on 20');
  });

  it('a key read as usually absent is guessed absent without a round trip; when another instance has written it, the commit says so and the next attempt reads it', async () => {
    const a = await instance();
    const b = await instance();
    let attempts = 0;
    const claim = (store: typeof a, key: string, who: string) =>
      store.transaction(async (tx) => {
        attempts += 1;
        const holder = await tx.get<string>(key, { usuallyAbsent: true });
        if (holder !== null) return holder;
        tx.set(key, who);
        return who;
      });
    const before = await scriptCalls();
    assert.equal(await a.transaction(async (tx) => (await tx.get<string>('claim:1', { usuallyAbsent: true })) ?? 'none'), 'none');
    assert.equal((await scriptCalls()) - before, 1, 'no read: only the check of the answer');

    assert.equal(await b.get('claim:2'), null); // B has looked and found nothing: no cached value either
    assert.equal(await a.get('claim:2'), null);
    attempts = 0;
    assert.equal(await a.transaction(async (tx) => (await tx.get<string>('claim:2', { usuallyAbsent: true })) ?? (tx.set('claim:2', 'a'), 'a')), 'a');
    assert.equal(await claim(b, 'claim:2', 'b'), 'a', "B guessed it absent, its commit failed, and the next attempt read A's");
    assert.equal(attempts, 2);
    assert.equal(await b.get('claim:2'), 'a');

    // A read-only answer decided on the guess is checked too.
    await b.transaction(async (tx) => tx.set('claim:3', 'b'));
    attempts = 0;
    const seen = await a.transaction(async (tx) => {
      attempts += 1;
      return (await tx.get<string>('claim:3', { usuallyAbsent: true })) ?? 'none';
    });
    assert.deepEqual([seen, attempts], ['b', 2]);
  });

  racingIncrements();

  it('an unchanged value does not cross the wire again; a changed one does', async () => {
    const a = await instance();
    const b = await instance();
    await b.transaction(async (tx) => tx.set('patron:big', big('one')));
    await a.get('patron:big'); // A has not seen it yet: carried once
    const start = await bytesSent();
    for (let i = 0; i < 5; i++) assert.equal((await a.get<{ tag: string }>('patron:big'))!.tag, 'one');
    const unchanged = (await bytesSent()) - start;
    assert.ok(unchanged < 20_000, `five reads of an unchanged 200 KB value sent ${unchanged} bytes`);
    await b.transaction(async (tx) => tx.set('patron:big', big('two')));
    const before2 = await bytesSent();
    assert.equal((await a.get<{ tag: string }>('patron:big'))!.tag, 'two');
    assert.ok((await bytesSent()) - before2 > 200_000, 'the changed value is carried');
  });

  it('one read of 9,000 keys (more than a Lua unpack takes at once) in one script call: held, changed, absent and unversioned keys each right', async () => {
    const a = await instance();
    const b = await instance();
    const keys = Array.from({ length: 9000 }, (_, i) => `title:many${i}`);
    await b.transaction(async (tx) => keys.forEach((k, i) => i % 10 !== 9 && tx.set(k, i)));
    assert.deepEqual(await a.getMany(keys), keys.map((_, i) => (i % 10 === 9 ? null : i)));
    // B changes every third key, unstorage writes an unversioned one; A holds the rest.
    await b.transaction(async (tx) => keys.forEach((k, i) => i % 3 === 0 && i % 10 !== 9 && tx.set(k, -i - 1)));
    await a.storage.setItem('title:many8999', 7 as never);
    const calls = await scriptCalls();
    const seen = await a.getMany<number>(keys);
    assert.equal((await scriptCalls()) - calls, 1, 'one round trip');
    assert.deepEqual(seen, keys.map((_, i) => (i === 8999 ? 7 : i % 10 === 9 ? null : i % 3 === 0 ? -i - 1 : i)));
  });

  it('the cache is bounded: evicted values are read again, right, and a small budget keeps carrying them', async () => {
    const b = await instance();
    const client = await redis.client();
    // An engine with room for about two of these values (the engine the Store opens has RAW_CACHE_BYTES).
    const engine = createRedisEngine(client as never, 'shiori:', () => client.disconnect(), () => undefined, { cacheBytes: 500_000 });
    opened.push(engine);
    const keys = Array.from({ length: 10 }, (_, i) => `title:t${i}`);
    await b.transaction(async (tx) => keys.forEach((k, i) => tx.set(k, big(`v${i}`))));
    const tags = async () => (await engine.readMany(keys)).map((raw) => (JSON.parse(raw!) as { tag: string }).tag);
    assert.deepEqual(await tags(), keys.map((_, i) => `v${i}`));
    const start = await bytesSent();
    assert.deepEqual(await tags(), keys.map((_, i) => `v${i}`));
    assert.ok((await bytesSent()) - start > 1_500_000, 'most of the ten were evicted and carried again');
    await b.transaction(async (tx) => keys.forEach((k, i) => tx.set(k, big(`w${i}`))));
    assert.deepEqual(await tags(), keys.map((_, i) => `w${i}`), 'after evictions and a commit elsewhere: the new values');
    // The two last read are still held (a hit) and still right after B changes one of them.
    await b.transaction(async (tx) => tx.set('title:t9', big('z9')));
    assert.deepEqual((await engine.readMany(['title:t8', 'title:t9'])).map((raw) => (JSON.parse(raw!) as { tag: string }).tag), ['w8', 'z9']);
  });

  it('a key written without the Store (unstorage, the previous layout) has no version: read and checked by its value', async () => {
    const a = await instance();
    await a.storage.setItem('ext:a', 1 as never);
    assert.equal(await a.get('ext:a'), 1);
    let attempts = 0;
    const result = await a.transaction(async (tx) => {
      attempts += 1;
      const n = (await tx.get<number>('ext:a'))!;
      if (attempts === 1) await a.storage.setItem('ext:a', 10 as never);
      tx.set('ext:a', n + 1);
      return n;
    });
    assert.equal(attempts, 2, 'the value it read changed: conflict');
    assert.equal(result, 10);
    assert.equal(await a.get('ext:a'), 11);
    assert.equal(await admin.exists(`shiori:${VERSION_PREFIX}ext:a`), 1, 'versioned from its first commit by the Store');
    // A read of an absent key that unstorage then writes: the commit sees it.
    attempts = 0;
    await a.transaction(async (tx) => {
      attempts += 1;
      const seen = await tx.get<number>('ext:new');
      if (attempts === 1) await a.storage.setItem('ext:new', 5 as never);
      tx.set('ext:new', (seen ?? 0) + 1);
    });
    assert.equal(attempts, 2);
    assert.equal(await a.get('ext:new'), 6);
  });

  it('versions expire with their values, and no scan lists them', async () => {
    const a = await instance();
    await a.transaction(async (tx) => {
      tx.set('session:s1', { n: 1 }, { ttlSeconds: 0.3 });
      tx.set('patron:p1', { n: 1 });
    });
    const ttl = await admin.pttl(`shiori:${VERSION_PREFIX}session:s1`);
    assert.ok(ttl > 0 && ttl <= 300, `the version has the value's TTL (${ttl} ms)`);
    assert.deepEqual((await a.keys('')).sort(), ['patron:p1', 'session:s1']);
    assert.equal(await a.count(''), 2);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(await a.get('session:s1'), null);
    assert.equal(await admin.exists(`shiori:session:s1`, `shiori:${VERSION_PREFIX}session:s1`), 0);
  });
});

function racingIncrements() {
  it('racing increments from two instances with warm caches: the one-at-a-time outcome', async () => {
    const a = await instance();
    const b = await instance();
    await a.transaction(async (tx) => tx.set('count:r', 0));
    await Promise.all([a.get('count:r'), b.get('count:r')]);
    const bump = (s: Store) => s.transaction(async (tx) => tx.set('count:r', ((await tx.get<number>('count:r')) ?? 0) + 1));
    await Promise.all(Array.from({ length: 40 }, (_, i) => bump(i % 2 ? a : b)));
    assert.equal(await a.get('count:r'), 40);
    assert.equal(await b.get('count:r'), 40);
  });
}
