/**
 * Opens the catalogue index at DATA_DIR/catalog-index.sqlite and brings it in step with the
 * store, whose `title:<bibId>` records are the truth: the index is rebuilt from them when it is
 * empty or holds a different number of titles (a new DATA_DIR, a lost or stale index file).
 * Afterwards every title write calls `upsert`.
 *
 * Cost at start: a count of the stored titles (an indexed range count on SQLite, a SCAN on Redis).
 * A rebuild of up to INDEX_BEFORE_START titles happens before the server answers; a larger
 * catalogue (a first start with a million titles takes minutes to index) is indexed in the
 * background, BACKGROUND_CHUNK titles per index transaction with a turn of the event loop between,
 * while the server already answers — search results fill in meanwhile, and the log says when done.
 * `indexBuilt` says when that build has ended (the poll of keep-in-step.ts waits for it), and
 * `titleCounterInStep` the `seq:titles` counter the index is known to be in step with (read before the
 * count): the poll then walks the title keys only once that counter has moved, not after every start.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Store } from '../storage/store.ts';
import { keys, type TitleRecord } from '../domain/records.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { Log } from '../log.ts';
import { SqliteCatalogIndex, type IndexedTitle } from './sqlite-catalog-index.ts';

export const CATALOG_INDEX_FILE = 'catalog-index.sqlite';

/** A damaged index file is only derived data: remove it and start a fresh one. */
function openOrReplace(path: string): SqliteCatalogIndex {
  try {
    return new SqliteCatalogIndex(path);
  } catch {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    return new SqliteCatalogIndex(path);
  }
}

/** Every stored title's indexed fields, read page by page (past the store's caches). */
async function readTitles(store: Store): Promise<IndexedTitle[]> {
  const titles: IndexedTitle[] = [];
  for await (const page of store.scanValues<TitleRecord>('title:', { pageSize: 1000 })) for (const [, t] of page) titles.push(indexed(t));
  return titles;
}

export const INDEX_BEFORE_START = 50_000;
export const BACKGROUND_CHUNK = 200;

/** The background build of an index still filling, until it ends. */
const building = new WeakMap<CatalogIndex, Promise<void>>();

/** The title counter read just before the index was found in step with the store, or was (re)built. */
const counterInStep = new WeakMap<CatalogIndex, number>();

export function titleCounterInStep(index: CatalogIndex): number | undefined {
  return counterInStep.get(index);
}

/** Resolves once this index's background build (if any) has ended, however it ended. */
export function indexBuilt(index: CatalogIndex): Promise<void> {
  return building.get(index) ?? Promise.resolve();
}

function indexed(t: TitleRecord): IndexedTitle {
  return { bibId: t.bibId, title: t.title, author: t.author, publisher: t.publisher, materialType: t.materialType };
}

/** Indexes every stored title again, page by page; stops quietly if the index is closed meanwhile. Says whether it finished. */
async function indexInBackground(index: SqliteCatalogIndex, store: Store, log: Log): Promise<boolean> {
  const started = Date.now();
  let added = 0;
  try {
    for await (const page of store.scanValues<TitleRecord>('title:', { pageSize: BACKGROUND_CHUNK })) {
      index.upsertMany(page.map(([, t]) => indexed(t)));
      added += page.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    if (!index.isOpen()) return false; // the server is stopping
    log.error('search index: the background build failed (the next start tries again)', error);
    return false;
  }
  log.info(`shiori: search index: ${added} titles indexed in the background in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

export async function openCatalogIndex(opts: { dataDir: string; store: Store; log?: Log; indexBeforeStart?: number }): Promise<CatalogIndex> {
  const dir = resolve(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const index = openOrReplace(join(dir, CATALOG_INDEX_FILE));
  // Read first: a title written during the count or the build moves it, and the poll catches that title.
  const counter = (await opts.store.get<number>(keys.seq('titles'))) ?? 0;
  const stored = await opts.store.count('title:');
  if (index.count() === stored) {
    counterInStep.set(index, counter);
    return index;
  }
  if (stored <= (opts.indexBeforeStart ?? INDEX_BEFORE_START)) {
    index.replaceAll(await readTitles(opts.store));
    counterInStep.set(index, counter);
    return index;
  }
  const log = opts.log ?? { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m), error: (m: string, x?: unknown) => console.error(m, x) };
  log.info(`shiori: search index: ${stored} titles to index, in the background (search results fill in meanwhile)`);
  const build = indexInBackground(index, opts.store, log).then((done) => {
    if (done) counterInStep.set(index, counter);
  });
  building.set(index, build.finally(() => building.delete(index)));
  return index;
}
