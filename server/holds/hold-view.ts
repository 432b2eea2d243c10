/**
 * A stored hold as the API shows it (common/api.ts `Hold`): with its title, its place in the
 * title's queue (一時停止 and the wait estimate, rules/queue.ts), and what the patron may still do
 * with it.
 */
import type { CancelledHold, Hold, HoldQueue, IsoDate } from '../../common/api.ts';
import type { CancelledHoldRecord, HoldRecord, TitleRecord } from '../domain/records.ts';
import type { Policy } from '../policy/policy.ts';
import { isCancellable, isChangeable } from '../rules/holds.ts';
import { isPaused, pauseInForce } from '../rules/pause.ts';
import { pausedDaysLeft, queueStanding, waitEstimate } from '../rules/queue.ts';

export type HoldViewTitle = Pick<TitleRecord, 'title' | 'materialType' | 'category' | 'queue' | 'copies'>;

/** What a hold's view depends on besides the hold and its title: the day and the loan rules. */
export interface HoldViewAt {
  today: IsoDate;
  policy: Pick<Policy, 'loanPeriodDays' | 'cdLoanPeriodDays' | 'renewal'>;
}

function queueOf(hold: HoldRecord, title: HoldViewTitle, at: HoldViewAt): HoldQueue {
  const { today, policy } = at;
  const standing = hold.status === 'waiting' ? queueStanding(title.queue, hold.id, today) : null;
  const cd = title.materialType === 'cd' || title.category === 'cd';
  const entry = title.queue.find((e) => e.holdId === hold.id);
  const estimate = standing
    ? waitEstimate({
        copies: title.copies.length,
        activeAhead: standing.activeAhead,
        loanPeriodDays: cd ? policy.cdLoanPeriodDays : policy.loanPeriodDays,
        extensionDays: policy.renewal.extensionDays,
        // CDs are never renewed.
        maxRenewals: cd ? 0 : policy.renewal.maxRenewals,
        pausedDays: entry ? pausedDaysLeft(entry, today) : 0,
      })
    : null;
  return {
    position: standing?.position ?? null,
    waiting: title.queue.length,
    paused: title.queue.filter((e) => isPaused(e, today)).length,
    copies: title.copies.length,
    estimate,
  };
}

export function toHoldView(hold: HoldRecord, title: HoldViewTitle, at: HoldViewAt): Hold {
  const entry = hold.status === 'waiting' ? title.queue.find((e) => e.holdId === hold.id) : undefined;
  const queue = queueOf(hold, title, at);
  return {
    id: hold.id,
    bibId: hold.bibId,
    title: title.title,
    materialType: title.materialType,
    status: hold.status,
    rank: queue.position,
    seriesNo: hold.seriesNo,
    seriesOrder: hold.seriesOrder,
    placedOn: hold.placedOn,
    notNeededAfter: hold.notNeededAfter,
    pickupBy: hold.pickupBy,
    pickupBranch: hold.pickupBranch,
    contactMethod: hold.contactMethod,
    cancellable: isCancellable(hold),
    changeable: isChangeable(hold),
    pausedUntil: entry ? pauseInForce(entry, at.today) : null,
    queue,
  };
}

export function toCancelledHoldView(cancelled: CancelledHoldRecord, title: Pick<TitleRecord, 'title'> | null): CancelledHold {
  return { ...cancelled, title: title?.title ?? '' };
}
