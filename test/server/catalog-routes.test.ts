/**
 * GET /api/catalog/search and GET /api/catalog/:bibId through the real h3 app, with the real
 * SQLite store and catalogue index in a temp DATA_DIR; titles, loans and holds are made through
 * the staff and patron APIs (so the index is kept in step by the staff title route).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SearchResponse, TitleDetail } from '../../common/api.ts';
import { ORIGIN, errorOf, startTestApp, type TestApp } from './helpers.ts';

describe('catalogue routes', () => {
  let t: TestApp;

  const search = async (query: string) => {
    const res = await t.fetch(`/api/catalog/search?${query}`);
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text) as SearchResponse;
  };

  before(async () => {
    t = await startTestApp({ now: '2026-11-28T01:00:00Z' });
    await t.addTitle({
      bibId: 'B0001',
      title: '地底旅行',
      author: 'ジュール・ヴェルヌ',
      publisher: '岩波書店',
      year: 1997,
      copies: [
        { barcode: '1001', branch: 'nishinodai' },
        { barcode: '1002', branch: 'central' },
        { barcode: '1003', branch: 'higashi' },
      ],
    });
    await t.addTitle({
      bibId: 'B0002',
      title: '地底の国',
      publisher: 'キングレコード',
      year: 2001,
      materialType: 'cd',
      category: 'cd',
      copies: [{ barcode: '2001', branch: 'central' }],
    });
    for (let i = 0; i < 25; i++) {
      await t.addTitle({ bibId: `N${String(i).padStart(4, '0')}`, title: `猫の本 ${String(i).padStart(2, '0')}`, category: 'children', copies: [] });
    }
    await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
    await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
  });
  after(() => t.close());

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

  it('filters by one or several types and pages by 20', async () => {
    assert.deepEqual((await search(`q=${encodeURIComponent('地底')}&type=cd`)).results.map((r) => r.bibId), ['B0002']);
    assert.deepEqual((await search(`q=${encodeURIComponent('地底')}&type=book,magazine`)).results.map((r) => r.bibId), ['B0001']);
    assert.equal((await search(`q=${encodeURIComponent('地底')}&type=`)).total, 2, 'empty type = every type');
    const page1 = await search(`q=${encodeURIComponent('猫')}`);
    const page2 = await search(`q=${encodeURIComponent('猫')}&page=2`);
    assert.equal(page1.total, 25);
    assert.equal(page2.total, 25);
    assert.equal(page1.results.length, 20);
    assert.deepEqual(page2.results.map((r) => r.title), ['猫の本 20', '猫の本 21', '猫の本 22', '猫の本 23', '猫の本 24']);
    assert.deepEqual((await search(`q=${encodeURIComponent('猫')}&page=3`)).results, []);
  });

  it('shows one copy fewer on the shelf after a checkout, and the waiting holds', async () => {
    await t.checkout({ cardNumber: '2000000326', barcode: '1002', dueOn: '2026-12-12' });
    let [result] = (await search(`q=${encodeURIComponent('地底旅行')}`)).results;
    assert.deepEqual({ available: result!.available, copies: result!.copies, holds: result!.holds }, { available: 2, copies: 3, holds: 0 });

    // Another patron's hold on the CD waits in its queue (its only copy is on loan).
    await t.checkout({ cardNumber: '2000000326', barcode: '2001', dueOn: '2026-12-05' });
    const other = await t.login('2000000276', 'library2');
    const hold = await other.fetch('/api/holds', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ bibId: 'B0002', contactMethod: 'phone' }),
    });
    assert.equal(hold.status, 201, await hold.clone().text());
    [result] = (await search(`q=${encodeURIComponent('地底の国')}`)).results;
    assert.deepEqual({ available: result!.available, copies: result!.copies, holds: result!.holds }, { available: 0, copies: 1, holds: 1 });
  });

  it('shows a title page with its copies by branch, in the library’s branch order', async () => {
    const res = await t.fetch('/api/catalog/B0001');
    assert.equal(res.status, 200);
    const detail = (await res.json()) as TitleDetail;
    assert.equal(detail.title, '地底旅行');
    assert.deepEqual(detail.copyList, [
      { barcode: '1002', branch: 'central', status: 'on_loan', dueOn: '2026-12-12' },
      { barcode: '1003', branch: 'higashi', status: 'on_shelf', dueOn: null },
      { barcode: '1001', branch: 'nishinodai', status: 'on_shelf', dueOn: null },
    ]);
    assert.equal(detail.available, 2);
  });

  it('finds a katakana title by hiragana and shows its fields as stored (only the index folds kana)', async () => {
    await t.addTitle({ bibId: 'K0001', title: 'マモリビト', author: 'ｳｴﾊｼ・ナホコ', publisher: 'カイセイシャ', copies: [] });
    for (const q of ['まもりびと', 'ﾏﾓﾘﾋﾞﾄ', 'うえはし', 'もり']) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      assert.deepEqual(res.results.map((r) => r.bibId), ['K0001'], q);
      assert.deepEqual(
        { title: res.results[0]!.title, author: res.results[0]!.author, publisher: res.results[0]!.publisher },
        { title: 'マモリビト', author: 'ｳｴﾊｼ・ナホコ', publisher: 'カイセイシャ' },
        q,
      );
    }
    const detail = (await (await t.fetch('/api/catalog/K0001')).json()) as TitleDetail;
    assert.equal(detail.title, 'マモリビト');
  });

  it('answers 404 not_found for an unknown or malformed bibId', async () => {
    for (const path of ['/api/catalog/B9999', '/api/catalog/%E5%9C%B0', '/api/catalog/a%20b']) {
      const { status, code } = await errorOf(await t.fetch(path));
      assert.deepEqual({ status, code }, { status: 404, code: 'not_found' }, path);
    }
  });

  it('answers 400 invalid_input for a bad q, type or page', async () => {
    const bad = [
      '',
      'q=',
      `q=${encodeURIComponent('　 ')}`,
      `q=${'あ'.repeat(101)}`,
      'q=a&type=dvd',
      'q=a&type=book,dvd',
      'q=a&type=book,',
      'q=a&page=0',
      'q=a&page=-1',
      'q=a&page=1.5',
      'q=a&page=two',
      'q=a&q=b',
      'q=a&sort=title',
    ];
    for (const query of bad) {
      const { status, code } = await errorOf(await t.fetch(`/api/catalog/search?${query}`));
      assert.deepEqual({ status, code }, { status: 400, code: 'invalid_input' }, query);
    }
    assert.equal((await t.fetch(`/api/catalog/search?q=${'あ'.repeat(100)}`)).status, 200, '100 characters are fine');
  });
});
