/** Catalogue, wishlist and library test data shaped exactly as common/api.ts. */
import type { Hold, LibraryInfo, SearchResponse, SearchResult, TitleDetail, Wishlist } from '../../common/api.ts';
import { KOGANEI_POLICY } from '../../server/policy/defaults.ts';
import { publishedPolicy } from '../../server/policy/published-policy.ts';
import { hold } from './fixtures.ts';

/** The policy the server publishes with its defaults (no LIBRARY_CONFIG), built by the server's own function. */
export const POLICY = publishedPolicy(KOGANEI_POLICY);

export function result(overrides: Partial<SearchResult> = {}): SearchResult {
  return {
    bibId: 'B100',
    title: '精霊の守り人',
    author: '上橋菜穂子',
    publisher: '偕成社',
    year: 1996,
    materialType: 'book',
    category: 'children',
    available: 1,
    copies: 2,
    holds: 0,
    ...overrides,
  };
}

export function searchAnswer(overrides: Partial<SearchResponse> = {}): SearchResponse {
  return {
    total: 3,
    page: 1,
    pageSize: 20,
    results: [
      result(),
      result({ bibId: 'B101', title: '闇の守り人', year: 1999, available: 2, copies: 2 }),
      result({ bibId: 'B102', title: '夢の守り人', year: 2000, available: 0, copies: 1, holds: 3 }),
    ],
    ...overrides,
  };
}

export function titleDetail(overrides: Partial<TitleDetail> = {}): TitleDetail {
  return {
    ...result(),
    copyList: [
      { barcode: '100000001', branch: 'central', status: 'on_shelf', dueOn: null },
      { barcode: '100000002', branch: 'higashi', status: 'on_loan', dueOn: '2020-05-12' },
    ],
    ...overrides,
  };
}

export function placedHold(bibId: string, title: string, overrides: Partial<Hold> = {}): { hold: Hold } {
  return { hold: hold({ id: `H-${bibId}`, bibId, title, ...overrides }) };
}

export const WISHLIST: Wishlist = {
  categories: [{ id: 'c1', name: 'ファンタジー' }],
  entries: [],
};

export const LIBRARY: LibraryInfo = {
  kiosk: false,
  today: '2020-04-24',
  branches: [
    { code: 'central', name: '本館', openToday: true, hoursToday: '10:00~20:00', hours: [{ days: '火・土・日', hours: '10:00~17:00' }, { days: '水・木・金', hours: '10:00~20:00（17時以降は1階のみ）' }] },
    { code: 'higashi', name: '東分館', openToday: true, hoursToday: '9:00~17:00', hours: [{ days: '火〜日', hours: '9:00~17:00' }] },
    { code: 'nukuikita', name: '貫井北分館', openToday: true, hoursToday: '9:00~20:00', hours: [{ days: '火〜金', hours: '9:00~20:00' }] },
    { code: 'midori', name: '緑分室', openToday: false, hoursToday: null, hours: [{ days: '火〜日', hours: '9:00~17:00' }] },
    { code: 'nishinodai', name: '西之台会館図書室', openToday: true, hoursToday: '9:00~17:00', hours: [{ days: '火〜日', hours: '9:00~17:00' }] },
  ],
  policy: POLICY,
  // The next days of 本館 only (GET /api/library lists 30 for every branch; a few are enough here).
  openDays: {
    central: [
      { date: '2020-04-24', hours: '10:00~20:00', note: '17:00以降は1階のみ', closedFor: null },
      { date: '2020-04-25', hours: '10:00~17:00', closedFor: null },
      { date: '2020-04-27', hours: null, closedFor: null },
      { date: '2020-05-05', hours: null, closedFor: '臨時休館' },
    ],
  },
};
