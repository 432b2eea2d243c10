/**
 * GET /api/catalog/search and GET /api/catalog/:bibId through the real h3 app, with the real
 * SQLite store and catalogue index in a temp DATA_DIR.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { H3 } from 'h3';
import type { ApiError, SearchResponse, TitleDetail } from '../../common/api.ts';
import { createContext, closeContext, silentLog, type AppContext } from '../../server/context.ts';
import { createApp } from '../../server/app.ts';
import { keys, type CopyRecord, type TitleRecord } from '../../server/domain/records.ts';

const copy = (barcode: string, branch: string): CopyRecord => ({
  barcode,
  branch,
  status: 'on_shelf',
  patronId: null,
  loanId: null,
  holdId: null,
  dueOn: null,
});

const TITLES: TitleRecord[] = [
  {
    bibId: 'B0001',
    title: '地底旅行',
    author: 'ジュール・ヴェルヌ',
    publisher: '岩波書店',
    year: 1997,
    materialType: 'book',
    category: 'general',
    copies: [copy('1001', 'nishinodai'), copy('1002', 'central'), copy('1003', 'higashi')],
    queue: [],
  },
  {
    bibId: 'B0002',
    title: '地底の国',
    author: null,
    publisher: 'キングレコード',
    year: 2001,
    materialType: 'cd',
    category: 'cd',
    copies: [copy('2001', 'central')],
    queue: [],
  },
  ...Array.from({ length: 25 }, (_, i): TitleRecord => ({
    bibId: `N${String(i).padStart(4, '0')}`,
    title: `猫の本 ${String(i).padStart(2, '0')}`,
    author: null,
    publisher: null,
    year: null,
    materialType: 'book',
    category: 'children',
    copies: [],
    queue: [],
  })),
];

describe('catalogue routes', () => {
  let dir: string;
  let ctx: AppContext;
  let app: H3;

  const get = async (path: string) => {
    const res = await app.fetch(new Request(`http://localhost${path}`));
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const search = async (query: string) => {
    const res = await get(`/api/catalog/search?${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as SearchResponse;
  };

  /** Stores a title and indexes it, as the staff title route does. */
  const putTitle = async (t: TitleRecord) => {
    await ctx.store.transaction(async (tx) => tx.set(keys.title(t.bibId), t));
    ctx.catalog.upsert(t);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shiori-catalog-routes-'));
    ctx = await createContext({ DATA_DIR: dir, LIBRARY_NOW: '2026-11-28T10:00:00+09:00', DEMO: '0' }, silentLog);
    app = createApp(ctx, { appDir: dir });
    for (const t of TITLES) await putTitle(t);
  });
  after(async () => {
    await closeContext(ctx);
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds 地底旅行 by 地底, with availability from the title record', async () => {
    const res = await search(`q=${encodeURIComponent('地底')}`);
    assert.equal(res.total, 2);
    assert.equal(res.page, 1);
    assert.equal(res.pageSize, 20);
    assert.deepEqual(
      res.results.map((r) => r.bibId),
      ['B0002', 'B0001'],
      'both match in the title; 地底の国 sorts before 地底旅行 (の < 旅)',
    );
    const chitei = res.results.find((r) => r.bibId === 'B0001')!;
    assert.deepEqual(chitei, {
      bibId: 'B0001',
      title: '地底旅行',
      author: 'ジュール・ヴェルヌ',
      publisher: '岩波書店',
      year: 1997,
      materialType: 'book',
      category: 'general',
      available: 3,
      copies: 3,
      holds: 0,
    });
  });

  it('filters by type and pages by 20', async () => {
    assert.deepEqual((await search(`q=${encodeURIComponent('地底')}&type=cd`)).results.map((r) => r.bibId), ['B0002']);
    const page1 = await search(`q=${encodeURIComponent('猫')}`);
    const page2 = await search(`q=${encodeURIComponent('猫')}&page=2`);
    assert.equal(page1.total, 25);
    assert.equal(page2.total, 25);
    assert.equal(page1.results.length, 20);
    assert.deepEqual(page2.results.map((r) => r.title), ['猫の本 20', '猫の本 21', '猫の本 22', '猫の本 23', '猫の本 24']);
    assert.deepEqual((await search(`q=${encodeURIComponent('猫')}&page=3`)).results, []);
  });

  it('shows fewer available copies and the waiting holds after a checkout and a hold', async () => {
    const before = TITLES[0]!;
    await putTitle({
      ...before,
      copies: before.copies.map((c) => (c.barcode === '1002' ? { ...c, status: 'on_loan', patronId: 'p1', loanId: 'l1', dueOn: '2026-12-12' } : c)),
      queue: [{ holdId: 'h1', patronId: 'p2', placedAt: '2026-11-28T01:00:00.000Z' }],
    });
    const [result] = (await search(`q=${encodeURIComponent('地底旅行')}`)).results;
    assert.deepEqual({ available: result!.available, copies: result!.copies, holds: result!.holds }, { available: 2, copies: 3, holds: 1 });
  });

  it('shows a title page with its copies by branch, in the library’s branch order', async () => {
    const res = await get('/api/catalog/B0001');
    assert.equal(res.status, 200);
    const detail = res.body as TitleDetail;
    assert.equal(detail.title, '地底旅行');
    assert.deepEqual(detail.copyList, [
      { barcode: '1002', branch: 'central', status: 'on_loan', dueOn: '2026-12-12' },
      { barcode: '1003', branch: 'higashi', status: 'on_shelf', dueOn: null },
      { barcode: '1001', branch: 'nishinodai', status: 'on_shelf', dueOn: null },
    ]);
    assert.equal(detail.available, 2);
  });

  it('answers 404 not_found for an unknown or malformed bibId', async () => {
    for (const path of ['/api/catalog/B9999', '/api/catalog/%E5%9C%B0', '/api/catalog/a%20b']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      assert.equal((res.body as ApiError).error.code, 'not_found', path);
    }
  });

  it('answers 400 invalid_input for a bad q, type or page', async () => {
    const bad = [
      '',
      'q=',
      `q=${encodeURIComponent('　 ')}`,
      `q=${'あ'.repeat(101)}`,
      'q=a&type=dvd',
      'q=a&page=0',
      'q=a&page=-1',
      'q=a&page=1.5',
      'q=a&page=two',
      'q=a&q=b',
      'q=a&sort=title',
    ];
    for (const query of bad) {
      const res = await get(`/api/catalog/search?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal((res.body as ApiError).error.code, 'invalid_input', query);
    }
    assert.equal((await get(`/api/catalog/search?q=${'あ'.repeat(100)}`)).status, 200, '100 characters are fine');
  });
});
