import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  applySeriesGroup,
  applySeriesRelease,
  checkSeriesGroup,
  checkSeriesRelease,
  isHeldBackBySeries,
} from '../../server/rules/series.ts';
import { mayBeServed, nextHoldToServe, setAsideAt } from '../../server/rules/circulation.ts';
import type { HoldRecord } from '../../server/domain/records.ts';

const hold = (id: string, extra: Partial<HoldRecord> = {}): HoldRecord => ({
  id, bibId: `bib-${id}`, placedAt: '2026-01-01T00:00:00.000Z', placedOn: '2026-01-01',
  status: 'waiting', pickupBranch: 'central', contactMethod: 'phone', notNeededAfter: null,
  pickupBy: null, barcode: null, seriesNo: null, seriesOrder: null, ...extra,
});

describe('series order', () => {
  const v1 = hold('v1', { seriesNo: 1, seriesOrder: 1 });
  const v2 = hold('v2', { seriesNo: 1, seriesOrder: 2 });
  const other = hold('o', { seriesNo: 2, seriesOrder: 1 });
  it('holds back a later volume while an earlier one is still held', () => {
    assert.equal(isHeldBackBySeries(v2, [v1, v2, other]), true);
    assert.equal(isHeldBackBySeries(v1, [v1, v2, other]), false);
    assert.equal(isHeldBackBySeries({ ...v2 }, [{ ...v1, status: 'ready' }, v2]), true);
  });
  it('frees the later volume once the earlier one is picked up or cancelled (gone)', () => {
    assert.equal(isHeldBackBySeries(v2, [v2, other]), false);
  });
  it('a waiting hold past its 予約待ち期限日 is not served', () => {
    const h = hold('h', { notNeededAfter: '2026-01-10' });
    assert.equal(mayBeServed(h, {}, [h], '2026-01-10'), true);
    assert.equal(mayBeServed(h, {}, [h], '2026-01-11'), false);
  });
  it('check-in skips a held-back hold and serves the next one in line', () => {
    const queue = [
      { patronId: 'p1', hold: v2, entry: {}, patronHolds: [v1, v2] },
      { patronId: 'p2', hold: hold('x'), entry: {}, patronHolds: [hold('x')] },
    ];
    assert.equal(nextHoldToServe(queue, '2026-01-02')?.patronId, 'p2');
    assert.equal(nextHoldToServe(queue.slice(0, 1), '2026-01-02'), null);
  });
  it('is ready at once at the pickup branch, else in transit', () => {
    assert.deepEqual(setAsideAt('central', 'central', '2026-01-09'), { status: 'ready', pickupBy: '2026-01-09' });
    assert.deepEqual(setAsideAt('midori', 'central', '2026-01-09'), { status: 'in_transit', pickupBy: null });
  });
});

describe('grouping', () => {
  const a = hold('a');
  const b = hold('b');
  const c = hold('c');
  it('needs two or more distinct own holds, all waiting', () => {
    assert.equal(checkSeriesGroup([a, b], 1, ['a']), 'invalid_input');
    assert.equal(checkSeriesGroup([a, b], 1, ['a', 'a']), 'invalid_input');
    assert.equal(checkSeriesGroup([a, b], 1, ['a', 'zz']), 'not_found');
    assert.equal(checkSeriesGroup([a, { ...b, status: 'ready' }], 1, ['a', 'b']), 'not_waiting');
    assert.equal(checkSeriesGroup([a, b], 1, ['b', 'a']), null);
  });
  it('orders, regroups and releases', () => {
    let holds = applySeriesGroup([a, b, c], 1, ['b', 'a']);
    assert.deepEqual(holds.map((h) => [h.id, h.seriesNo, h.seriesOrder]), [['a', 1, 2], ['b', 1, 1], ['c', null, null]]);
    holds = applySeriesGroup(holds, 1, ['c', 'a']);
    assert.deepEqual(holds.map((h) => [h.id, h.seriesNo, h.seriesOrder]), [['a', 1, 2], ['b', null, null], ['c', 1, 1]]);
    assert.equal(checkSeriesRelease(holds, 2), 'not_found');
    assert.equal(checkSeriesRelease(holds, 1), null);
    holds = applySeriesRelease(holds, 1);
    assert.ok(holds.every((h) => h.seriesNo === null && h.seriesOrder === null));
  });
  it('refuses a regroup or release while a member is set aside', () => {
    const holds = applySeriesGroup([a, b, c], 1, ['a', 'b']).map((h) => (h.id === 'a' ? { ...h, status: 'ready' as const } : h));
    assert.equal(checkSeriesGroup(holds, 1, ['b', 'c']), 'not_waiting');
    assert.equal(checkSeriesRelease(holds, 1), 'not_waiting');
  });
  it('refuses a hold that belongs to another series', () => {
    const holds = applySeriesGroup([a, b, c], 1, ['a', 'b']);
    assert.equal(checkSeriesGroup(holds, 2, ['b', 'c']), 'invalid_input');
  });
});
