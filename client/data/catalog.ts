/** かんたん検索 and the title page ([docs/api.md#catalogue](../../docs/api.md#catalogue)): GET /api/catalog/search, GET /api/catalog/:bibId. */
import type { MaterialType, SearchResponse, TitleDetail } from '../../common/api.ts';
import type { Api } from './api.ts';

export const MATERIAL_TYPES: readonly MaterialType[] = ['book', 'magazine', 'cd'];

export interface CatalogSearch {
  q: string;
  /** 絞り込み条件; empty = every type. */
  types: MaterialType[];
  /** 1-based. */
  page: number;
}

/** The search as URL query parameters (the page keeps its state in the URL: back restores it). */
export function searchToQuery(search: CatalogSearch): URLSearchParams {
  const params = new URLSearchParams();
  params.set('q', search.q);
  const types = MATERIAL_TYPES.filter((t) => search.types.includes(t));
  // All three ticked means no filter at all.
  if (types.length > 0 && types.length < MATERIAL_TYPES.length) params.set('type', types.join(','));
  if (search.page > 1) params.set('page', String(search.page));
  return params;
}

/** Reads a search back from a query string; anything malformed falls back to its default. */
export function searchFromQuery(query: string | URLSearchParams): CatalogSearch {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const types = (params.get('type') ?? '')
    .split(',')
    .filter((t): t is MaterialType => (MATERIAL_TYPES as readonly string[]).includes(t));
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return { q: (params.get('q') ?? '').trim(), types, page: Number.isFinite(page) && page > 0 ? page : 1 };
}

export async function searchCatalog(api: Api, search: CatalogSearch, signal?: AbortSignal): Promise<SearchResponse> {
  return (await api<SearchResponse>(`/api/catalog/search?${searchToQuery(search)}`, signal ? { signal } : {})).data;
}

export async function fetchTitle(api: Api, bibId: string, signal?: AbortSignal): Promise<TitleDetail> {
  return (await api<TitleDetail>(`/api/catalog/${encodeURIComponent(bibId)}`, signal ? { signal } : {})).data;
}
