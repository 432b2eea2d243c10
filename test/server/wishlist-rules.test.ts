import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WishlistRecord } from '../../server/domain/records.ts';
import {
  addCategory,
  addEntries,
  checkCategoryName,
  deleteCategory,
  emptyWishlist,
  moveEntry,
  removeEntry,
  renameCategory,
  WISHLIST_MAX_CATEGORIES,
  WISHLIST_MAX_ENTRIES,
} from '../../server/rules/wishlist.ts';

const NOW = '2020-04-27T01:00:00.000Z';
function ids(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}
function ok<T>(result: { ok: true; list: WishlistRecord; value: T } | { ok: false }): { list: WishlistRecord; value: T } {
  assert.ok(result.ok, `expected success, got ${JSON.stringify(result)}`);
  return result;
}

describe('category names', () => {
  it('accepts 1 to 30 code points verbatim, including emoji and inner spaces', () => {
    assert.equal(checkCategoryName('小説'), null);
    assert.equal(checkCategoryName(' 旅 の 本 '), null);
    assert.equal(checkCategoryName('🍣'.repeat(30)), null, '30 emoji = 60 UTF-16 units but 30 characters');
  });
  it('refuses empty, blank, too long, and control characters', () => {
    assert.equal(checkCategoryName('')?.code, 'invalid_input');
    assert.equal(checkCategoryName(' \u3000\t')?.code, 'invalid_input');
    assert.deepEqual(checkCategoryName('あ'.repeat(31)), { code: 'invalid_input', reason: 'name_too_long' });
    assert.deepEqual(checkCategoryName('a\nb'), { code: 'invalid_input', reason: 'name_control' });
    assert.deepEqual(checkCategoryName('a\u0000'), { code: 'invalid_input', reason: 'name_control' });
  });
});

describe('categories', () => {
  it('adds up to 20, then refuses with limit_reached', () => {
    let list = emptyWishlist();
    for (let i = 0; i < WISHLIST_MAX_CATEGORIES; i++) list = ok(addCategory(list, `c${i}`, `id${i}`)).list;
    const refused = addCategory(list, 'one more', 'x');
    assert.deepEqual(refused, { ok: false, refusal: { code: 'limit_reached', what: 'categories', limit: 20 } });
  });
  it('refuses a name already used by another category, but a rename to itself is fine', () => {
    const list = ok(addCategory(emptyWishlist(), '小説', 'c1')).list;
    assert.equal(addCategory(list, '小説', 'c2').ok, false);
    assert.equal(renameCategory(list, 'c1', '小説').ok, true);
  });
  it('renames, and refuses an unknown id with not_found', () => {
    const list = ok(addCategory(emptyWishlist(), '小説', 'c1')).list;
    assert.deepEqual(ok(renameCategory(list, 'c1', '絵本')).list.categories, [{ id: 'c1', name: '絵本' }]);
    assert.deepEqual(renameCategory(list, 'nope', '絵本'), { ok: false, refusal: { code: 'not_found', what: 'category' } });
  });
  it('deleting a category sends its entries to 未分類', () => {
    let list = ok(addCategory(emptyWishlist(), '小説', 'c1')).list;
    list = ok(addCategory(list, '絵本', 'c2')).list;
    list = ok(addEntries(list, ['b1'], 'c1', ids('e'), NOW)).list;
    list = ok(addEntries(list, ['b2'], 'c2', ids('f'), NOW)).list;
    list = ok(deleteCategory(list, 'c1')).list;
    assert.deepEqual(list.categories, [{ id: 'c2', name: '絵本' }]);
    assert.deepEqual(list.entries.map((e) => [e.bibId, e.categoryId]), [['b1', null], ['b2', 'c2']]);
  });
});

describe('entries', () => {
  it('ignores titles already listed and repeats within a request', () => {
    const first = ok(addEntries(emptyWishlist(), ['b1', 'b2'], null, ids('e'), NOW));
    const second = ok(addEntries(first.list, ['b2', 'b3', 'b3'], null, ids('f'), NOW));
    assert.deepEqual(second.list.entries.map((e) => e.bibId), ['b1', 'b2', 'b3']);
    assert.deepEqual(second.value, { addedIds: ['f1'], alreadyListed: 2 });
  });
  it('refuses an unknown category', () => {
    assert.deepEqual(addEntries(emptyWishlist(), ['b1'], 'nope', ids('e'), NOW), {
      ok: false,
      refusal: { code: 'not_found', what: 'category' },
    });
  });
  it('adds up to 1,000 and refuses, all or nothing, past the cap', () => {
    const many = Array.from({ length: WISHLIST_MAX_ENTRIES - 1 }, (_, i) => `b${i}`);
    const almost = ok(addEntries(emptyWishlist(), many, null, ids('e'), NOW)).list;
    const refused = addEntries(almost, ['x1', 'x2'], null, ids('f'), NOW);
    assert.deepEqual(refused, { ok: false, refusal: { code: 'limit_reached', what: 'entries', limit: 1000 } });
    const full = ok(addEntries(almost, ['x1', 'b0'], null, ids('f'), NOW)).list;
    assert.equal(full.entries.length, 1000);
    assert.equal(ok(addEntries(full, ['b5'], null, ids('g'), NOW)).value.addedIds.length, 0, 'a duplicate is not over the cap');
  });
  it('moves between categories and to 未分類, and removes', () => {
    let list = ok(addCategory(emptyWishlist(), '小説', 'c1')).list;
    list = ok(addEntries(list, ['b1'], null, ids('e'), NOW)).list;
    list = ok(moveEntry(list, 'e1', 'c1')).list;
    assert.equal(list.entries[0]!.categoryId, 'c1');
    list = ok(moveEntry(list, 'e1', null)).list;
    assert.equal(list.entries[0]!.categoryId, null);
    assert.deepEqual(moveEntry(list, 'e1', 'nope'), { ok: false, refusal: { code: 'not_found', what: 'category' } });
    assert.deepEqual(moveEntry(list, 'nope', null), { ok: false, refusal: { code: 'not_found', what: 'entry' } });
    assert.deepEqual(ok(removeEntry(list, 'e1')).list.entries, []);
    assert.equal(removeEntry(list, 'nope').ok, false);
  });
});
