/**
 * Catalogue search and title pages ([docs/rules.md#search-and-cart](../../docs/rules.md#search-and-cart), [docs/api.md](../../docs/api.md)), public (no login needed):
 * GET /api/catalog/search?q=&type=&page= → 200 SearchResponse (20 a page, with availability)
 * GET /api/catalog/:bibId → 200 TitleDetail | 404 not_found.
 * The index gives the matching bibIds of one page; availability is read from just those records.
 */
import type { H3 } from 'h3';
import * as v from 'valibot';
import { jsonObject } from '../http/request-shapes.ts';
import type { MaterialType, SearchResponse, TitleDetail } from '../../common/api.ts';
import type { AppContext } from '../context.ts';
import { keys, type TitleRecord } from '../domain/records.ts';
import { apiError } from '../http/errors.ts';
import { idParam, readQuery } from '../http/validate.ts';
import { BIB_ID } from '../domain/key-shapes.ts';
import { charLength, queryWords } from '../catalog/catalog-text.ts';
import { MATERIAL_TYPES } from '../catalog/catalog-schema.ts';
import { searchResult, titleDetail } from '../catalog/title-view.ts';

export const SEARCH_PAGE_SIZE = 20;
export const MAX_QUERY_CHARS = 100;

const SearchQuery = jsonObject({
  // At least one word (a query of spaces only is empty), at most 100 characters.
  q: v.pipe(
    v.string(),
    v.check((q) => charLength(q) <= MAX_QUERY_CHARS, `at most ${MAX_QUERY_CHARS} characters`),
    v.check((q) => queryWords(q).length > 0, 'empty query'),
  ),
  // One type or several, comma-separated (type=book,cd); empty = no filter.
  type: v.optional(
    v.pipe(
      v.string(),
      v.check((s) => s === '' || s.split(',').every((t) => (MATERIAL_TYPES as readonly string[]).includes(t)), 'book, magazine or cd'),
      v.transform((s) => (s === '' ? [] : (s.split(',') as MaterialType[]))),
    ),
    '',
  ),
  page: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[1-9][0-9]{0,5}$/, 'a whole number from 1'),
      v.transform((p) => Number(p)),
    ),
    '1',
  ),
});

export function registerCatalogRoutes(app: H3, ctx: AppContext): void {
  app.get('/api/catalog/search', async (event): Promise<SearchResponse> => {
    const { q, type, page } = await readQuery(event, SearchQuery);
    const { total, bibIds } = ctx.catalog.search({ q, type, page, pageSize: SEARCH_PAGE_SIZE });
    const records = await ctx.store.getMany<TitleRecord>(bibIds.map((bibId) => keys.title(bibId)));
    event.res.headers.set('cache-control', 'no-cache');
    return {
      total,
      page,
      pageSize: SEARCH_PAGE_SIZE,
      results: records.filter((t): t is TitleRecord => t !== null).map(searchResult),
    };
  });

  app.get('/api/catalog/:bibId', async (event): Promise<TitleDetail> => {
    const bibId = idParam(event, 'bibId', BIB_ID);
    const title = await ctx.store.get<TitleRecord>(keys.title(bibId));
    if (!title) apiError('not_found');
    event.res.headers.set('cache-control', 'no-cache');
    return titleDetail(title, ctx.policy.branches.map((b) => b.code));
  });
}
