/**
 * A server instance's first start on a shared (Redis) store whose catalogue is larger than what is
 * indexed before the start: the background build and the poll that keeps the index in step with
 * other instances must not do each other's work. Before, every poll during the build walked the
 * whole catalogue again beside it (and beside the poll before), so a large first start never ended;
 * and every start walked it once more although the start had just found the index in step.
 * A real redis-server; the index is a real SQLite file.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexBuilt, openCatalogIndex } from '../../server/catalog/open-catalog-index.ts';
import { keepCatalogInStep, syncCatalog } from '../../server/catalog/keep-in-step.ts';
import type { CatalogIndex } from '../../server/catalog/catalog-index.ts';
import type { AppContext } from '../../server/context.ts';
import { keys } from '../../server/domain/records.ts';
import { newTitleRecord } from '../../server/staff/new-records.ts';
import { openStorage } from '../../server/storage/open-storage.ts';
import { createStore, type Store } from '../../server/storage/store.ts';
import { startRedis, type RedisServer } from './redis-server.ts';

const TITLES = 3000;
/** A one-copy book, as the desk registers it. */
const book = (bibId: string, title: string) => newTitleRecord({ title, materialType: 'book', category: 'general', copies: [{ barcode: `c-${bibId}`, branch: 'honkan' }] }, bibId);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Counts what reaches the index: each title handed to it, and the walks of the title keys. */
function watched(index: CatalogIndex, store: Store) {
  const counts = { titlesIndexed: 0, walks: 0, walksAtOnce: 0, mostWalksAtOnce: 0 };
  const upsertMany = index.upsertMany.bind(index);
  index.upsertMany = (titles) => {
    const list = [...titles];
    counts.titlesIndexed += list.length;
    upsertMany(list);
  };
  const upsert = index.upsert.bind(index);
  index.upsert = (title) => {
    counts.titlesIndexed += 1;
    upsert(title);
  };
  const scan = store.scan.bind(store);
  const watchedStore: Store = Object.create(store, {
    scan: {
      value: async function* (prefix: string, opts?: { pageSize?: number }) {
        counts.walks += 1;
        counts.mostWalksAtOnce = Math.max(counts.mostWalksAtOnce, ++counts.walksAtOnce);
        try {
          yield* scan(prefix, opts);
        } finally {
          counts.walksAtOnce -= 1;
        }
      },
    },
  });
  return { counts, ctx: { store: watchedStore, catalog: index, log: quiet } as unknown as AppContext };
}

describe('search index on a shared store: a first start in the background', () => {
  let redis: RedisServer;
  let store: Store;
  const dirs: string[] = [];

  before(async () => {
    redis = await startRedis();
    store = await createStore(await openStorage({ dataDir: '', redisUrl: redis.url }));
    for (let from = 0; from < TITLES; from += 1000) {
      await store.transaction(async (tx) => {
        for (let i = from; i < from + 1000; i++) {
          const bibId = `b${String(i).padStart(6, '0')}`;
          tx.set(keys.title(bibId), book(bibId, `本 ${i}`));
        }
        tx.set(keys.seq('titles'), from + 1000);
      });
    }
  });

  after(async () => {
    await store.close();
    await redis.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiori-catalog-sync-'));
    dirs.push(dir);
    return dir;
  };
  const openIndex = (dataDir: string) => openCatalogIndex({ dataDir, store, log: quiet, indexBeforeStart: 10 });
  /** A title registered through another instance: its record, and the title counter moved. */
  const addTitleElsewhere = (bibId: string, title: string) =>
    store.transaction(async (tx) => {
      tx.set(keys.title(bibId), book(bibId, title));
      tx.set(keys.seq('titles'), ((await tx.get<number>(keys.seq('titles'))) ?? 0) + 1);
    });

  it('indexes every title once while the poll runs every millisecond; the poll walks the title keys only when the counter moves', async () => {
    const index = await openIndex(freshDir());
    const { counts, ctx } = watched(index, store);
    const stored = await store.count('title:');
    assert.ok(index.count() < stored, 'the build runs in the background');
    const stop = keepCatalogInStep(ctx, 1);
    try {
      await indexBuilt(index);
      assert.equal(index.count(), stored);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(counts.titlesIndexed, stored, 'no title indexed twice: the poll waited for the build');
      assert.equal(counts.walks, 0, 'the counter has not moved since the build began: nothing to walk');
      await addTitleElsewhere('b-poll', 'よそで登録された本');
      for (let i = 0; index.count() < stored + 1; i++) {
        assert.ok(i < 300, 'the poll adds the title registered elsewhere');
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(counts.walks, 1, 'one walk for one move of the counter');
      assert.equal(counts.mostWalksAtOnce, 1);
    } finally {
      stop();
      index.close();
    }
  });

  it('a restart that finds its index in step walks nothing, and one after a title was added elsewhere rebuilds and walks nothing either', async () => {
    const dir = freshDir();
    const first = await openIndex(dir);
    await indexBuilt(first);
    first.close();
    const again = await openIndex(dir);
    const { counts, ctx } = watched(again, store);
    assert.equal(await syncCatalog(ctx), 0);
    assert.equal(counts.walks, 0, 'in step at the start: the counter read then is the one the poll compares with');
    again.close();
    await addTitleElsewhere('b-while-down', 'とまっているあいだの本');
    const later = await openIndex(dir); // the count differs: rebuilt in the background
    await indexBuilt(later);
    const watchedLater = watched(later, store);
    assert.equal(await syncCatalog(watchedLater.ctx), 0, 'the build read the title counter first: nothing is missing');
    assert.equal(watchedLater.counts.walks, 0);
    later.close();
  });

  it('two syncs asked at once walk one after the other, and the second finds the counter unchanged', async () => {
    const index = await openIndex(freshDir());
    await indexBuilt(index);
    const { counts, ctx } = watched(index, store);
    const stored = await store.count('title:');
    await addTitleElsewhere('b-late', 'おくれてきた本');
    const added = await Promise.all([syncCatalog(ctx), syncCatalog(ctx)]);
    assert.deepEqual(added, [1, 0]);
    assert.equal(counts.mostWalksAtOnce, 1);
    assert.equal(counts.walks, 1);
    assert.equal(index.count(), stored + 1);
    index.close();
  });
});
