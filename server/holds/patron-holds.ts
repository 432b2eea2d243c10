/**
 * What a patron does with holds ([docs/rules.md#holds](../../docs/rules.md#holds)): place, cancel, change. Each runs in one store
 * transaction (the patron and the title commit together; racing requests see each other's
 * holds, so eleven racing holds against a limit of ten create exactly ten).
 * Another patron's hold is "not found", as if it did not exist.
 */
import type { BranchCode, CancelledHold, ContactMethod, Hold, IsoDate, MaterialType } from '../../common/api.ts';
import { keys, type HoldRecord, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../storage/store.ts';
import { refuse } from '../domain/refusal-error.ts';
import {
  checkContactMethod,
  checkPlaceHold,
  dequeue,
  enqueue,
  isCancellable,
  isChangeable,
  isValidNotNeededAfter,
  newHold,
  toCancelledHold,
} from '../rules/holds.ts';
import { isCardExpired } from '../rules/patron.ts';
import { checkPauseDate, withPause } from '../rules/pause.ts';
import { newId } from '../domain/ids.ts';
import { toCancelledHoldView, toHoldView } from './hold-view.ts';

export interface PlaceHoldInput {
  bibId: string;
  pickupBranch?: BranchCode | undefined;
  contactMethod?: ContactMethod | undefined;
  notNeededAfter?: IsoDate | null | undefined;
}

export interface ChangeHoldInput {
  pickupBranch?: BranchCode | undefined;
  contactMethod?: ContactMethod | undefined;
  /** 一時停止 until this day (it resumes then); null lifts the pause. */
  pausedUntil?: IsoDate | null | undefined;
}

export async function readPatron(tx: Tx, patronId: string): Promise<PatronRecord> {
  const patron = await tx.get<PatronRecord>(keys.patron(patronId));
  if (!patron) refuse('not_found');
  return patron;
}

export async function readTitle(tx: Tx, bibId: string): Promise<TitleRecord> {
  const title = await tx.get<TitleRecord>(keys.title(bibId));
  if (!title) refuse('not_found');
  return title;
}

export function findOwnHold(patron: PatronRecord, holdId: string): HoldRecord {
  const hold = patron.holds.find((h) => h.id === holdId);
  if (!hold) refuse('not_found');
  return hold;
}

async function materialTypesOf(tx: Tx, holds: readonly HoldRecord[]): Promise<{ bibId: string; materialType: MaterialType }[]> {
  const titles = await tx.getMany<TitleRecord>(holds.map((h) => keys.title(h.bibId)));
  return holds.map((h, i) => ({ bibId: h.bibId, materialType: titles[i]?.materialType ?? 'book' }));
}

export async function placeHold(ctx: AppContext, patronId: string, input: PlaceHoldInput): Promise<Hold> {
  const now = ctx.clock.now().toISOString();
  const today = ctx.clock.today();
  const notNeededAfter = input.notNeededAfter ?? null;
  if (notNeededAfter !== null && !isValidNotNeededAfter(notNeededAfter, today)) {
    refuse('invalid_input', { field: 'notNeededAfter', detail: 'before today' });
  }
  return ctx.store.transaction(async (tx) => {
    const patron = await readPatron(tx, patronId);
    const title = await readTitle(tx, input.bibId);
    const contactMethod = input.contactMethod ?? patron.defaults.contactMethod;
    const refusal = checkPlaceHold({
      cardExpired: isCardExpired(patron.cardExpiresOn, today),
      bibId: title.bibId,
      materialType: title.materialType,
      loanBibIds: patron.loans.map((l) => l.bibId),
      holds: await materialTypesOf(tx, patron.holds),
      limits: ctx.policy.holdLimits,
      contactMethod,
      email: patron.email,
    });
    if (refusal === 'hold_limit') refuse({ code: refusal, limit: ctx.policy.holdLimits.total });
    if (refusal === 'cd_hold_limit') refuse({ code: refusal, limit: ctx.policy.holdLimits.cd });
    if (refusal) refuse(refusal);
    const hold = newHold({
      id: newId('h'),
      bibId: title.bibId,
      now,
      today,
      pickupBranch: input.pickupBranch ?? patron.defaults.pickupBranch,
      contactMethod,
      notNeededAfter,
    });
    patron.holds.push(hold);
    title.queue = enqueue(title.queue, { holdId: hold.id, patronId, placedAt: hold.placedAt });
    tx.set(keys.patron(patronId), patron);
    tx.set(keys.title(title.bibId), title);
    tx.set(keys.holdOwner(hold.id), patronId);
    return toHoldView(hold, title, { today, policy: ctx.policy });
  });
}

export interface CancelOutcome {
  cancelledHold: CancelledHold;
  /** The patron's address, for the confirmation mail (null when none is registered). */
  email: string | null;
}

/** Cancels a waiting hold: it leaves the title's queue and goes to 予約取消 (reason blank). */
export async function cancelHold(ctx: AppContext, patronId: string, holdId: string): Promise<CancelOutcome> {
  const today = ctx.clock.today();
  return ctx.store.transaction(async (tx) => {
    const patron = await readPatron(tx, patronId);
    const hold = findOwnHold(patron, holdId);
    if (!isCancellable(hold)) refuse('not_cancellable');
    const cancelled = toCancelledHold(hold, null, today);
    patron.holds = patron.holds.filter((h) => h.id !== holdId);
    patron.cancelledHolds.push(cancelled);
    tx.set(keys.patron(patronId), patron);
    tx.remove(keys.holdOwner(holdId));
    const title = await tx.get<TitleRecord>(keys.title(hold.bibId));
    if (title) {
      title.queue = dequeue(title.queue, holdId);
      tx.set(keys.title(title.bibId), title);
    }
    return { cancelledHold: toCancelledHoldView(cancelled, title), email: patron.email };
  });
}

/**
 * Changes pickup branch, contact method and/or 一時停止 of a waiting hold, all or nothing. A pause
 * is written on the hold's entry in the title's queue, in the same transaction as the check that
 * the hold still waits, so a check-in racing it either set the copy aside first (then this is 409
 * not_changeable) or sees the pause and passes the hold over.
 */
export async function changeHold(ctx: AppContext, patronId: string, holdId: string, input: ChangeHoldInput): Promise<Hold> {
  const today = ctx.clock.today();
  if (input.pausedUntil != null) {
    const refusal = checkPauseDate(input.pausedUntil, today, ctx.policy.holds.maxPauseDays);
    if (refusal) refuse('invalid_input', { field: 'pausedUntil', detail: refusal === 'in_the_past' ? 'before today' : `more than ${ctx.policy.holds.maxPauseDays} days ahead` });
  }
  return ctx.store.transaction(async (tx) => {
    const patron = await readPatron(tx, patronId);
    const hold = findOwnHold(patron, holdId);
    if (!isChangeable(hold)) refuse('not_changeable');
    if (input.contactMethod !== undefined) {
      const refusal = checkContactMethod(input.contactMethod, patron.email);
      if (refusal) refuse(refusal);
    }
    const title = await readTitle(tx, hold.bibId);
    if (input.pausedUntil !== undefined) {
      const at = title.queue.findIndex((e) => e.holdId === holdId);
      // A waiting hold is always in its title's queue; one that is not cannot be paused.
      if (at === -1) refuse('not_changeable');
      title.queue = title.queue.map((e, i) => (i === at ? withPause(e, input.pausedUntil ?? null) : e));
      tx.set(keys.title(title.bibId), title);
    }
    if (input.pickupBranch !== undefined || input.contactMethod !== undefined) {
      const changed: HoldRecord = {
        ...hold,
        pickupBranch: input.pickupBranch ?? hold.pickupBranch,
        contactMethod: input.contactMethod ?? hold.contactMethod,
      };
      patron.holds = patron.holds.map((h) => (h.id === holdId ? changed : h));
      tx.set(keys.patron(patronId), patron);
    }
    const current = patron.holds.find((h) => h.id === holdId)!;
    return toHoldView(current, title, { today, policy: ctx.policy });
  });
}
