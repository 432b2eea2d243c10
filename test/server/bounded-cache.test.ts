/** storage/bounded-cache.ts: the caches in front of the engine stay within their budget and never hand out an overwritten value. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from '../../server/storage/bounded-cache.ts';

test('keeps at most its budget, the most recent entries, and whatever was read lately', () => {
  const cache = new BoundedCache<string>(1000, () => 10);
  cache.set('hot', 'h');
  for (let i = 0; i < 10_000; i++) {
    cache.set(`k${i}`, `v${i}`);
    if (i % 20 === 0) assert.equal(cache.get('hot'), 'h', `hot entry kept at ${i}`);
  }
  const kept = Array.from({ length: 10_000 }, (_, i) => cache.get(`k${i}`)).filter((v) => v !== undefined).length;
  assert.ok(kept <= 100 && kept >= 50, `${kept} entries of weight 10 kept for a budget of 1000`);
  assert.equal(cache.get('k9999'), 'v9999');
  assert.equal(cache.get('k0'), undefined);
});

test('a value set again is the one read back, from either generation', () => {
  const cache = new BoundedCache<number>(100, () => 10);
  cache.set('a', 1);
  for (let i = 0; i < 4; i++) cache.set(`x${i}`, i); // 'a' is now in the old generation
  cache.set('a', 2);
  for (let i = 0; i < 4; i++) cache.set(`y${i}`, i);
  assert.equal(cache.get('a'), 2);
  cache.clear();
  assert.equal(cache.get('a'), undefined);
});

test('a working set of half the budget, read round robin, stays whole', () => {
  const cache = new BoundedCache<string>(1000, () => 10);
  let misses = 0;
  const use = (key: string) => {
    if (cache.get(key) !== undefined) return;
    misses += 1;
    cache.set(key, key);
  };
  for (let i = 0; i < 50; i++) use(`k${i}`);
  misses = 0;
  for (let round = 0; round < 20; round++) for (let i = 0; i < 50; i++) use(`k${i}`);
  assert.equal(misses, 0, 'every read after the first round is a hit');
});
