import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkPlaceHold,
  enqueue,
  isCancellable,
  isChangeable,
  newHold,
  queueRank,
  toCancelledHold,
  type PlaceHoldCheck,
} from '../../server/rules/holds.ts';
import type { QueueEntry } from '../../server/domain/records.ts';

const base: PlaceHoldCheck = {
  cardExpired: false,
  bibId: 'b1',
  materialType: 'book',
  loanBibIds: [],
  holds: [],
  limits: { total: 10, cd: 5 },
  contactMethod: 'phone',
  email: null,
};
const books = (n: number) => Array.from({ length: n }, (_, i) => ({ bibId: `x${i}`, materialType: 'book' as const }));
const cds = (n: number) => Array.from({ length: n }, (_, i) => ({ bibId: `c${i}`, materialType: 'cd' as const }));

describe('checkPlaceHold', () => {
  it('allows a first hold', () => assert.equal(checkPlaceHold(base), null));
  it('refuses an expired card before anything else', () =>
    assert.equal(checkPlaceHold({ ...base, cardExpired: true, holds: books(10) }), 'card_expired'));
  it('refuses a title on loan', () => assert.equal(checkPlaceHold({ ...base, loanBibIds: ['b1'] }), 'already_on_loan'));
  it('refuses a title already held', () =>
    assert.equal(checkPlaceHold({ ...base, holds: [{ bibId: 'b1', materialType: 'book' }] }), 'already_held'));
  it('refuses the 11th hold', () => {
    assert.equal(checkPlaceHold({ ...base, holds: books(9) }), null);
    assert.equal(checkPlaceHold({ ...base, holds: books(10) }), 'hold_limit');
  });
  it('refuses the 6th CD but not a 6th book', () => {
    assert.equal(checkPlaceHold({ ...base, materialType: 'cd', holds: cds(5) }), 'cd_hold_limit');
    assert.equal(checkPlaceHold({ ...base, materialType: 'cd', holds: cds(4) }), null);
    assert.equal(checkPlaceHold({ ...base, holds: cds(5) }), null);
  });
  it('counts CDs in the total', () =>
    assert.equal(checkPlaceHold({ ...base, holds: [...cds(5), ...books(5)] }), 'hold_limit'));
  it('needs an address for メール', () => {
    assert.equal(checkPlaceHold({ ...base, contactMethod: 'email' }), 'email_not_registered');
    assert.equal(checkPlaceHold({ ...base, contactMethod: 'email', email: 'a@b.jp' }), null);
  });
});

describe('queue', () => {
  const e = (holdId: string, placedAt: string): QueueEntry => ({ holdId, patronId: 'p', placedAt });
  it('is first come, first served, ties by arrival', () => {
    let q: QueueEntry[] = [];
    q = enqueue(q, e('a', '2026-01-01T01:00:00.000Z'));
    q = enqueue(q, e('b', '2026-01-01T02:00:00.000Z'));
    q = enqueue(q, e('c', '2026-01-01T01:00:00.000Z'));
    q = enqueue(q, e('d', '2026-01-01T00:30:00.000Z'));
    assert.deepEqual(q.map((x) => x.holdId), ['d', 'a', 'c', 'b']);
    assert.equal(queueRank(q, 'a'), 2);
    assert.equal(queueRank(q, 'b'), 4);
    assert.equal(queueRank(q, 'zz'), null);
  });
});

describe('hold states', () => {
  const hold = newHold({
    id: 'h1', bibId: 'b1', now: '2026-01-01T01:00:00.000Z', today: '2026-01-01',
    pickupBranch: 'central', contactMethod: 'phone', notNeededAfter: null,
  });
  it('lets only waiting holds be cancelled or changed', () => {
    assert.equal(isCancellable(hold), true);
    assert.equal(isChangeable(hold), true);
    for (const status of ['ready', 'in_transit'] as const) {
      assert.equal(isCancellable({ status }), false);
      assert.equal(isChangeable({ status }), false);
    }
  });
  it('keeps what the 予約取消 list shows', () => {
    assert.deepEqual(toCancelledHold(hold, null, '2026-01-05'), {
      id: 'h1', bibId: 'b1', placedOn: '2026-01-01', notNeededAfter: null,
      pickupBranch: 'central', reason: null, cancelledOn: '2026-01-05',
    });
  });
});
