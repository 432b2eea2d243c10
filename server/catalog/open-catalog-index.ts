/**
 * Opens the catalogue index at DATA_DIR/catalog-index.sqlite and brings it in step with the
 * store, whose `title:<bibId>` records are the truth: the index is rebuilt from them when it is
 * empty or holds a different number of titles (a new DATA_DIR, a lost or stale index file).
 * Afterwards every title write calls `upsert`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Store } from '../storage/store.ts';
import type { TitleRecord } from '../domain/records.ts';
import type { CatalogIndex } from './catalog-index.ts';
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

/** Every stored title's indexed fields, read page by page (one batch read per page). */
async function readTitles(store: Store): Promise<IndexedTitle[]> {
  const titles: IndexedTitle[] = [];
  for await (const page of store.scan('title:', { pageSize: 1000 })) {
    for (const t of await store.getMany<TitleRecord>(page)) {
      if (t) titles.push({ bibId: t.bibId, title: t.title, author: t.author, publisher: t.publisher, materialType: t.materialType });
    }
  }
  return titles;
}

/**
 * Cost at start: a count of the stored titles (one indexed range count on SQLite, a SCAN on Redis);
 * a full rebuild (reading every title) only when the counts differ.
 */
export async function openCatalogIndex(opts: { dataDir: string; store: Store }): Promise<CatalogIndex> {
  const dir = resolve(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const index = openOrReplace(join(dir, CATALOG_INDEX_FILE));
  if (index.count() !== (await opts.store.count('title:'))) index.replaceAll(await readTitles(opts.store));
  return index;
}
