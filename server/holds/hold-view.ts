/**
 * A stored hold as the API shows it (common/api.ts `Hold`): with its title, its place in the
 * title's queue, and what the patron may still do with it.
 */
import type { CancelledHold, Hold } from '../../common/api.ts';
import type { CancelledHoldRecord, HoldRecord, TitleRecord } from '../domain/records.ts';
import { isCancellable, isChangeable, queueRank } from '../rules/holds.ts';

export function toHoldView(hold: HoldRecord, title: Pick<TitleRecord, 'title' | 'materialType' | 'queue'>): Hold {
  return {
    id: hold.id,
    bibId: hold.bibId,
    title: title.title,
    materialType: title.materialType,
    status: hold.status,
    rank: hold.status === 'waiting' ? queueRank(title.queue, hold.id) : null,
    seriesNo: hold.seriesNo,
    seriesOrder: hold.seriesOrder,
    placedOn: hold.placedOn,
    notNeededAfter: hold.notNeededAfter,
    pickupBy: hold.pickupBy,
    pickupBranch: hold.pickupBranch,
    contactMethod: hold.contactMethod,
    cancellable: isCancellable(hold),
    changeable: isChangeable(hold),
  };
}

export function toCancelledHoldView(cancelled: CancelledHoldRecord, title: Pick<TitleRecord, 'title'> | null): CancelledHold {
  return { ...cancelled, title: title?.title ?? '' };
}
