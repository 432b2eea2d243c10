/**
 * What the staff API records at the desk: new patrons, new titles with their copies, checkouts.
 * Staff actions are not refused for patron-side rules (limits, card expiry), only for what cannot
 * be true (an unknown card, a copy already on loan or set aside for someone else).
 */
import { newId } from '../domain/ids.ts';
import * as v from 'valibot';
import { branchCodeSchema } from '../http/request-shapes.ts';
import type { BranchCode, IsoDate } from '../../common/api.ts';
import { compareDates } from '../../common/dates.ts';
import { calendarOf } from '../library/calendar.ts';
import { loanDueOn } from '../rules/due-dates.ts';
import type { AppContext } from '../context.ts';
import { keys, type LoanRecord, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import { refuse } from '../domain/refusal-error.ts';
import { hashPassword } from '../auth/password-hash.ts';
import { meetsPasswordPolicy } from '../rules/password-policy.ts';
import { lentRecords, newPatronRecord, newTitleRecord } from './new-records.ts';
import { isValidEmail } from '../rules/email.ts';
import type { CheckoutBody, NewPatronBody, NewTitleBody } from './staff-schemas.ts';

function assertBranch(ctx: AppContext, code: string, field: string): void {
  if (!v.is(branchCodeSchema(ctx.policy), code)) refuse('invalid_input', { field, detail: 'unknown branch' });
}

export async function createPatron(ctx: AppContext, body: v.InferOutput<typeof NewPatronBody>): Promise<PatronRecord> {
  if (body.password !== undefined && !meetsPasswordPolicy(body.password)) refuse('password_policy');
  if (body.pickupBranch !== undefined) assertBranch(ctx, body.pickupBranch, 'pickupBranch');
  if (body.email && !isValidEmail(body.email)) refuse('invalid_email');
  // Hash before the transaction: scrypt is slow, and a transaction may run more than once.
  const passwordHash = body.password !== undefined ? await hashPassword(body.password) : null;
  return ctx.store.transaction(async (tx) => {
    if (await tx.get(keys.card(body.cardNumber))) refuse('already_exists', { field: 'cardNumber' });
    const patron = newPatronRecord(body, newId('p'), passwordHash, ctx.policy.branches[0]!.code);
    tx.set(keys.patron(patron.id), patron);
    tx.set(keys.card(patron.cardNumber), patron.id);
    return patron;
  });
}

export async function createTitle(ctx: AppContext, body: v.InferOutput<typeof NewTitleBody>): Promise<TitleRecord> {
  body.copies.forEach((c, i) => assertBranch(ctx, c.branch, `copies.${i}.branch`));
  const barcodes = body.copies.map((c) => c.barcode);
  if (new Set(barcodes).size !== barcodes.length) refuse('invalid_input', { field: 'copies', detail: 'duplicate barcode' });
  const title = await ctx.store.transaction(async (tx) => {
    let bibId = body.bibId;
    if (bibId === undefined) {
      const next = ((await tx.get<number>(keys.seq('bib'))) ?? 0) + 1;
      tx.set(keys.seq('bib'), next);
      bibId = `B${String(next).padStart(7, '0')}`;
    }
    if (await tx.get(keys.title(bibId))) refuse('already_exists', { field: 'bibId' });
    for (const b of barcodes) if (await tx.get(keys.barcode(b))) refuse('already_exists', { field: 'barcode', detail: b });
    const record = newTitleRecord(body, bibId);
    tx.set(keys.title(bibId), record);
    for (const b of barcodes) tx.set(keys.barcode(b), bibId);
    // Other server instances on a shared store poll this to bring their catalogue index in step.
    tx.set(keys.seq('titles'), ((await tx.get<number>(keys.seq('titles'))) ?? 0) + 1);
    return record;
  });
  ctx.catalog.upsert(title);
  return title;
}

/** The loan period after `loanedOn`, moved to a day the lending branch opens ([docs/rules.md#opening-days](../../docs/rules.md#opening-days)). */
export function defaultDueOn(ctx: AppContext, title: Pick<TitleRecord, 'materialType' | 'category'>, branch: BranchCode, loanedOn: IsoDate): IsoDate {
  const cd = title.materialType === 'cd' || title.category === 'cd';
  return loanDueOn(calendarOf(ctx.policy), branch, loanedOn, cd ? ctx.policy.cdLoanPeriodDays : ctx.policy.loanPeriodDays);
}

/**
 * Lends a copy. A copy set aside for this patron (ready or in transit) is the hold being picked
 * up; a shelf copy of a title the patron is waiting for also fulfils that hold.
 */
export async function checkout(ctx: AppContext, body: v.InferOutput<typeof CheckoutBody>): Promise<LoanRecord> {
  if (body.branch !== undefined) assertBranch(ctx, body.branch, 'branch');
  const today = ctx.clock.today();
  return ctx.store.transaction(async (tx) => {
    const patronId = await tx.get<string>(keys.card(body.cardNumber));
    const patron = patronId ? await tx.get<PatronRecord>(keys.patron(patronId)) : null;
    const bibId = await tx.get<string>(keys.barcode(body.barcode));
    const title = bibId ? await tx.get<TitleRecord>(keys.title(bibId)) : null;
    const copy = title?.copies.find((c) => c.barcode === body.barcode);
    if (!patron) refuse('not_found', { field: 'cardNumber' });
    if (!title || !copy) refuse('not_found', { field: 'barcode' });
    if (copy.status === 'on_loan') refuse('already_on_loan');
    if ((copy.status === 'in_transit' || copy.status === 'on_hold_shelf') && copy.patronId !== patron.id) refuse('already_held');

    const pickedUp = copy.holdId ? patron.holds.find((h) => h.id === copy.holdId) : undefined;
    const waiting = patron.holds.find((h) => h.bibId === title.bibId && h.status === 'waiting');
    const fulfilled = pickedUp ?? waiting;

    const loanedOn = body.loanedOn ?? today;
    const branch = body.branch ?? pickedUp?.pickupBranch ?? copy.branch;
    // An explicit dueOn records what the desk gave and is kept as given.
    const dueOn = body.dueOn ?? defaultDueOn(ctx, title, branch, loanedOn);
    if (compareDates(dueOn, loanedOn) < 0) refuse('invalid_input', { field: 'dueOn', detail: 'before loanedOn' });
    const loan: LoanRecord = {
      id: newId('l'),
      bibId: title.bibId,
      barcode: copy.barcode,
      branch,
      loanedOn,
      dueOn,
      renewals: 0,
      interLibraryLoan: body.interLibraryLoan ?? false,
    };
    const lent = lentRecords(patron, title, loan, fulfilled?.id ?? null);
    tx.set(keys.patron(patron.id), lent.patron);
    tx.set(keys.title(title.bibId), lent.title);
    if (fulfilled) tx.remove(keys.holdOwner(fulfilled.id));
    return loan;
  });
}
