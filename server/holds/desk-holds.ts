/**
 * Circulation at the desk ([docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)), each in one store transaction:
 * - check-in: the loan ends and the copy passes to the next hold in line that may be served
 *   (in transit, or ready at once at its pickup branch), or goes back on the shelf;
 * - arrive: an in-transit copy reached the pickup branch → ready, with a pickup deadline;
 * - set aside: staff take a shelved copy for a waiting hold (first come, first served; paused holds
 *   ahead are passed over, a paused hold itself is refused: 409 hold_paused);
 * Picking up a ready hold is a checkout of the copy set aside (POST /api/staff/checkouts, which
 * fulfils the hold).
 * Staff actions record what happened at the desk: patron-side rules (limits, card expiry) do not
 * apply; only the state of the hold and copy does. The server never sets a copy aside by itself.
 */
import type { BranchCode, Hold } from '../../common/api.ts';
import { keys, type CopyRecord, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../storage/store.ts';
import { refuse } from '../domain/refusal-error.ts';
import { arrived, mayBeServed, nextHoldToServe, type QueuedHold } from '../rules/circulation.ts';
import { isHeldBackBySeries } from '../rules/series.ts';
import { isPaused } from '../rules/pause.ts';
import { findOwnHold, readPatron, readTitle } from './patron-holds.ts';
import { passCopyOn, passDatesFor, setCopyAside, type PassDates, type ServedHold } from './pass-copy.ts';
import { toHoldView, type HoldViewAt } from './hold-view.ts';

/** A hold as staff see it: the patron's view plus whose it is. */
export interface DeskHold {
  hold: Hold;
  cardNumber: string;
}

function passDates(ctx: AppContext): PassDates {
  return passDatesFor(ctx.policy, ctx.clock.today());
}

function deskHold(ctx: AppContext, served: ServedHold, title: TitleRecord): DeskHold {
  return { hold: toHoldView(served.hold, title, viewAt(ctx)), cardNumber: served.patron.cardNumber };
}

function viewAt(ctx: AppContext): HoldViewAt {
  return { today: ctx.clock.today(), policy: ctx.policy };
}

function findCopy(title: TitleRecord, barcode: string | null): CopyRecord {
  const copy = title.copies.find((c) => c.barcode === barcode);
  if (!copy) refuse('not_found');
  return copy;
}

/**
 * The patron who holds `holdId`, from the `hold:<id>` index written with the hold (outside any
 * transaction; the caller re-reads the patron and finds the hold inside its own, or 404).
 */
export async function findHoldOwner(ctx: AppContext, holdId: string): Promise<string> {
  const patronId = await ctx.store.get<string>(keys.holdOwner(holdId));
  if (!patronId) refuse('not_found');
  return patronId;
}

/** Ends the loan of `copy` (if any) on its borrower's account. */
async function endLoan(tx: Tx, copy: CopyRecord): Promise<void> {
  if (copy.status !== 'on_loan' || !copy.patronId) return;
  const borrower = await tx.get<PatronRecord>(keys.patron(copy.patronId));
  if (!borrower) return;
  borrower.loans = borrower.loans.filter((l) => (copy.loanId ? l.id !== copy.loanId : l.barcode !== copy.barcode));
  tx.set(keys.patron(borrower.id), borrower);
}

export async function checkIn(ctx: AppContext, barcode: string, branch: BranchCode | undefined): Promise<DeskHold | null> {
  const dates = passDates(ctx);
  return ctx.store.transaction(async (tx) => {
    const bibId = await tx.get<string>(keys.barcode(barcode));
    if (!bibId) refuse('not_found');
    const title = await readTitle(tx, bibId);
    const copy = findCopy(title, barcode);
    const atBranch = branch ?? copy.branch;
    // Already set aside: a second scan changes nothing, except an in-transit copy scanned at its
    // pickup branch, which has arrived.
    if ((copy.status === 'in_transit' || copy.status === 'on_hold_shelf') && copy.patronId) {
      const holder = await tx.get<PatronRecord>(keys.patron(copy.patronId));
      const hold = holder?.holds.find((h) => h.id === copy.holdId);
      if (holder && hold) {
        if (hold.status === 'in_transit' && hold.pickupBranch === atBranch) {
          return markArrived(tx, ctx, holder, hold.id, title);
        }
        return { hold: toHoldView(hold, title, viewAt(ctx)), cardNumber: holder.cardNumber };
      }
    }
    await endLoan(tx, copy);
    const served = await passCopyOn(tx, title, copy, atBranch, dates);
    tx.set(keys.title(bibId), title);
    return served ? deskHold(ctx, served, title) : null;
  });
}

function markArrived(tx: Tx, ctx: AppContext, patron: PatronRecord, holdId: string, title: TitleRecord): DeskHold {
  const hold = findOwnHold(patron, holdId);
  if (hold.status !== 'in_transit') refuse('not_in_transit');
  const ready = arrived(hold, passDates(ctx).pickupByAt(hold.pickupBranch));
  patron.holds = patron.holds.map((h) => (h.id === holdId ? ready : h));
  const copy = title.copies.find((c) => c.barcode === hold.barcode);
  if (copy) copy.status = 'on_hold_shelf';
  tx.set(keys.patron(patron.id), patron);
  tx.set(keys.title(title.bibId), title);
  return deskHold(ctx, { patron, hold: ready }, title);
}

export async function arrive(ctx: AppContext, holdId: string): Promise<DeskHold> {
  const patronId = await findHoldOwner(ctx, holdId);
  return ctx.store.transaction(async (tx) => {
    const patron = await readPatron(tx, patronId);
    const hold = findOwnHold(patron, holdId);
    return markArrived(tx, ctx, patron, holdId, await readTitle(tx, hold.bibId));
  });
}

/** Queue entries ahead of `holdId`, with their holders' holds (for the first-come rule). */
async function queueAhead(tx: Tx, title: TitleRecord, holdId: string): Promise<QueuedHold[]> {
  const ahead: QueuedHold[] = [];
  for (const entry of title.queue) {
    if (entry.holdId === holdId) break;
    const patron = await tx.get<PatronRecord>(keys.patron(entry.patronId));
    const hold = patron?.holds.find((h) => h.id === entry.holdId);
    if (patron && hold) ahead.push({ patronId: patron.id, hold, entry, patronHolds: patron.holds });
  }
  return ahead;
}

/** Staff take a shelved copy (the given one, or any on the shelf) for a waiting hold. */
export async function setAside(
  ctx: AppContext,
  holdId: string,
  input: { barcode?: string | undefined; branch?: BranchCode | undefined },
): Promise<DeskHold> {
  const patronId = await findHoldOwner(ctx, holdId);
  const dates = passDates(ctx);
  return ctx.store.transaction(async (tx) => {
    const patron = await readPatron(tx, patronId);
    const hold = findOwnHold(patron, holdId);
    if (hold.status !== 'waiting') refuse('not_waiting');
    const title = await readTitle(tx, hold.bibId);
    const entry = title.queue.find((e) => e.holdId === holdId) ?? {};
    if (isPaused(entry, dates.today)) refuse('hold_paused');
    if (isHeldBackBySeries(hold, patron.holds)) refuse('series_order');
    if (!mayBeServed(hold, entry, patron.holds, dates.today)) refuse('not_waiting');
    if (nextHoldToServe(await queueAhead(tx, title, holdId), dates.today)) refuse('not_next_in_line');
    const shelved = title.copies.filter((c) => c.status === 'on_shelf');
    const copy = input.barcode
      ? shelved.find((c) => c.barcode === input.barcode)
      : (shelved.find((c) => c.branch === hold.pickupBranch) ?? shelved[0]);
    if (!copy) refuse('no_copy_available');
    const served = setCopyAside(tx, title, copy, patron, hold, input.branch ?? copy.branch, dates);
    tx.set(keys.title(title.bibId), title);
    return deskHold(ctx, served, title);
  });
}
