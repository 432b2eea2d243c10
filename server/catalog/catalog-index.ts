/**
 * The catalogue's search index: derived from the `title:<bibId>` records in the store (they are
 * the truth), kept in step on every title write, rebuildable at any time.
 */
import type { MaterialType } from '../../common/api.ts';
import type { TitleRecord } from '../domain/records.ts';

export interface CatalogQuery {
  /** Free word(s) over title, author and publisher; Japanese needs no spaces. */
  q: string;
  /** One type, or several (the 図書 · 雑誌 · CD check boxes); none or every one = no filter. */
  type?: MaterialType | readonly MaterialType[] | undefined;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface CatalogIndex {
  /** Adds or replaces one title's bibliographic fields. */
  upsert(title: Pick<TitleRecord, 'bibId' | 'title' | 'author' | 'publisher' | 'materialType'>): void;
  /** Adds or replaces several titles in one index transaction (a page of a scan). */
  upsertMany(titles: Iterable<Pick<TitleRecord, 'bibId' | 'title' | 'author' | 'publisher' | 'materialType'>>): void;
  /** Matching bibIds in a stable order, one page of them, and how many match in all. */
  search(query: CatalogQuery): { total: number; bibIds: string[] };
  count(): number;
  /** Whether this title is in the index. */
  has(bibId: string): boolean;
  close(): void;
}
