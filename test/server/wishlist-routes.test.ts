/** 今度読みたい資料 through the real app and store (SPEC §2.6, §7). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wishlist, WishlistAddResult } from '../../common/api.ts';
import { loan, startHarness, type Harness } from './account-harness.ts';

describe('want-to-read list routes', () => {
  let h: Harness;
  let taro: string;
  let hanako: string;

  before(async () => {
    h = await startHarness();
    await h.addTitle('B1', '夢の守り人', { author: '上橋菜穂子', category: 'children' });
    await h.addTitle('B2', '哲学のことば', { category: 'children' });
    await h.addTitle('B3', '地底旅行', { author: 'ジュール・ヴェルヌ' });
    await h.addTitle('C1', 'ベートーヴェン 交響曲全集', { materialType: 'cd', category: 'cd' });
    await h.addPatron({ id: 'p-taro', cardNumber: '2000000326', loans: [loan('L1', 'B1'), loan('L2', 'B2')] });
    await h.addPatron({ id: 'p-hanako', cardNumber: '2000000276' });
    taro = await h.login('2000000326', 'abc123');
    hanako = await h.login('2000000276', 'abc123');
  });
  after(() => h.close());

  const list = async (cookie: string) => {
    const res = await h.request<Wishlist>('GET', '/api/wishlist', { cookie });
    assert.equal(res.status, 200);
    return res.body;
  };

  it('needs a login', async () => {
    assert.equal((await h.request('GET', '/api/wishlist')).status, 401);
    assert.equal((await h.request('POST', '/api/wishlist/entries', { body: { bibIds: ['B3'] } })).status, 401);
  });

  it('adds titles with their title, author and type; a title already listed is ignored', async () => {
    const first = await h.request<WishlistAddResult>('POST', '/api/wishlist/entries', { cookie: taro, body: { bibIds: ['B3', 'C1'] } });
    assert.equal(first.status, 201);
    assert.deepEqual(
      first.body.added.map((e) => [e.bibId, e.title, e.author, e.materialType, e.categoryId]),
      [
        ['B3', '地底旅行', 'ジュール・ヴェルヌ', 'book', null],
        ['C1', 'ベートーヴェン 交響曲全集', null, 'cd', null],
      ],
    );
    const again = await h.request<WishlistAddResult>('POST', '/api/wishlist/entries', { cookie: taro, body: { bibIds: ['B3', 'B3'] } });
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, { added: [], alreadyListed: 2 });
    assert.deepEqual((await list(taro)).entries.map((e) => e.bibId), ['B3', 'C1']);
  });

  it('refuses an unknown title or category with 404 and adds nothing', async () => {
    const unknownTitle = await h.request('POST', '/api/wishlist/entries', { cookie: taro, body: { bibIds: ['B2', 'NOPE'] } });
    assert.equal(unknownTitle.status, 404);
    assert.equal(unknownTitle.body.error.code, 'not_found');
    const unknownCategory = await h.request('POST', '/api/wishlist/entries', { cookie: taro, body: { bibIds: ['B2'], categoryId: 'nope' } });
    assert.equal(unknownCategory.status, 404);
    assert.equal((await list(taro)).entries.some((e) => e.bibId === 'B2'), false);
  });

  it('refuses malformed bodies with 400 invalid_input', async () => {
    for (const body of [{ bibIds: [] }, { bibIds: 'B1' }, { bibIds: ['B1'], extra: 1 }, '{not json']) {
      const res = await h.request('POST', '/api/wishlist/entries', { cookie: taro, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'invalid_input');
    }
  });

  it('adds every current loan with 全て今度読みたい資料に追加する, skipping those listed', async () => {
    await h.request('POST', '/api/wishlist/entries', { cookie: taro, body: { bibIds: ['B1'] } });
    const res = await h.request<WishlistAddResult>('POST', '/api/wishlist/from-loans', { cookie: taro });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.added.map((e) => e.title), ['哲学のことば']);
    assert.equal(res.body.alreadyListed, 1);
    const none = await h.request<WishlistAddResult>('POST', '/api/wishlist/from-loans', { cookie: hanako });
    assert.deepEqual([none.status, none.body.added.length], [201, 0]);
  });

  it('creates, renames and deletes categories; deleting one sends its titles to 未分類', async () => {
    const created = await h.request('POST', '/api/wishlist/categories', { cookie: taro, body: { name: ' 冒険 ' } });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, ' 冒険 ', 'kept verbatim');
    const categoryId = created.body.id as string;

    const entry = (await list(taro)).entries.find((e) => e.bibId === 'B3')!;
    const moved = await h.request('PATCH', `/api/wishlist/entries/${entry.id}`, { cookie: taro, body: { categoryId } });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.categoryId, categoryId);
    assert.equal(moved.body.title, '地底旅行');

    const renamed = await h.request('PATCH', `/api/wishlist/categories/${categoryId}`, { cookie: taro, body: { name: '冒険もの' } });
    assert.deepEqual([renamed.status, renamed.body], [200, { id: categoryId, name: '冒険もの' }]);

    assert.equal((await h.request('DELETE', `/api/wishlist/categories/${categoryId}`, { cookie: taro })).status, 204);
    const after = await list(taro);
    assert.deepEqual(after.categories, []);
    assert.equal(after.entries.find((e) => e.bibId === 'B3')!.categoryId, null);
    assert.equal((await h.request('DELETE', `/api/wishlist/categories/${categoryId}`, { cookie: taro })).status, 404);
  });

  it('moves an entry back to 未分類 with null, and removes it', async () => {
    const cat = await h.request('POST', '/api/wishlist/categories', { cookie: taro, body: { name: '音楽' } });
    const entry = (await list(taro)).entries.find((e) => e.bibId === 'C1')!;
    await h.request('PATCH', `/api/wishlist/entries/${entry.id}`, { cookie: taro, body: { categoryId: cat.body.id } });
    const back = await h.request('PATCH', `/api/wishlist/entries/${entry.id}`, { cookie: taro, body: { categoryId: null } });
    assert.deepEqual([back.status, back.body.categoryId], [200, null]);
    const unknownCat = await h.request('PATCH', `/api/wishlist/entries/${entry.id}`, { cookie: taro, body: { categoryId: 'nope' } });
    assert.equal(unknownCat.status, 404);
    assert.equal((await h.request('DELETE', `/api/wishlist/entries/${entry.id}`, { cookie: taro })).status, 204);
    assert.equal((await list(taro)).entries.some((e) => e.bibId === 'C1'), false);
    assert.equal((await h.request('DELETE', `/api/wishlist/entries/${entry.id}`, { cookie: taro })).status, 404);
  });

  it("answers 404 for another patron's entry and category, and leaves them alone", async () => {
    const mine = await list(taro);
    const entryId = mine.entries[0]!.id;
    const cat = await h.request('POST', '/api/wishlist/categories', { cookie: taro, body: { name: '秘密' } });
    const theirs = [
      await h.request('PATCH', `/api/wishlist/entries/${entryId}`, { cookie: hanako, body: { categoryId: null } }),
      await h.request('DELETE', `/api/wishlist/entries/${entryId}`, { cookie: hanako }),
      await h.request('PATCH', `/api/wishlist/categories/${cat.body.id}`, { cookie: hanako, body: { name: 'x' } }),
      await h.request('DELETE', `/api/wishlist/categories/${cat.body.id}`, { cookie: hanako }),
      await h.request('POST', '/api/wishlist/entries', { cookie: hanako, body: { bibIds: ['B1'], categoryId: cat.body.id } }),
    ];
    assert.deepEqual(theirs.map((r) => r.status), [404, 404, 404, 404, 404]);
    const still = await list(taro);
    assert.deepEqual(still, { ...mine, categories: [...mine.categories, { id: cat.body.id, name: '秘密' }] });
    assert.deepEqual((await list(hanako)).entries, []);
  });

  it('keeps category names to 1–30 characters without control characters (400 invalid_input)', async () => {
    const bad = ['', '   ', '\u3000', 'あ'.repeat(31), 'tab\there', 'line\nbreak', 'nul\u0000'];
    for (const name of bad) {
      const res = await h.request('POST', '/api/wishlist/categories', { cookie: hanako, body: { name } });
      assert.equal(res.status, 400, JSON.stringify(name));
      assert.equal(res.body.error.code, 'invalid_input');
    }
    const long = await h.request('POST', '/api/wishlist/categories', { cookie: hanako, body: { name: 'あ'.repeat(31) } });
    assert.match(long.body.error.message, /30文字/);
    const ok = await h.request('POST', '/api/wishlist/categories', { cookie: hanako, body: { name: '👨‍👩‍👧'.repeat(6) } });
    assert.equal(ok.status, 201, '6 family emoji = 30 code points');
    assert.equal((await h.request('POST', '/api/wishlist/categories', { cookie: hanako, body: { name: 1 } })).status, 400);
  });

  it('caps categories at 20 and entries at 1,000 with 409 limit_reached and a clear message', async () => {
    await h.addPatron({ id: 'p-many', cardNumber: '2000000999' });
    const many = await h.login('2000000999', 'abc123');
    for (let i = 1; i <= 20; i++) {
      assert.equal((await h.request('POST', '/api/wishlist/categories', { cookie: many, body: { name: `c${i}` } })).status, 201);
    }
    const over = await h.request('POST', '/api/wishlist/categories', { cookie: many, body: { name: 'c21' } });
    assert.equal(over.status, 409);
    assert.equal(over.body.error.code, 'limit_reached');
    assert.match(over.body.error.message, /カテゴリは20件まで/);
    const english = await h.request('POST', '/api/wishlist/categories', { cookie: many, body: { name: 'c21' }, headers: { 'accept-language': 'en' } });
    assert.match(english.body.error.message, /up to 20 categories/);

    const bibIds = Array.from({ length: 1001 }, (_, i) => `M${i}`);
    for (const bibId of bibIds) await h.addTitle(bibId, `本 ${bibId}`);
    const first = await h.request<WishlistAddResult>('POST', '/api/wishlist/entries', { cookie: many, body: { bibIds: bibIds.slice(0, 999) } });
    assert.equal(first.body.added.length, 999);
    const tooMany = await h.request('POST', '/api/wishlist/entries', { cookie: many, body: { bibIds: bibIds.slice(999) } });
    assert.equal(tooMany.status, 409);
    assert.equal(tooMany.body.error.code, 'limit_reached');
    assert.match(tooMany.body.error.message, /1000件まで/);
    assert.equal((await list(many)).entries.length, 999, 'all or nothing');
    assert.equal((await h.request('POST', '/api/wishlist/entries', { cookie: many, body: { bibIds: ['M999'] } })).status, 201);
    assert.equal((await h.request('POST', '/api/wishlist/entries', { cookie: many, body: { bibIds: ['M1000'] } })).status, 409);
  });
});
