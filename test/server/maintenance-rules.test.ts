import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isForgotten, isPickupExpired, isWaitExpired } from '../../server/rules/maintenance.ts';

describe('maintenance rules', () => {
  it('expires a ready hold the day after its 取置期限日', () => {
    assert.equal(isPickupExpired({ status: 'ready', pickupBy: '2026-01-10' }, '2026-01-10'), false);
    assert.equal(isPickupExpired({ status: 'ready', pickupBy: '2026-01-10' }, '2026-01-11'), true);
    assert.equal(isPickupExpired({ status: 'waiting', pickupBy: null }, '2026-01-11'), false);
  });
  it('expires a waiting hold the day after its 予約待ち期限日', () => {
    assert.equal(isWaitExpired({ status: 'waiting', notNeededAfter: '2026-01-10' }, '2026-01-10'), false);
    assert.equal(isWaitExpired({ status: 'waiting', notNeededAfter: '2026-01-10' }, '2026-01-11'), true);
    assert.equal(isWaitExpired({ status: 'in_transit', notNeededAfter: '2026-01-10' }, '2026-01-11'), false);
    assert.equal(isWaitExpired({ status: 'waiting', notNeededAfter: null }, '2099-01-11'), false);
  });
  it('forgets a cancelled hold after its shown-until day', () => {
    const shownUntil = (d: string) => (d === '2026-01-31' ? '2026-02-28' : 'never');
    assert.equal(isForgotten({ cancelledOn: '2026-01-31' }, '2026-02-28', shownUntil), false);
    assert.equal(isForgotten({ cancelledOn: '2026-01-31' }, '2026-03-01', shownUntil), true);
  });
});
