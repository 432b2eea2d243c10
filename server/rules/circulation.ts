/**
 * Where a returned copy goes ([docs/rules.md#holds](../../docs/rules.md#holds), [docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)): to the first hold in the title's queue that may
 * be served now — in transit to its pickup branch, or ready at once when the copy is already there —
 * or back on the shelf. A paused hold (一時停止) is skipped and keeps its place; so is a later
 * series volume while an earlier one (paused or not) is still held. Pure: the queue with each
 * hold's state in, decision out.
 */
import type { BranchCode, IsoDate } from '../../common/api.ts';
import type { HoldRecord } from '../domain/records.ts';
import { isPaused, type Pausable } from './pause.ts';
import { isHeldBackBySeries } from './series.ts';

/**
 * A waiting hold may take a copy unless it is paused (its queue entry says until when), an earlier
 * series volume comes first, or it is no longer wanted.
 */
export function mayBeServed(hold: HoldRecord, entry: Pausable, patronHolds: readonly HoldRecord[], today: IsoDate): boolean {
  if (hold.status !== 'waiting') return false;
  if (isPaused(entry, today)) return false;
  if (hold.notNeededAfter !== null && hold.notNeededAfter < today) return false;
  return !isHeldBackBySeries(hold, patronHolds);
}

export interface QueuedHold {
  patronId: string;
  hold: HoldRecord;
  /** The hold's queue entry (its pause). */
  entry: Pausable;
  /** All that patron's holds (for the series rule). */
  patronHolds: readonly HoldRecord[];
}

/** The first hold in line that may be served, skipping those held back; null when none may. */
export function nextHoldToServe(queue: readonly QueuedHold[], today: IsoDate): QueuedHold | null {
  return queue.find((q) => mayBeServed(q.hold, q.entry, q.patronHolds, today)) ?? null;
}

export type SetAside =
  | { status: 'ready'; pickupBy: IsoDate }
  | { status: 'in_transit'; pickupBy: null };

/**
 * A copy set aside at `atBranch` is ready at once when that is the pickup branch (pick up by
 * `pickupByIfReady`), else it travels there.
 */
export function setAsideAt(pickupBranch: BranchCode, atBranch: BranchCode, pickupByIfReady: IsoDate): SetAside {
  return pickupBranch === atBranch
    ? { status: 'ready', pickupBy: pickupByIfReady }
    : { status: 'in_transit', pickupBy: null };
}

/** The hold once a copy is set aside for it. */
export function withCopySetAside(hold: HoldRecord, barcode: string, setAside: SetAside): HoldRecord {
  return { ...hold, status: setAside.status, pickupBy: setAside.pickupBy, barcode };
}

/** An in-transit hold whose copy reached the pickup branch. */
export function arrived(hold: HoldRecord, pickupBy: IsoDate): HoldRecord {
  return { ...hold, status: 'ready', pickupBy };
}
