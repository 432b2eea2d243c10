/**
 * The maintenance pass ([docs/rules.md#holds](../../docs/rules.md#holds), [docs/rules.md#cancelled-holds](../../docs/rules.md#cancelled-holds), [docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)): ready holds not collected by their 取置期限日 are
 * cancelled (取置期限経過) and their copy passes to the next hold in line or back to the shelf;
 * waiting holds past their 予約待ち期限日 are cancelled; cancelled holds are forgotten one
 * calendar month after their cancel date.
 *
 * The pass walks the patrons in pages of PAGE_SIZE (one range read each, past the caches, and a
 * turn of the event loop between pages, so requests go on meanwhile) and opens one store transaction per patron with
 * something due, re-reading and re-deciding inside it: the pass can run beside patron requests, on
 * several instances, and twice in a row (the second finds nothing to do). Its cost grows with the
 * number of patrons (a read of each record per pass, hourly), never inside a transaction; what is
 * forgotten by time alone (sessions, throttle records, idempotency answers) expires in the store.
 */
import type { IsoDate } from '../../common/api.ts';
import { addMonths } from '../../common/dates.ts';
import type { AppContext } from '../context.ts';
import { keys, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import type { Tx } from '../storage/store.ts';
import { dueMaintenance, type PatronMaintenance } from '../rules/maintenance.ts';
import { dequeue, toCancelledHold } from '../rules/holds.ts';
import { passCopyOn, passDatesFor, shelveCopy, type PassDates } from '../holds/pass-copy.ts';
import { announceHoldReady } from '../notifications/hold-ready.ts';

export interface MaintenanceCounts {
  pickupExpired: number;
  waitExpired: number;
  forgotten: number;
  /** Copies of expired pickups passed to the next hold in line. */
  passedOn: number;
}

/** Patrons read per page of the pass. */
export const PAGE_SIZE = 200;

function dueFor(ctx: AppContext, patron: PatronRecord, today: IsoDate): PatronMaintenance {
  const months = ctx.policy.cancelledHoldsShownMonths;
  return dueMaintenance(patron, today, (cancelledOn) => addMonths(cancelledOn, months));
}

const nothingDue = (due: PatronMaintenance) => due.pickupExpired.length + due.waitExpired.length + due.forgotten.length === 0;

/** Holds a pass made ready (an uncollected copy passed on at its pickup branch): told after the commit. */
type ReadyHolds = { patronId: string; holdId: string }[];

async function maintainPatron(tx: Tx, ctx: AppContext, patronId: string, dates: PassDates, ready: ReadyHolds): Promise<MaintenanceCounts> {
  const counts: MaintenanceCounts = { pickupExpired: 0, waitExpired: 0, forgotten: 0, passedOn: 0 };
  const patron = await tx.get<PatronRecord>(keys.patron(patronId));
  if (!patron) return counts;
  const due = dueFor(ctx, patron, dates.today);
  if (nothingDue(due)) return counts;

  const ending = [
    ...due.pickupExpired.map((hold) => ({ hold, reason: 'pickup_expired' as const })),
    ...due.waitExpired.map((hold) => ({ hold, reason: 'wait_expired' as const })),
  ];
  const endingIds = new Set(ending.map((e) => e.hold.id));
  const forgottenIds = new Set(due.forgotten.map((c) => c.id));
  patron.holds = patron.holds.filter((h) => !endingIds.has(h.id));
  patron.cancelledHolds = [
    ...patron.cancelledHolds.filter((c) => !forgottenIds.has(c.id)),
    ...ending.map((e) => toCancelledHold(e.hold, e.reason, dates.today)),
  ];
  // Staged before copies are passed on, so the queue is judged on this patron's new holds.
  tx.set(keys.patron(patronId), patron);
  counts.forgotten = due.forgotten.length;

  for (const { hold, reason } of ending) {
    tx.remove(keys.holdOwner(hold.id));
    const title = await tx.get<TitleRecord>(keys.title(hold.bibId));
    if (reason === 'wait_expired') counts.waitExpired += 1;
    else counts.pickupExpired += 1;
    if (!title) continue;
    title.queue = dequeue(title.queue, hold.id);
    const copy = title.copies.find((c) => c.barcode === hold.barcode && c.holdId === hold.id);
    if (reason === 'pickup_expired' && copy) {
      // The copy waits at the pickup branch: the next hold there is ready at once.
      const served = await passCopyOn(tx, title, copy, hold.pickupBranch, dates);
      if (served) {
        counts.passedOn += 1;
        if (served.hold.status === 'ready') ready.push({ patronId: served.patron.id, holdId: served.hold.id });
      }
    } else if (copy) {
      shelveCopy(copy);
    }
    tx.set(keys.title(title.bibId), title);
  }
  return counts;
}

export async function runMaintenance(ctx: AppContext): Promise<MaintenanceCounts> {
  const today = ctx.clock.today();
  const dates: PassDates = passDatesFor(ctx.policy, today);
  const total: MaintenanceCounts = { pickupExpired: 0, waitExpired: 0, forgotten: 0, passedOn: 0 };
  for await (const page of ctx.store.scanValues<PatronRecord>('patron:', { pageSize: PAGE_SIZE })) {
    // A quick look outside any transaction first: most accounts have nothing due.
    for (const [, glance] of page) {
      if (nothingDue(dueFor(ctx, glance, today))) continue;
      // Collected per attempt: a transaction that runs again starts the list afresh.
      const { counts, ready } = await ctx.store.transaction(async (tx) => {
        const ready: ReadyHolds = [];
        return { counts: await maintainPatron(tx, ctx, glance.id, dates, ready), ready };
      });
      for (const k of Object.keys(total) as (keyof MaintenanceCounts)[]) total[k] += counts[k];
      for (const r of ready) announceHoldReady(ctx, r.patronId, r.holdId);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return total;
}
