/**
 * Passing a free copy on (inside a store transaction): to the first hold in the title's queue that
 * may be served — set aside in transit, or ready at once at its pickup branch — or back on the
 * shelf. Used by check-in, by staff taking a shelved copy, and by the maintenance pass when a
 * ready hold was not collected.
 *
 * Callers stage their own changes to patron records (tx.set) before calling, so the queue is
 * judged on the state this transaction is about to commit; the title is changed in place and the
 * caller writes it.
 */
import type { BranchCode, IsoDate } from '../../common/api.ts';
import { keys, type CopyRecord, type HoldRecord, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import type { Tx } from '../storage/store.ts';
import type { Policy } from '../policy/policy.ts';
import { calendarOf } from '../library/calendar.ts';
import { pickupDeadline } from '../rules/due-dates.ts';
import { mayBeServed, setAsideAt, withCopySetAside } from '../rules/circulation.ts';
import { dequeue } from '../rules/holds.ts';
import { isPaused } from '../rules/pause.ts';

export interface ServedHold {
  patron: PatronRecord;
  hold: HoldRecord;
}

export interface PassDates {
  today: IsoDate;
  /** The pickup deadline at `pickupBranch` if the copy is ready at once (rules/due-dates.ts `pickupDeadline`). */
  pickupByAt: (pickupBranch: BranchCode) => IsoDate;
}

/** Today's PassDates under `policy`: 取置期限日 = today + pickup period, moved to an open day of the pickup branch. */
export function passDatesFor(policy: Policy, today: IsoDate): PassDates {
  const calendar = calendarOf(policy);
  return { today, pickupByAt: (branch) => pickupDeadline(calendar, branch, today, policy.pickupPeriodDays) };
}

/** Sets `copy` aside for `hold` of `patron` at `atBranch`; stages the patron, changes the title. */
export function setCopyAside(
  tx: Tx,
  title: TitleRecord,
  copy: CopyRecord,
  patron: PatronRecord,
  hold: HoldRecord,
  atBranch: BranchCode,
  dates: PassDates,
): ServedHold {
  const served = withCopySetAside(hold, copy.barcode, setAsideAt(hold.pickupBranch, atBranch, dates.pickupByAt(hold.pickupBranch)));
  patron.holds = patron.holds.map((h) => (h.id === hold.id ? served : h));
  tx.set(keys.patron(patron.id), patron);
  title.queue = dequeue(title.queue, hold.id);
  Object.assign(copy, {
    status: served.status === 'ready' ? 'on_hold_shelf' : 'in_transit',
    patronId: patron.id,
    holdId: hold.id,
    loanId: null,
    dueOn: null,
  } satisfies Partial<CopyRecord>);
  return { patron, hold: served };
}

export function shelveCopy(copy: CopyRecord): void {
  Object.assign(copy, {
    status: 'on_shelf',
    patronId: null,
    holdId: null,
    loanId: null,
    dueOn: null,
  } satisfies Partial<CopyRecord>);
}

/**
 * Gives the free `copy` (at `atBranch`) to the next hold in line that may be served (paused holds
 * skipped), or shelves it. Queue entries whose hold no longer exists are dropped on the way.
 */
export async function passCopyOn(
  tx: Tx,
  title: TitleRecord,
  copy: CopyRecord,
  atBranch: BranchCode,
  dates: PassDates,
): Promise<ServedHold | null> {
  for (const entry of [...title.queue]) {
    // Paused: skipped without reading its patron; it keeps its place.
    if (isPaused(entry, dates.today)) continue;
    const patron = await tx.get<PatronRecord>(keys.patron(entry.patronId));
    const hold = patron?.holds.find((h) => h.id === entry.holdId);
    if (!patron || !hold || hold.status !== 'waiting') {
      title.queue = dequeue(title.queue, entry.holdId);
      continue;
    }
    if (mayBeServed(hold, entry, patron.holds, dates.today)) {
      return setCopyAside(tx, title, copy, patron, hold, atBranch, dates);
    }
  }
  shelveCopy(copy);
  return null;
}
