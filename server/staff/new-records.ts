/**
 * The records the desk creates, as pure functions: a new patron, a new title with its copies, and
 * what a checkout changes on the patron and the title. staff/register.ts applies them inside store
 * transactions; the benchmark's seeder (test/bench/seed-store.ts) builds its data with them too.
 */
import type { BranchCode, ContactMethod, IsoDate, MaterialType, Category } from '../../common/api.ts';
import type { LoanRecord, PatronRecord, TitleRecord } from '../domain/records.ts';
import { dequeue } from '../rules/holds.ts';
import { emptyWishlist } from '../rules/wishlist.ts';

export interface NewPatronFields {
  cardNumber: string;
  birthDate: IsoDate;
  cardExpiresOn: IsoDate;
  name?: string | null | undefined;
  email?: string | null | undefined;
  pickupBranch?: BranchCode | undefined;
  contactMethod?: ContactMethod | undefined;
}

export function newPatronRecord(fields: NewPatronFields, id: string, passwordHash: string | null, defaultBranch: BranchCode): PatronRecord {
  const email = fields.email ? fields.email : null;
  return {
    id,
    cardNumber: fields.cardNumber,
    birthDate: fields.birthDate,
    cardExpiresOn: fields.cardExpiresOn,
    name: fields.name ?? null,
    passwordHash,
    email,
    defaults: { pickupBranch: fields.pickupBranch ?? defaultBranch, contactMethod: fields.contactMethod ?? (email ? 'email' : 'phone') },
    loans: [],
    holds: [],
    cancelledHolds: [],
    wishlist: emptyWishlist(),
  };
}

export interface NewTitleFields {
  title: string;
  author?: string | null | undefined;
  publisher?: string | null | undefined;
  year?: number | null | undefined;
  materialType: MaterialType;
  category: Category;
  copies: { barcode: string; branch: BranchCode }[];
}

export function newTitleRecord(fields: NewTitleFields, bibId: string): TitleRecord {
  return {
    bibId,
    title: fields.title,
    author: fields.author ?? null,
    publisher: fields.publisher ?? null,
    year: fields.year ?? null,
    materialType: fields.materialType,
    category: fields.category,
    copies: fields.copies.map((c) => ({ barcode: c.barcode, branch: c.branch, status: 'on_shelf', patronId: null, loanId: null, holdId: null, dueOn: null })),
    queue: [],
  };
}

/** The patron and the title after `loan` of the copy `loan.barcode`, fulfilling `fulfilledHoldId` if any. */
export function lentRecords(patron: PatronRecord, title: TitleRecord, loan: LoanRecord, fulfilledHoldId: string | null): { patron: PatronRecord; title: TitleRecord } {
  return {
    patron: {
      ...patron,
      loans: [...patron.loans, loan],
      holds: fulfilledHoldId ? patron.holds.filter((h) => h.id !== fulfilledHoldId) : patron.holds,
    },
    title: {
      ...title,
      copies: title.copies.map((c) =>
        c.barcode === loan.barcode ? { ...c, status: 'on_loan', patronId: patron.id, loanId: loan.id, holdId: null, dueOn: loan.dueOn } : c,
      ),
      queue: fulfilledHoldId ? dequeue(title.queue, fulfilledHoldId) : title.queue,
    },
  };
}
