/**
 * The Store's contract, run against both engines: real SQLite files in temp dirs and a real
 * redis-server. What the rules rely on: all-or-nothing commits (also when the engine itself fails
 * midway), the one-at-a-time outcome of racing transactions, reads of one state, values and keys
 * that come back as they went in, and keys that expire by themselves.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer as createNetServer, type Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { openStorage } from '../../server/storage/open-storage.ts';
import { createStore, StoreKeyError, StoreUnavailableError, type Store } from '../../server/storage/store.ts';
import type { SqliteEngine } from '../../server/storage/sqlite-engine.ts';
import { startRedis, type RedisServer } from './redis-server.ts';

interface EngineCase {
  name: 'sqlite' | 'redis';
  /** A store on an empty database of this engine. */
  fresh(): Promise<Store>;
  /** Another store on the same database (a restart, or a second instance on Redis). */
  reopen(): Promise<Store>;
}

let redis: RedisServer;
let admin: Redis;
const dirs: string[] = [];
const opened: Store[] = [];

before(async () => {
  redis = await startRedis();
  admin = await redis.client();
});
after(async () => {
  for (const s of opened) await s.close().catch(() => undefined);
  admin.disconnect();
  await redis.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function sqliteCase(): EngineCase {
  let dir = '';
  const open = async () => {
    const store = await createStore(await openStorage({ dataDir: dir }));
    opened.push(store);
    return store;
  };
  return {
    name: 'sqlite',
    async fresh() {
      dir = await mkdtemp(join(tmpdir(), 'shiori-contract-'));
      dirs.push(dir);
      return open();
    },
    reopen: open,
  };
}

function redisCase(): EngineCase {
  const open = async () => {
    const store = await createStore(await openStorage({ dataDir: '', redisUrl: redis.url }));
    opened.push(store);
    return store;
  };
  return {
    name: 'redis',
    async fresh() {
      await admin.flushall();
      return open();
    },
    reopen: open,
  };
}

/** A TCP proxy to Redis that can swallow Redis's replies and cut every connection (a real fault in between). */
async function replyDroppingProxy(redisPort: string) {
  const sockets = new Set<Socket>();
  const server = createNetServer((client) => {
    const upstream = connect(Number(redisPort), '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (d) => {
      // Armed: from the first commit on (the script call carrying a commit id; reads are scripts too), Redis's replies go nowhere.
      if (control.dropRepliesFromNextCommit && /sys:commit:/.test(d.toString('latin1'))) control.dropReplies = true;
      upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!control.dropReplies) client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const control = {
    url: `redis://127.0.0.1:${(server.address() as { port: number }).port}`,
    dropReplies: false,
    dropRepliesFromNextCommit: false,
    cutConnections() {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    close() {
      control.cutConnections();
      server.close();
    },
  };
  return control;
}

const sqliteDb = (store: Store) => (store.engine as SqliteEngine).db;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const turn = () => new Promise((r) => setImmediate(r));

async function increment(store: Store, key: string): Promise<number> {
  return store.transaction(async (tx) => {
    const n = ((await tx.get<number>(key)) ?? 0) + 1;
    tx.set(key, n);
    return n;
  });
}

for (const engine of [sqliteCase(), redisCase()]) {
  describe(`Store contract on ${engine.name}`, () => {
    it('writes nothing when the transaction function throws, and rethrows its error', async () => {
      const store = await engine.fresh();
      await store.transaction(async (tx) => tx.set('acct:a', { n: 1 }));
      const boom = new Error('rule refused');
      await assert.rejects(
        store.transaction(async (tx) => {
          tx.set('acct:a', { n: 2 });
          tx.set('acct:b', { n: 2 });
          throw boom;
        }),
        (e) => e === boom,
      );
      assert.deepEqual(await store.getMany(['acct:a', 'acct:b']), [{ n: 1 }, null]);
    });

    it('reads its own staged writes and removals, and hands out copies', async () => {
      const store = await engine.fresh();
      await store.transaction(async (tx) => tx.set('ryw:gone', 'here'));
      const seen = await store.transaction(async (tx) => {
        const value = { list: [1] };
        tx.set('ryw:a', value);
        value.list.push(2); // a change after set() is not what was staged
        tx.remove('ryw:gone');
        const mine = await tx.get<{ list: number[] }>('ryw:a');
        mine!.list.push(3); // nor is a change to what get() returned
        return [await tx.get('ryw:a'), await tx.get('ryw:gone'), await tx.getMany(['ryw:a', 'ryw:gone', 'ryw:none'])];
      });
      assert.deepEqual(seen, [{ list: [1] }, null, [{ list: [1] }, null, null]]);
      assert.deepEqual(await store.getMany(['ryw:a', 'ryw:gone']), [{ list: [1] }, null]);
    });

    it('gives racing transactions the one-at-a-time outcome: 50 concurrent increments make 50', async () => {
      const store = await engine.fresh();
      // On Redis half of them go through a second Store (another connection, as another instance).
      const other = engine.name === 'redis' ? await engine.reopen() : store;
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => increment(i % 2 ? other : store, 'race:n')));
      assert.equal(await store.get('race:n'), 50);
      assert.deepEqual(results.sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1), 'each saw a different count');
    });

    it('commits transactions on different keys side by side, each once', async () => {
      const store = await engine.fresh();
      await Promise.all(Array.from({ length: 40 }, (_, i) => increment(store, `side:${i % 8}`)));
      assert.deepEqual(await store.getMany(Array.from({ length: 8 }, (_, i) => `side:${i}`)), Array(8).fill(5));
    });

    it('round-trips values of every shape with their types, also when read through unstorage', async () => {
      const store = await engine.fresh();
      const values: [string, unknown][] = [
        ['v:e', '1e5'],
        ['v:t', 'true'],
        ['v:n', 'null'],
        ['v:empty', ''],
        ['v:quoted', '"quoted"'],
        ['v:unicode', '栞 – “しおり” 🔖 \u0000 \\ end'],
        ['v:num', 100000],
        ['v:neg', -0.5],
        ['v:bool', false],
        ['v:obj', { a: { b: [1, '2', null, { c: '1e5' }] }, s: 'true' }],
        ['v:arr', ['1e5', 1e5, '']],
      ];
      await store.transaction(async (tx) => values.forEach(([k, v]) => tx.set(k, v)));
      assert.deepEqual(await store.getMany(values.map(([k]) => k)), values.map(([, v]) => v));
      for (const [k, v] of values) assert.deepEqual(await store.storage.getItem(k), v, `unstorage reads ${k}`);
      const reopened = await engine.reopen();
      assert.deepEqual(await reopened.getMany(values.map(([k]) => k)), values.map(([, v]) => v), 'after reopening');
    });

    it('keeps keys as given and refuses the ones unstorage would read as another key', async () => {
      const store = await engine.fresh();
      const good = ['k:1e5', 'k:B1', 'k:a-b_c', 'k:.dotfile', 'k:日本語', 'title:B0000001'];
      await store.transaction(async (tx) => good.forEach((k, i) => tx.set(k, i)));
      assert.deepEqual(await store.getMany(good), good.map((_, i) => i));
      assert.deepEqual((await store.keys('k:')).sort(), good.filter((k) => k.startsWith('k:')).sort());
      for (const bad of ['k:B1/', 'k:B1?x', 'k:..', 'k:.', 'k:x/..', ':k', 'k:', 'k::B1', 'k:a\\b', 'k:a b', '']) {
        await assert.rejects(
          store.transaction(async (tx) => tx.set(bad, 'x')),
          StoreKeyError,
          JSON.stringify(bad),
        );
        await assert.rejects(store.get(bad), StoreKeyError, JSON.stringify(bad));
      }
      assert.deepEqual((await store.keys('k:')).length, 5, 'nothing written under a refused key');
    });

    it('scans a prefix page by page: every key of it once, no key of another prefix, counted alike', async () => {
      const store = await engine.fresh();
      const mine = Array.from({ length: 23 }, (_, i) => `scan:${String(i).padStart(2, '0')}`);
      await store.transaction(async (tx) => {
        mine.forEach((k) => tx.set(k, 1));
        for (const other of ['scan', 'scann:1', 'sca:1', 'scan2:1', 'other:scan:1']) tx.set(other, 1);
      });
      const pages: string[][] = [];
      for await (const page of store.scan('scan:', { pageSize: 5 })) pages.push(page);
      assert.deepEqual([...new Set(pages.flat())].sort(), mine);
      if (engine.name === 'sqlite') assert.ok(pages.every((p) => p.length <= 5) && pages.length === 5, 'pages of at most 5, in key order');
      assert.equal(await store.count('scan:'), 23);
      const entries: [string, number][] = [];
      for await (const page of store.scanValues<number>('scan:', { pageSize: 5 })) entries.push(...page);
      assert.deepEqual(
        [...new Map(entries)].sort(([a], [b]) => a.localeCompare(b)),
        mine.map((k) => [k, 1]),
        'scanValues: the same keys, with their values',
      );
    });

    it('expires a key after its TTL (also in scans), and a later set without TTL keeps it', async () => {
      const store = await engine.fresh();
      await store.transaction(async (tx) => {
        tx.set('ttl:short', 'soon gone', { ttlSeconds: 1 });
        tx.set('ttl:kept', 'first', { ttlSeconds: 1 });
        tx.set('ttl:none', 'stays');
      });
      await store.transaction(async (tx) => tx.set('ttl:kept', 'second'));
      assert.equal(await store.get('ttl:short'), 'soon gone');
      await sleep(1200);
      assert.deepEqual(await store.getMany(['ttl:short', 'ttl:kept', 'ttl:none']), [null, 'second', 'stays']);
      assert.deepEqual((await store.keys('ttl:')).sort(), ['ttl:kept', 'ttl:none']);
      assert.equal(await store.transaction(async (tx) => tx.get('ttl:short')), null);
      if (engine.name === 'sqlite') {
        // The sweeper deletes the expired row itself.
        (store.engine as SqliteEngine).sweep();
        assert.equal((sqliteDb(store).prepare("SELECT count(*) AS n FROM kv WHERE key = 'ttl:short'").get() as { n: number }).n, 0);
      } else {
        assert.equal(await admin.exists('shiori:ttl:short'), 0);
        assert.equal(await admin.pttl('shiori:ttl:kept'), -1, 'no TTL left');
      }
    });

    it('gives getMany, read() and read-only transactions one state while commits run', async () => {
      const store = await engine.fresh();
      await store.transaction(async (tx) => {
        tx.set('pair:a', 0);
        tx.set('pair:b', 0);
      });
      let writing = true;
      const writer = (async () => {
        for (let n = 1; writing && n < 2000; n++) {
          await store.transaction(async (tx) => {
            await tx.getMany(['pair:a', 'pair:b']);
            tx.set('pair:a', n);
            tx.set('pair:b', n);
          });
          await sleep(1);
        }
      })();
      const torn: unknown[] = [];
      for (let i = 0; i < 150; i++) {
        const [a, b] = await store.getMany(['pair:a', 'pair:b']);
        if (a !== b) torn.push(['getMany', a, b]);
        // Two reads with a turn of the event loop between them: a commit may fall in between, and
        // then the transaction runs again rather than answer with a torn view.
        const [x, y] = await store.transaction(async (tx) => {
          const first = await tx.get<number>('pair:a');
          await turn();
          return [first, await tx.get<number>('pair:b')];
        });
        if (x !== y) torn.push(['transaction', x, y]);
        const [r, q] = await store.read(async (tx) => {
          const first = await tx.get<number>('pair:a');
          await turn();
          return [first, await tx.get<number>('pair:b')];
        });
        if (r !== q) torn.push(['read', r, q]);
        // The last read takes everything again: that read alone is the state (Redis skips the check).
        const [u, w] = await store.read(async (tx) => {
          await tx.get<number>('pair:a');
          await turn();
          return tx.getMany<number>(['pair:a', 'pair:b']);
        });
        if (u !== w) torn.push(['read again', u, w]);
      }
      writing = false;
      await writer;
      assert.deepEqual(torn, []);
      assert.ok(((await store.get<number>('pair:a')) ?? 0) > 0, 'the writer did commit meanwhile');
    });

    it('reads outside transactions give frozen values (a change throws), transactions their own copies', async () => {
      const store = await engine.fresh();
      await store.transaction(async (tx) => tx.set('frozen:a', { list: [1], inner: { n: 1 } }));
      const shared = (await store.get<{ list: number[]; inner: { n: number } }>('frozen:a'))!;
      assert.throws(() => shared.list.push(2), TypeError);
      assert.throws(() => (shared.inner.n = 2), TypeError);
      const [viaRead] = await store.read(async (tx) => tx.getMany<{ list: number[] }>(['frozen:a']));
      assert.ok(Object.isFrozen(viaRead!.list));
      const changed = await store.transaction(async (tx) => {
        const own = (await tx.get<{ list: number[] }>('frozen:a'))!;
        own.list.push(2);
        tx.set('frozen:a', own);
        return own.list;
      });
      assert.deepEqual(changed, [1, 2]);
      assert.deepEqual((await store.get<{ list: number[] }>('frozen:a'))!.list, [1, 2], 'a reader sees the new value, not the old frozen one');
      assert.deepEqual(shared.list, [1], 'the old frozen value did not change under its reader');
    });

    it('after a commit, readers get what the stored text says, never the object the transaction staged', async () => {
      const store = await engine.fresh();
      const staged = { left: undefined, when: new Date(0), list: [undefined, NaN, -0], n: 1 };
      const plain = { list: [1], inner: { n: 1 } };
      await store.transaction(async (tx) => {
        tx.set('text:odd', staged);
        tx.set('text:plain', plain);
      });
      staged.n = 2;
      plain.list.push(2); // the caller's objects change after the commit: no reader sees that
      const expected = [{ when: '1970-01-01T00:00:00.000Z', list: [null, null, 0], n: 1 }, { list: [1], inner: { n: 1 } }];
      assert.deepStrictEqual(await store.getMany(['text:odd', 'text:plain']), expected);
      assert.ok(Object.isFrozen((await store.get<typeof plain>('text:plain'))!.inner), 'the shared value is frozen');
      // A transaction's copy of the shared value is its own: a change it does not stage goes nowhere.
      await store.transaction(async (tx) => {
        const own = (await tx.get<typeof plain>('text:plain'))!;
        own.list.push(3);
        own.inner.n = 3;
      });
      assert.deepStrictEqual(await store.get('text:plain'), expected[1]);
      assert.deepStrictEqual(await (await engine.reopen()).getMany(['text:odd', 'text:plain']), expected, 'the same after reopening');
    });

    it('counts commits that wrote, not reads or read-only transactions', async () => {
      const store = await engine.fresh();
      const before = store.commits;
      await store.get('count:x');
      await store.getMany(['count:x', 'count:y']);
      await store.transaction(async (tx) => tx.get('count:x'));
      await store.read(async (tx) => tx.getMany(['count:x', 'count:y']));
      assert.equal(store.commits, before);
      await increment(store, 'count:x');
      assert.equal(store.commits, before + 1);
    });
  });
}

describe('the SQLite engine and writers other than the Store', () => {
  it('sees a write through unstorage at once, and one by another connection (a tool) from the next turn, also in a commit check', async () => {
    const engine = sqliteCase();
    const store = await engine.fresh();
    await store.transaction(async (tx) => tx.set('ext:a', 1));
    assert.equal(await store.get('ext:a'), 1);
    await store.storage.setItem('ext:a', 2 as never);
    assert.equal(await store.get('ext:a'), 2, 'unstorage on the same connection');
    const { default: Database } = await import('better-sqlite3');
    const tool = new Database(join(dirs.at(-1)!, 'shiori.sqlite'));
    try {
      tool.prepare("UPDATE kv SET value = '3' WHERE key = 'ext:a'").run();
      await turn();
      assert.equal(await store.get('ext:a'), 3, 'another connection');
      // A transaction that read 3, while the tool writes 10 before the commit: runs again on 10.
      let attempts = 0;
      const result = await store.transaction(async (tx) => {
        attempts += 1;
        const n = (await tx.get<number>('ext:a'))!;
        if (attempts === 1) tool.prepare("UPDATE kv SET value = '10' WHERE key = 'ext:a'").run();
        tx.set('ext:a', n + 1);
        return n + 1;
      });
      assert.deepEqual([result, attempts, await store.get('ext:a')], [11, 2, 11]);
    } finally {
      tool.close();
    }
  });
});

describe('a commit the SQLite engine fails midway', () => {
  it('leaves nothing visible and nothing to replay after reopening (a trigger aborts the second row)', async () => {
    const engine = sqliteCase();
    const store = await engine.fresh();
    await store.transaction(async (tx) => tx.set('torn:1', 'old'));
    sqliteDb(store).exec("CREATE TEMP TRIGGER refuse_second BEFORE INSERT ON main.kv WHEN NEW.key = 'torn:2' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    // Another commit in the same group commit is not dragged down with it.
    const [failed, innocent] = await Promise.allSettled([
      store.transaction(async (tx) => {
        tx.set('torn:1', 'new');
        tx.set('torn:2', 'new');
        tx.set('torn:3', 'new');
      }),
      store.transaction(async (tx) => tx.set('bystander', 'committed')),
    ]);
    assert.equal(failed.status, 'rejected');
    assert.ok((failed as PromiseRejectedResult).reason instanceof StoreUnavailableError);
    assert.equal(innocent.status, 'fulfilled');
    assert.deepEqual(await store.getMany(['torn:1', 'torn:2', 'torn:3', 'bystander']), ['old', null, null, 'committed']);
    await store.close();
    const reopened = await engine.reopen();
    assert.deepEqual(await reopened.getMany(['torn:1', 'torn:2', 'torn:3', 'bystander']), ['old', null, null, 'committed']);
    assert.deepEqual((await reopened.keys('')).sort(), ['bystander', 'torn:1'], 'no journal or other leftover');
    await increment(reopened, 'after');
    assert.equal(await reopened.get('after'), 1, 'the store goes on working');
  });

  it('leaves nothing visible and nothing to replay after reopening (the disk is full)', async () => {
    const engine = sqliteCase();
    const store = await engine.fresh();
    await store.transaction(async (tx) => {
      tx.set('full:small', 1);
      tx.set('full:other', 'old');
    });
    const db = sqliteDb(store);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const error = await store
      .transaction(async (tx) => {
        tx.set('full:other', 'new');
        tx.set('full:big', 'x'.repeat(2_000_000));
      })
      .catch((e: unknown) => e);
    assert.ok(error instanceof StoreUnavailableError);
    assert.match(String((error.cause as Error).message), /full/i);
    assert.deepEqual(await store.getMany(['full:small', 'full:other', 'full:big']), [1, 'old', null]);
    await store.close();
    const reopened = await engine.reopen();
    assert.deepEqual(await reopened.getMany(['full:small', 'full:other', 'full:big']), [1, 'old', null]);
  });
});

describe('a commit Redis refuses or loses', () => {
  it('refused (out of memory): nothing visible, nothing replayed after reopening', async () => {
    const engine = redisCase();
    const store = await engine.fresh();
    await store.transaction(async (tx) => tx.set('oom:a', 'old'));
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', '1');
    try {
      const error = await store
        .transaction(async (tx) => {
          await tx.get('oom:a');
          tx.set('oom:a', 'new');
          tx.set('oom:b', 'new');
        })
        .catch((e: unknown) => e);
      assert.ok(error instanceof StoreUnavailableError, String(error));
      assert.match(String((error.cause as Error).message), /OOM/);
    } finally {
      await admin.config('SET', 'maxmemory', '0');
    }
    assert.deepEqual(await store.getMany(['oom:a', 'oom:b']), ['old', null]);
    const reopened = await engine.reopen();
    assert.deepEqual(await reopened.getMany(['oom:a', 'oom:b']), ['old', null]);
  });

  it('refused (out of memory) while several commits share one script call: every one refused, none visible', async () => {
    const engine = redisCase();
    const store = await engine.fresh();
    await store.transaction(async (tx) => {
      tx.set('oom:a', 0);
      tx.set('oom:b', 0);
    });
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', '1');
    let errors: unknown[];
    try {
      // First attempts read what this instance has just written without a round trip: both commit in one turn.
      errors = await Promise.all(['oom:a', 'oom:b'].map((key) => increment(store, key).catch((e: unknown) => e)));
    } finally {
      await admin.config('SET', 'maxmemory', '0');
    }
    for (const error of errors) {
      assert.ok(error instanceof StoreUnavailableError, String(error));
      assert.match(String((error.cause as Error).message), /OOM/);
    }
    assert.deepEqual(await admin.mget('shiori:oom:a', 'shiori:oom:b'), ['0', '0']);
  });

  it('commits asked for in one turn go in one script call; a key of another type fails only the commit that read it', async () => {
    const engine = redisCase();
    const store = await engine.fresh();
    const keys = ['batch:a', 'batch:b', 'batch:c'];
    await store.transaction(async (tx) => keys.forEach((key) => tx.set(key, 0)));
    // Something other than the Store has made b's version key a hash: reading it is an error in Redis.
    await admin.del('shiori:sys:v:batch:b');
    await admin.hset('shiori:sys:v:batch:b', 'x', '1');
    const scriptCalls = async () => {
      const stats = await admin.info('commandstats');
      return [...stats.matchAll(/cmdstat_eval(?:sha)?:calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    };
    const before = await scriptCalls();
    const results = await Promise.all(keys.map((key) => increment(store, key).catch((e: unknown) => e)));
    assert.equal((await scriptCalls()) - before, 1, 'one script call for the three commits');
    assert.equal(results[0], 1);
    assert.equal(results[2], 1);
    assert.ok(results[1] instanceof StoreUnavailableError, String(results[1]));
    assert.match(String((results[1].cause as Error).message), /WRONGTYPE/);
    assert.deepEqual(await admin.mget('shiori:batch:a', 'shiori:batch:b', 'shiori:batch:c'), ['1', '0', '1']);
  });

  it('reply lost after the commit ran (a proxy in between swallows it, then the connection drops): the re-sent commit does not apply twice', async () => {
    const engine = redisCase();
    await engine.fresh();
    const proxy = await replyDroppingProxy(new URL(redis.url).port);
    const store = await createStore(await openStorage({ dataDir: '', redisUrl: proxy.url }));
    opened.push(store);
    try {
      assert.equal(await increment(store, 'lost:n'), 1);
      proxy.dropRepliesFromNextCommit = true;
      const second = increment(store, 'lost:n');
      // The commit reaches Redis and runs; its answer never comes back.
      for (let i = 0; (await admin.get('shiori:lost:n')) !== '2'; i++) {
        assert.ok(i < 200, 'the commit reached Redis');
        await sleep(10);
      }
      proxy.dropRepliesFromNextCommit = false;
      proxy.dropReplies = false;
      proxy.cutConnections(); // ioredis reconnects and re-sends the unanswered commit
      assert.equal(await second, 2);
      assert.equal(await store.get('lost:n'), 2, 'applied once');
    } finally {
      proxy.close();
    }
  });

  it('connection killed while commits are in flight: each commit lands exactly once', async () => {
    const engine = redisCase();
    const store = await engine.fresh();
    const work = Array.from({ length: 1200 }, (_, i) => increment(store, `kill:${i % 100}`));
    // Kill every connection but the admin's (the store's own), several times mid-stream. ioredis
    // reconnects and re-sends what was in flight; a commit that had landed must not land twice.
    for (let i = 0; i < 5; i++) {
      await sleep(10);
      await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    }
    const settled = await Promise.allSettled(work);
    const landed = settled.filter((r) => r.status === 'fulfilled').length;
    const counts = (await store.getMany<number>(Array.from({ length: 100 }, (_, i) => `kill:${i}`))).map((n) => n ?? 0);
    assert.equal(landed, 1200, `every increment was answered: ${settled.find((r) => r.status === 'rejected')?.reason}`);
    assert.deepEqual(counts, Array(100).fill(12));
  });
});
