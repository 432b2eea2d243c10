/** 今度読みたい資料 through the real app and store ([docs/rules.md#want-to-read-list](../../docs/rules.md#want-to-read-list), [docs/api.md](../../docs/api.md)). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wishlist, WishlistAddResult } from '../../common/api.ts';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

describe('want-to-read list routes', () => {
  let t: TestApp;
  let taro: PatronClient;
  let hanako: PatronClient;

  before(async () => {
    t = await startTestApp({ now: '2020-04-27T01:00:00Z' });
    const b1 = await t.addTitle({ bibId: 'B1', title: '夢の守り人', author: '上橋菜穂子', category: 'children' });
    const b2 = await t.addTitle({ bibId: 'B2', title: '哲学のことば', category: 'children' });
    await t.addTitle({ bibId: 'B3', title: '地底旅行', author: 'ジュール・ヴェルヌ' });
    await t.addTitle({ bibId: 'C1', title: 'ベートーヴェン 交響曲全集', materialType: 'cd', category: 'cd' });
    await t.addPatron({ cardNumber: '2000000326', password: 'abc123' });
    await t.addPatron({ cardNumber: '2000000276', password: 'abc123' });
    await t.checkout({ cardNumber: '2000000326', barcode: b1.barcodes[0]! });
    await t.checkout({ cardNumber: '2000000326', barcode: b2.barcodes[0]! });
    taro = await t.login('2000000326', 'abc123');
    hanako = await t.login('2000000276', 'abc123');
  });
  after(() => t.close());

  const list = async (client: PatronClient) => client.json<Wishlist>('/api/wishlist');

  it('needs a login', async () => {
    assert.equal((await call(t, 'GET', '/api/wishlist')).status, 401);
    assert.equal((await call(t, 'POST', '/api/wishlist/entries', { bibIds: ['B3'] })).status, 401);
  });

  it('adds titles with their title, author and type; a title already listed is ignored', async () => {
    const first = await call<WishlistAddResult>(taro, 'POST', '/api/wishlist/entries', { bibIds: ['B3', 'C1'] });
    assert.equal(first.status, 201);
    assert.deepEqual(
      first.body.added.map((e) => [e.bibId, e.title, e.author, e.materialType, e.categoryId]),
      [
        ['B3', '地底旅行', 'ジュール・ヴェルヌ', 'book', null],
        ['C1', 'ベートーヴェン 交響曲全集', null, 'cd', null],
      ],
    );
    const again = await call<WishlistAddResult>(taro, 'POST', '/api/wishlist/entries', { bibIds: ['B3', 'B3'] });
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, { added: [], alreadyListed: 2 });
    assert.deepEqual((await list(taro)).entries.map((e) => e.bibId), ['B3', 'C1']);
  });

  it('refuses an unknown title or category with 404 and adds nothing', async () => {
    const unknownTitle = await call(taro, 'POST', '/api/wishlist/entries', { bibIds: ['B2', 'NOPE'] });
    assert.equal(unknownTitle.status, 404);
    assert.equal(unknownTitle.body.error.code, 'not_found');
    const unknownCategory = await call(taro, 'POST', '/api/wishlist/entries', { bibIds: ['B2'], categoryId: 'nope' });
    assert.equal(unknownCategory.status, 404);
    assert.equal((await list(taro)).entries.some((e) => e.bibId === 'B2'), false);
  });

  it('refuses malformed bodies with 400 invalid_input', async () => {
    for (const body of [{ bibIds: [] }, { bibIds: 'B1' }, { bibIds: ['B1'], extra: 1 }, '{not json']) {
      const res = await call(taro, 'POST', '/api/wishlist/entries', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'invalid_input');
    }
  });

  it('adds every current loan with 全て今度読みたい資料に追加する, skipping those listed', async () => {
    await call(taro, 'POST', '/api/wishlist/entries', { bibIds: ['B1'] });
    const res = await call<WishlistAddResult>(taro, 'POST', '/api/wishlist/from-loans');
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.added.map((e) => e.title), ['哲学のことば']);
    assert.equal(res.body.alreadyListed, 1);
    const none = await call<WishlistAddResult>(hanako, 'POST', '/api/wishlist/from-loans');
    assert.deepEqual([none.status, none.body.added.length], [201, 0]);
  });

  it('creates, renames and deletes categories; deleting one sends its titles to 未分類', async () => {
    const created = await call(taro, 'POST', '/api/wishlist/categories', { name: ' 冒険 ' });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, ' 冒険 ', 'kept verbatim');
    const categoryId = created.body.id as string;

    const entry = (await list(taro)).entries.find((e) => e.bibId === 'B3')!;
    const moved = await call(taro, 'PATCH', `/api/wishlist/entries/${entry.id}`, { categoryId });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.categoryId, categoryId);
    assert.equal(moved.body.title, '地底旅行');

    const renamed = await call(taro, 'PATCH', `/api/wishlist/categories/${categoryId}`, { name: '冒険もの' });
    assert.deepEqual([renamed.status, renamed.body], [200, { id: categoryId, name: '冒険もの' }]);

    assert.equal((await call(taro, 'DELETE', `/api/wishlist/categories/${categoryId}`)).status, 204);
    const after = await list(taro);
    assert.deepEqual(after.categories, []);
    assert.equal(after.entries.find((e) => e.bibId === 'B3')!.categoryId, null);
    assert.equal((await call(taro, 'DELETE', `/api/wishlist/categories/${categoryId}`)).status, 404);
  });

  it('moves an entry back to 未分類 with null, and removes it', async () => {
    const cat = await call(taro, 'POST', '/api/wishlist/categories', { name: '音楽' });
    const entry = (await list(taro)).entries.find((e) => e.bibId === 'C1')!;
    await call(taro, 'PATCH', `/api/wishlist/entries/${entry.id}`, { categoryId: cat.body.id });
    const back = await call(taro, 'PATCH', `/api/wishlist/entries/${entry.id}`, { categoryId: null });
    assert.deepEqual([back.status, back.body.categoryId], [200, null]);
    const unknownCat = await call(taro, 'PATCH', `/api/wishlist/entries/${entry.id}`, { categoryId: 'nope' });
    assert.equal(unknownCat.status, 404);
    assert.equal((await call(taro, 'DELETE', `/api/wishlist/entries/${entry.id}`)).status, 204);
    assert.equal((await list(taro)).entries.some((e) => e.bibId === 'C1'), false);
    assert.equal((await call(taro, 'DELETE', `/api/wishlist/entries/${entry.id}`)).status, 404);
  });

  it("answers 404 for another patron's entry and category, and leaves them alone", async () => {
    const mine = await list(taro);
    const entryId = mine.entries[0]!.id;
    const cat = await call(taro, 'POST', '/api/wishlist/categories', { name: '秘密' });
    const theirs = [
      await call(hanako, 'PATCH', `/api/wishlist/entries/${entryId}`, { categoryId: null }),
      await call(hanako, 'DELETE', `/api/wishlist/entries/${entryId}`),
      await call(hanako, 'PATCH', `/api/wishlist/categories/${cat.body.id}`, { name: 'x' }),
      await call(hanako, 'DELETE', `/api/wishlist/categories/${cat.body.id}`),
      await call(hanako, 'POST', '/api/wishlist/entries', { bibIds: ['B1'], categoryId: cat.body.id }),
    ];
    assert.deepEqual(theirs.map((r) => r.status), [404, 404, 404, 404, 404]);
    const still = await list(taro);
    assert.deepEqual(still, { ...mine, categories: [...mine.categories, { id: cat.body.id, name: '秘密' }] });
    assert.deepEqual((await list(hanako)).entries, []);
  });

  it('keeps category names to 1–30 characters without control characters (400 invalid_input)', async () => {
    const bad = ['', '   ', '\u3000', 'あ'.repeat(31), 'tab\there', 'line\nbreak', 'nul\u0000'];
    for (const name of bad) {
      const res = await call(hanako, 'POST', '/api/wishlist/categories', { name });
      assert.equal(res.status, 400, JSON.stringify(name));
      assert.equal(res.body.error.code, 'invalid_input');
    }
    const long = await call(hanako, 'POST', '/api/wishlist/categories', { name: 'あ'.repeat(31) });
    assert.match(long.body.error.message, /30文字/);
    const ok = await call(hanako, 'POST', '/api/wishlist/categories', { name: '👨‍👩‍👧'.repeat(6) });
    assert.equal(ok.status, 201, '6 family emoji = 30 code points');
    assert.equal((await call(hanako, 'POST', '/api/wishlist/categories', { name: 1 })).status, 400);
  });

  it('racing requests against the category cap leave exactly 20 (one at a time)', async () => {
    await t.addPatron({ cardNumber: '2000000888', password: 'abc123' });
    const racer = await t.login('2000000888', 'abc123');
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => call(racer, 'POST', '/api/wishlist/categories', { name: `r${i}` })),
    );
    assert.equal(answers.filter((a) => a.status === 201).length, 20);
    assert.equal(answers.filter((a) => a.status === 409).length, 5);
    assert.equal((await list(racer)).categories.length, 20);
  });

  it('caps categories at 20 and entries at 1,000 with 409 limit_reached and a clear message', async () => {
    await t.addPatron({ cardNumber: '2000000999', password: 'abc123' });
    const many = await t.login('2000000999', 'abc123');
    for (let i = 1; i <= 20; i++) {
      assert.equal((await call(many, 'POST', '/api/wishlist/categories', { name: `c${i}` })).status, 201);
    }
    const over = await call(many, 'POST', '/api/wishlist/categories', { name: 'c21' });
    assert.equal(over.status, 409);
    assert.equal(over.body.error.code, 'limit_reached');
    assert.match(over.body.error.message, /カテゴリは20件まで/);
    const english = await call(many, 'POST', '/api/wishlist/categories', { name: 'c21' }, { 'accept-language': 'en' });
    assert.match(english.body.error.message, /up to 20 categories/);

    const bibIds = Array.from({ length: 1001 }, (_, i) => `M${i}`);
    for (const bibId of bibIds) await t.addTitle({ bibId, title: `本 ${bibId}`, copies: [] });
    const first = await call<WishlistAddResult>(many, 'POST', '/api/wishlist/entries', { bibIds: bibIds.slice(0, 999) });
    assert.equal(first.body.added.length, 999);
    const tooMany = await call(many, 'POST', '/api/wishlist/entries', { bibIds: bibIds.slice(999) });
    assert.equal(tooMany.status, 409);
    assert.equal(tooMany.body.error.code, 'limit_reached');
    assert.match(tooMany.body.error.message, /1000件まで/);
    assert.equal((await list(many)).entries.length, 999, 'all or nothing');
    assert.equal((await call(many, 'POST', '/api/wishlist/entries', { bibIds: ['M999'] })).status, 201);
    assert.equal((await call(many, 'POST', '/api/wishlist/entries', { bibIds: ['M1000'] })).status, 409);
  });
});
