/**
 * Hold rules ([docs/rules.md#account](../../docs/rules.md#account), [docs/rules.md#holds](../../docs/rules.md#holds)): who may place a hold, the per-title queue, and what a patron may
 * still do with a hold. Pure: records and dates in, decision out.
 */
import type { ContactMethod, IsoDate, IsoInstant, MaterialType } from '../../common/api.ts';
import type { CancelledHoldRecord, HoldRecord, QueueEntry } from '../domain/records.ts';

export interface HoldLimits {
  /** All holds, CDs included (一般・他). */
  total: number;
  /** CD holds (うちCD). */
  cd: number;
}

export interface HoldCounts {
  total: number;
  cd: number;
}

/** Counts a patron's holds in every state: a hold set aside still counts until picked up. */
export function countHolds(holds: readonly { materialType: MaterialType }[]): HoldCounts {
  return {
    total: holds.length,
    cd: holds.filter((h) => h.materialType === 'cd').length,
  };
}

export type PlaceHoldRefusal =
  | 'card_expired'
  | 'already_on_loan'
  | 'already_held'
  | 'hold_limit'
  | 'cd_hold_limit'
  | 'email_not_registered';

export interface PlaceHoldCheck {
  cardExpired: boolean;
  bibId: string;
  materialType: MaterialType;
  /** bibIds the patron has on loan now. */
  loanBibIds: readonly string[];
  /** The patron's current holds with their titles' material types. */
  holds: readonly { bibId: string; materialType: MaterialType }[];
  limits: HoldLimits;
  contactMethod: ContactMethod;
  email: string | null;
}

/** Why this hold may not be placed, or null when it may. The first reason that applies wins. */
export function checkPlaceHold(c: PlaceHoldCheck): PlaceHoldRefusal | null {
  if (c.cardExpired) return 'card_expired';
  if (c.loanBibIds.includes(c.bibId)) return 'already_on_loan';
  if (c.holds.some((h) => h.bibId === c.bibId)) return 'already_held';
  const counts = countHolds(c.holds);
  if (counts.total >= c.limits.total) return 'hold_limit';
  if (c.materialType === 'cd' && counts.cd >= c.limits.cd) return 'cd_hold_limit';
  return checkContactMethod(c.contactMethod, c.email);
}

/** メール needs a registered address to write to. */
export function checkContactMethod(
  contactMethod: ContactMethod,
  email: string | null,
): 'email_not_registered' | null {
  return contactMethod === 'email' && !email ? 'email_not_registered' : null;
}

/** A 予約待ち期限日 in the past would cancel the hold at once: refuse it. */
export function isValidNotNeededAfter(notNeededAfter: IsoDate, today: IsoDate): boolean {
  return notNeededAfter >= today;
}

/**
 * Adds a hold to a title's queue: first come, first served by `placedAt`, and a hold placed at
 * the same instant as others goes after them (ties keep arrival order).
 */
export function enqueue(queue: readonly QueueEntry[], entry: QueueEntry): QueueEntry[] {
  const at = queue.findIndex((q) => q.placedAt > entry.placedAt);
  if (at === -1) return [...queue, entry];
  return [...queue.slice(0, at), entry, ...queue.slice(at)];
}

export function dequeue(queue: readonly QueueEntry[], holdId: string): QueueEntry[] {
  return queue.filter((q) => q.holdId !== holdId);
}

/** The patron's place in line (1 = next), or null when the hold is not waiting in this queue. */
export function queueRank(queue: readonly QueueEntry[], holdId: string): number | null {
  const i = queue.findIndex((q) => q.holdId === holdId);
  return i === -1 ? null : i + 1;
}

/** Only a waiting hold can be cancelled on the web; one set aside needs a call or the desk. */
export function isCancellable(hold: Pick<HoldRecord, 'status'>): boolean {
  return hold.status === 'waiting';
}

/** Pickup branch and contact method can change only while the hold waits. */
export function isChangeable(hold: Pick<HoldRecord, 'status'>): boolean {
  return hold.status === 'waiting';
}

export interface NewHoldInput {
  id: string;
  bibId: string;
  now: IsoInstant;
  today: IsoDate;
  pickupBranch: HoldRecord['pickupBranch'];
  contactMethod: ContactMethod;
  notNeededAfter: IsoDate | null;
}

export function newHold(i: NewHoldInput): HoldRecord {
  return {
    id: i.id,
    bibId: i.bibId,
    placedAt: i.now,
    placedOn: i.today,
    status: 'waiting',
    pickupBranch: i.pickupBranch,
    contactMethod: i.contactMethod,
    notNeededAfter: i.notNeededAfter,
    pickupBy: null,
    barcode: null,
    seriesNo: null,
    seriesOrder: null,
  };
}

/** The record kept under 予約取消 (shown for a month, [docs/rules.md#cancelled-holds](../../docs/rules.md#cancelled-holds)). */
export function toCancelledHold(
  hold: HoldRecord,
  reason: CancelledHoldRecord['reason'],
  today: IsoDate,
): CancelledHoldRecord {
  return {
    id: hold.id,
    bibId: hold.bibId,
    placedOn: hold.placedOn,
    notNeededAfter: hold.notNeededAfter,
    pickupBranch: hold.pickupBranch,
    reason,
    cancelledOn: today,
  };
}
