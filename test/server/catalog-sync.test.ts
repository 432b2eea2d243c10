/**
 * A server instance's first start on a shared (Redis) store whose catalogue is larger than what is
 * indexed before the start: the background build and the poll that keeps the index in step with
 * other instances must not do each other's work. Before, every poll during the build walked the
 * whole catalogue again beside it (and beside the poll before), so a large first start never ended.
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

  const freshIndex = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiori-catalog-sync-'));
    dirs.push(dir);
    return openCatalogIndex({ dataDir: dir, store, log: quiet, indexBeforeStart: 10 });
  };

  it('indexes every title once while the poll runs every millisecond, and the poll walks the catalogue once, after the build', async () => {
    const index = await freshIndex();
    const { counts, ctx } = watched(index, store);
    assert.ok(index.count() < TITLES, 'the build runs in the background');
    const stop = keepCatalogInStep(ctx, 1);
    try {
      await indexBuilt(index);
      assert.equal(index.count(), TITLES);
      // Let the poll run a while after the build: one walk finds nothing missing, later polls see the counter unchanged.
      await new Promise((r) => setTimeout(r, 300));
      await syncCatalog(ctx);
      assert.equal(counts.titlesIndexed, TITLES, 'no title indexed twice: the poll waited for the build');
      assert.equal(counts.walks, 1, 'one walk of the title keys by the poll');
    } finally {
      stop();
      index.close();
    }
  });

  it('two syncs asked at once walk one after the other, and the second finds the counter unchanged', async () => {
    const index = await freshIndex();
    await indexBuilt(index);
    const { counts, ctx } = watched(index, store);
    await store.transaction(async (tx) => {
      tx.set(keys.title('b-late'), book('b-late', 'おくれてきた本'));
      tx.set(keys.seq('titles'), TITLES + 1);
    });
    const added = await Promise.all([syncCatalog(ctx), syncCatalog(ctx)]);
    assert.deepEqual(added, [1, 0]);
    assert.equal(counts.mostWalksAtOnce, 1);
    assert.equal(counts.walks, 1);
    assert.equal(index.count(), TITLES + 1);
    index.close();
  });
});
