/**
 * What the maintenance pass does to one patron's holds ([docs/rules.md#holds](../../docs/rules.md#holds), [docs/rules.md#cancelled-holds](../../docs/rules.md#cancelled-holds), [docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)): a ready hold not
 * collected by its 取置期限日 is cancelled (取置期限経過), a waiting hold past its 予約待ち期限日 is
 * cancelled, and cancelled holds are forgotten one calendar month after their cancel date.
 * Pure: holds and dates in, decision out.
 */
import type { IsoDate } from '../../common/api.ts';
import type { CancelledHoldRecord, HoldRecord } from '../domain/records.ts';

/** The last day to pick up was `pickupBy`: from the day after, it is expired. */
export function isPickupExpired(hold: Pick<HoldRecord, 'status' | 'pickupBy'>, today: IsoDate): boolean {
  return hold.status === 'ready' && hold.pickupBy !== null && hold.pickupBy < today;
}

/** Not needed after `notNeededAfter`: a hold still waiting the day after is cancelled. */
export function isWaitExpired(hold: Pick<HoldRecord, 'status' | 'notNeededAfter'>, today: IsoDate): boolean {
  return hold.status === 'waiting' && hold.notNeededAfter !== null && hold.notNeededAfter < today;
}

/**
 * A cancelled hold is shown up to and including `shownUntil(cancelledOn)` (its cancel date plus
 * the policy's months), and forgotten from the day after.
 */
export function isForgotten(
  cancelled: Pick<CancelledHoldRecord, 'cancelledOn'>,
  today: IsoDate,
  shownUntil: (cancelledOn: IsoDate) => IsoDate,
): boolean {
  return shownUntil(cancelled.cancelledOn) < today;
}

export interface PatronMaintenance {
  pickupExpired: HoldRecord[];
  waitExpired: HoldRecord[];
  forgotten: CancelledHoldRecord[];
}

/** Everything due on one patron's account today. */
export function dueMaintenance(
  patron: { holds: readonly HoldRecord[]; cancelledHolds: readonly CancelledHoldRecord[] },
  today: IsoDate,
  shownUntil: (cancelledOn: IsoDate) => IsoDate,
): PatronMaintenance {
  return {
    pickupExpired: patron.holds.filter((h) => isPickupExpired(h, today)),
    waitExpired: patron.holds.filter((h) => isWaitExpired(h, today)),
    forgotten: patron.cancelledHolds.filter((c) => isForgotten(c, today, shownUntil)),
  };
}
