/**
 * A waiting hold's place in the title's queue and a guide to its wait ([docs/rules.md#holds](../../docs/rules.md#holds)).
 * Pure: the queue, the copies and the loan policy in, numbers out.
 *
 * Place: the hold's position among the title's waiting holds (first come, first served, paused
 * ones included: a pause keeps the place), how many wait and how many of them are paused.
 *
 * Wait estimate — a guide, not a promise. With
 *   A = holds ahead that are not paused (a paused hold ahead is skipped, so it does not delay this one),
 *   C = copies of the title,
 *   L = loan period, E = renewal extension, R = renewals allowed:
 * - one reader's turn with a copy lasts about a loan period: some return a renewal's worth of days
 *   early, and the readers who have the copies now may have renewed before anybody waited (holds
 *   block renewals after that). So a turn lasts from  minTurn = max(1, L − R·E)  to  maxTurn = L + R·E  days;
 * - the C copies share the A readers ahead, so each copy serves  k = ⌈A / C⌉  turns before one comes
 *   to this hold (when nobody is ahead, k = 0: the next copy back is this hold's);
 * - fromDays = k · minTurn,  toDays = max(k, 1) · maxTurn  (with nobody ahead, the copy may come back
 *   today or only at the end of a whole turn).
 * With the default policy (L 21, E 7, R 1): 2 ahead of 2 copies → 14–28 days, 「約2〜4週間」.
 * A paused hold cannot be served before its pause ends, so its range starts no earlier than that day.
 * No copies (C = 0): no estimate (null).
 * The range is ordered (fromDays ≤ toDays) and never shrinks when more holds are ahead.
 */
import type { IsoDate } from '../../common/api.ts';
import { daysBetween } from '../../common/dates.ts';
import { isPaused, type Pausable } from './pause.ts';

export interface QueueStanding {
  /** 1 = next in line; paused holds ahead count (they keep their places). */
  position: number;
  /** Holds waiting on the title, paused ones included. */
  waiting: number;
  /** How many of the waiting holds are paused today. */
  paused: number;
  /** Holds ahead that are not paused: the ones that will be served first. */
  activeAhead: number;
}

/** The standing of `holdId` in `queue` (in order), or null when it is not in it. */
export function queueStanding(queue: readonly ({ holdId: string } & Pausable)[], holdId: string, today: IsoDate): QueueStanding | null {
  const at = queue.findIndex((e) => e.holdId === holdId);
  if (at === -1) return null;
  const activeAhead = queue.slice(0, at).filter((e) => !isPaused(e, today)).length;
  return {
    position: at + 1,
    waiting: queue.length,
    paused: queue.filter((e) => isPaused(e, today)).length,
    activeAhead,
  };
}

export interface WaitFacts {
  copies: number;
  /** Non-paused holds ahead (QueueStanding.activeAhead). */
  activeAhead: number;
  loanPeriodDays: number;
  extensionDays: number;
  maxRenewals: number;
  /** Days until this hold's own pause ends (0 when not paused). */
  pausedDays?: number;
}

export interface WaitEstimate {
  fromDays: number;
  toDays: number;
}

export function waitEstimate(f: WaitFacts): WaitEstimate | null {
  if (f.copies <= 0) return null;
  const renewed = f.maxRenewals * f.extensionDays;
  const minTurn = Math.max(1, f.loanPeriodDays - renewed);
  const maxTurn = f.loanPeriodDays + renewed;
  const turns = Math.ceil(f.activeAhead / f.copies);
  const pause = Math.max(0, f.pausedDays ?? 0);
  const fromDays = Math.max(turns * minTurn, pause);
  const toDays = Math.max(Math.max(turns, 1) * maxTurn, fromDays);
  return { fromDays, toDays };
}

/** Days from `today` until a pause ends (0 when not paused). */
export function pausedDaysLeft(p: Pausable, today: IsoDate): number {
  return isPaused(p, today) ? daysBetween(today, p.pausedUntil!) : 0;
}
