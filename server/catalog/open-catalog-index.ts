/**
 * PLACEHOLDER until the catalogue work lands (owned by the catalogue developer, who replaces
 * this file): an in-memory index that scans. Same signature as the real one.
 */
import type { Store } from '../storage/store.ts';
import type { TitleRecord } from '../domain/records.ts';
import type { CatalogIndex } from './catalog-index.ts';

export async function openCatalogIndex(opts: { dataDir: string; store: Store }): Promise<CatalogIndex> {
  const rows = new Map<string, Pick<TitleRecord, 'bibId' | 'title' | 'author' | 'publisher' | 'materialType'>>();
  for (const key of await opts.store.keys('title:')) {
    const t = await opts.store.get<TitleRecord>(key);
    if (t) rows.set(t.bibId, t);
  }
  return {
    upsert: (t) => void rows.set(t.bibId, t),
    search({ q, type, page, pageSize }) {
      const hits = [...rows.values()]
        .filter((t) => (!type || t.materialType === type) && [t.title, t.author, t.publisher].some((f) => f?.includes(q)))
        .map((t) => t.bibId)
        .sort();
      return { total: hits.length, bibIds: hits.slice((page - 1) * pageSize, page * pageSize) };
    },
    count: () => rows.size,
    close: () => undefined,
  };
}
