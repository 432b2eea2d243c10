/**
 * What is stored, and under which key. Each record is one unstorage value.
 *
 * Layout (why): a patron's whole account is one value, so a renewal — the hottest write — checks
 * and writes a single key. A title's circulation (its copies and its hold queue) is one value, so
 * "who is next in line" is read and changed in one place. Operations that touch a patron and a
 * title (placing a hold, a check-in) commit both in one store transaction (atomic: one engine commit).
 *
 *   patron:<patronId>   PatronRecord     profile, loans, holds, cancelled holds, want-to-read list
 *   card:<cardNumber>   string           patronId (index for login and staff)
 *   title:<bibId>       TitleRecord      bibliographic record + copies + hold queue
 *   barcode:<barcode>   string           bibId (index for check-out / check-in)
 *   hold:<holdId>       string           patronId (index for the staff desk's actions by hold id)
 *   session:<id>        SessionRecord    (auth/; expires by itself: TTL)
 *   sessions-of:<patronId>  string[]     ids of the patron's sessions (index: "end my other sessions")
 *   idem:<patronId>:<key>  IdempotentAnswer  first answer to a renew with that Idempotency-Key (TTL 30 days)
 *   throttle:<scope>:<id>  ThrottleRecord   login / issuance attempts (TTL: window + lock)
 *   seq:<name>          number           counters (series numbers, …)
 *   sys:format          number           layout version of the stored data (storage/upgrade-from-v1.ts)
 *
 * Indexes are written in the same transaction as what they point to, and a reader re-checks the
 * record itself (an index entry only says where to look).
 */
import type {
  BranchCode,
  CancelReason,
  Category,
  ContactMethod,
  CopyStatus,
  IsoDate,
  IsoInstant,
  MaterialType,
} from '../../common/api.ts';

export const keys = {
  patron: (patronId: string) => `patron:${patronId}`,
  card: (cardNumber: string) => `card:${cardNumber}`,
  title: (bibId: string) => `title:${bibId}`,
  barcode: (barcode: string) => `barcode:${barcode}`,
  session: (id: string) => `session:${id}`,
  idempotency: (patronId: string, key: string) => `idem:${patronId}:${key}`,
  throttle: (scope: string, id: string) => `throttle:${scope}:${id}`,
  seq: (name: string) => `seq:${name}`,
  holdOwner: (holdId: string) => `hold:${holdId}`,
  sessionsOf: (patronId: string) => `sessions-of:${patronId}`,
} as const;

export interface LoanRecord {
  id: string;
  bibId: string;
  barcode: string;
  branch: BranchCode;
  loanedOn: IsoDate;
  dueOn: IsoDate;
  renewals: number;
  interLibraryLoan: boolean;
}

export type HoldState = 'waiting' | 'in_transit' | 'ready';

export interface HoldRecord {
  id: string;
  bibId: string;
  /** Instant it was placed: the queue is first come, first served. */
  placedAt: IsoInstant;
  placedOn: IsoDate;
  status: HoldState;
  pickupBranch: BranchCode;
  contactMethod: ContactMethod;
  notNeededAfter: IsoDate | null;
  /** Set when ready: the last day to pick it up. */
  pickupBy: IsoDate | null;
  /** The copy set aside for it (in transit or ready). */
  barcode: string | null;
  seriesNo: number | null;
  seriesOrder: number | null;
}

export interface CancelledHoldRecord {
  id: string;
  bibId: string;
  placedOn: IsoDate;
  notNeededAfter: IsoDate | null;
  pickupBranch: BranchCode;
  reason: CancelReason;
  cancelledOn: IsoDate;
}

export interface WishlistRecord {
  categories: { id: string; name: string }[];
  entries: { id: string; bibId: string; categoryId: string | null; addedAt: IsoInstant }[];
}

export interface PatronRecord {
  id: string;
  cardNumber: string;
  birthDate: IsoDate;
  cardExpiresOn: IsoDate;
  name: string | null;
  /** scrypt hash (see auth/password-hash.ts); null until a password is issued. */
  passwordHash: string | null;
  email: string | null;
  defaults: { pickupBranch: BranchCode; contactMethod: ContactMethod };
  loans: LoanRecord[];
  holds: HoldRecord[];
  cancelledHolds: CancelledHoldRecord[];
  wishlist: WishlistRecord;
}

export interface CopyRecord {
  barcode: string;
  branch: BranchCode;
  status: CopyStatus;
  /** Who has it (on_loan) or whom it is set aside for (in_transit / on_hold_shelf). */
  patronId: string | null;
  loanId: string | null;
  holdId: string | null;
  dueOn: IsoDate | null;
}

export interface QueueEntry {
  holdId: string;
  patronId: string;
  placedAt: IsoInstant;
}

export interface TitleRecord {
  bibId: string;
  title: string;
  author: string | null;
  publisher: string | null;
  year: number | null;
  materialType: MaterialType;
  category: Category;
  copies: CopyRecord[];
  /** Waiting holds, first come first served. Holds set aside leave the queue. */
  queue: QueueEntry[];
}

export interface IdempotentAnswer {
  status: number;
  body: unknown;
  storedAt: IsoInstant;
  /** The loan the answer is about: the same key on another loan is refused (422). Absent before v2. */
  loanId?: string;
}
