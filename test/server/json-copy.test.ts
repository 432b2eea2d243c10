/**
 * jsonCopy (server/storage/json-copy.ts): the Store's copy of JSON data without a trip through
 * text must be exactly what that trip gives, or say it cannot be.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jsonCopy, NOT_JSON } from '../../server/storage/json-copy.ts';

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('jsonCopy', () => {
  it('gives what JSON.stringify then JSON.parse gives, key order included', () => {
    const values: unknown[] = [
      'text',
      '',
      0,
      -0,
      1e21,
      -0.5,
      true,
      null,
      [],
      {},
      { id: 'p1', loans: [{ id: 'l1', dueOn: '2026-04-30', renewals: 0 }], name: null, defaults: { pickupBranch: 'central' } },
      { b: 1, a: 2, 10: 'ten', 2: 'two', '-1': 'minus' },
      { left: undefined, fn: () => 1, sym: Symbol('s'), kept: 'yes' },
      [undefined, () => 1, Symbol('s'), NaN, Infinity, -Infinity, 'x'],
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      Object.assign(Object.create(null) as object, { bare: true }),
      { nested: { deeper: { deepest: [[['栞']]] } } },
    ];
    for (const value of values) {
      const copy = jsonCopy(value);
      assert.deepStrictEqual(copy, roundTrip(value), JSON.stringify(value));
      if (copy !== null && typeof copy === 'object') assert.deepEqual(Object.keys(copy), Object.keys(roundTrip(value) as object), 'key order');
    }
  });

  it('shares no object with the original: changing the copy leaves it as it was', () => {
    const original = Object.freeze({ list: Object.freeze([Object.freeze({ n: 1 })]) });
    const copy = jsonCopy(original) as { list: { n: number }[] };
    copy.list[0]!.n = 2;
    copy.list.push({ n: 3 });
    assert.deepEqual(original, { list: [{ n: 1 }] });
  });

  it('says NOT_JSON for what it cannot copy faithfully: Dates, Maps, class instances, toJSON, an own __proto__ key, a bigint', () => {
    class Card {
      number = '1';
    }
    const cannot: unknown[] = [
      new Date(0),
      { when: new Date(0) },
      new Map([['a', 1]]),
      [new Card()],
      { toJSON: () => 'x' },
      JSON.parse('{"__proto__": {"polluted": true}}'),
      { n: 10n },
      undefined,
      () => 1,
    ];
    for (const value of cannot) assert.equal(jsonCopy(value), NOT_JSON, String(value));
  });
});
