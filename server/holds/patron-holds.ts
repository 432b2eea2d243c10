/**
 * What a patron does with holds (SPEC §2.4): place, cancel, change. Each runs in one store
 * transaction (the patron and the title commit together; racing requests see each other's
 * holds, so eleven racing holds against a limit of ten create exactly ten).
 * Another patron's hold is "not found", as if it did not exist.
 */
import type { BranchCode, CancelledHold, ContactMethod, Hold, IsoDate, MaterialType } from '../../common/api.ts';
import { keys, type HoldRecord, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../storage/store.ts';
import { apiError } from '../http/errors.ts';
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
import { newId } from '../staff/register.ts';
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
}

export async function readPatron(tx: Tx, patronId: string): Promise<PatronRecord> {
  const patron = await tx.get<PatronRecord>(keys.patron(patronId));
  if (!patron) apiError(404, 'not_found');
  return patron;
}

export async function readTitle(tx: Tx, bibId: string): Promise<TitleRecord> {
  const title = await tx.get<TitleRecord>(keys.title(bibId));
  if (!title) apiError(404, 'not_found');
  return title;
}

export function findOwnHold(patron: PatronRecord, holdId: string): HoldRecord {
  const hold = patron.holds.find((h) => h.id === holdId);
  if (!hold) apiError(404, 'not_found');
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
    apiError(400, 'invalid_input', { fields: { field: 'notNeededAfter', detail: 'before today' } });
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
    if (refusal) apiError(409, refusal);
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
    return toHoldView(hold, title);
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
    if (!isCancellable(hold)) apiError(409, 'not_cancellable');
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

/** Changes pickup branch and/or contact method of a waiting hold. */
export async function changeHold(ctx: AppContext, patronId: string, holdId: string, input: ChangeHoldInput): Promise<Hold> {
  return ctx.store.transaction(async (tx) => {
    const patron = await readPatron(tx, patronId);
    const hold = findOwnHold(patron, holdId);
    if (!isChangeable(hold)) apiError(409, 'not_changeable');
    if (input.contactMethod !== undefined) {
      const refusal = checkContactMethod(input.contactMethod, patron.email);
      if (refusal) apiError(409, refusal);
    }
    const changed: HoldRecord = {
      ...hold,
      pickupBranch: input.pickupBranch ?? hold.pickupBranch,
      contactMethod: input.contactMethod ?? hold.contactMethod,
    };
    patron.holds = patron.holds.map((h) => (h.id === holdId ? changed : h));
    tx.set(keys.patron(patronId), patron);
    return toHoldView(changed, await readTitle(tx, hold.bibId));
  });
}
