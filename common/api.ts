/**
 * The HTTP API contract ([docs/api.md](../docs/api.md)), shared by the server, the page and the service worker.
 * Types only: no DOM, no Node globals. Dates are `YYYY-MM-DD` in the library's time zone;
 * instants are ISO 8601 strings.
 */

export type IsoDate = string;
export type IsoInstant = string;

export type BranchCode = string;
export type ContactMethod = 'email' | 'phone' | 'none';
export type MaterialType = 'book' | 'magazine' | 'cd';
/** 区分 of a loan: 一般, 児童, YA, 雑誌, CD. */
export type Category = 'general' | 'children' | 'ya' | 'magazine' | 'cd';
export type HoldStatus = 'waiting' | 'in_transit' | 'ready';
export type CancelReason = null | 'pickup_expired' | 'wait_expired';

/**
 * Every error code of the API ([docs/api.md#errors](../docs/api.md#errors)). Each has its words in
 * common/wording/ (a test fails when one is missing) and, where it carries any, its parameters in
 * common/refusals.ts.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  /** An Idempotency-Key already answered for another loan (422). */
  | 'idempotency_key_reused'
  /** A request body that is not `Content-Type: application/json` (415). */
  | 'unsupported_media_type'
  | 'password_policy'
  | 'password_mismatch'
  | 'verification_failed'
  | 'already_issued'
  | 'wrong_password'
  | 'invalid_email'
  | 'email_mismatch'
  | 'email_in_use'
  | 'email_not_registered'
  | 'outside_window'
  | 'renewal_limit'
  | 'has_holds'
  | 'not_renewable_material'
  | 'inter_library_loan'
  | 'card_expired'
  | 'hold_limit'
  | 'cd_hold_limit'
  | 'already_held'
  | 'already_on_loan'
  | 'not_changeable'
  | 'not_cancellable'
  | 'not_waiting'
  | 'limit_reached'
  | 'clock_fixed'
  /** Staff API: a card number, barcode or bibId that is already registered. */
  | 'already_exists'
  /** Staff arrival: the hold is not in transit. */
  | 'not_in_transit'
  /** Staff set-aside: an earlier volume of the patron's シリーズ予約 comes first. */
  | 'series_order'
  /** Staff set-aside: an earlier hold in the title's queue may be served first. */
  | 'not_next_in_line'
  /** Staff set-aside: the hold is paused (一時停止) until a later day. */
  | 'hold_paused'
  /** Staff set-aside: no copy of the title on the shelf (or the given one is not). */
  | 'no_copy_available'
  /** POST /api/push/subscriptions: an endpoint that is not https (or loopback in tests), or bad keys. */
  | 'invalid_subscription'
  | 'internal'
  /** Not from the server: the service worker's 503 when it cannot answer offline ([docs/rules.md#offline](../docs/rules.md#offline)). */
  | 'offline';

export interface ApiError {
  error: { code: ErrorCode; message: string; retryAfterSeconds?: number };
}

/** Why a loan cannot be renewed now: one of the renew error codes. */
export type RenewBlock =
  | 'outside_window'
  | 'renewal_limit'
  | 'has_holds'
  | 'not_renewable_material'
  | 'inter_library_loan'
  | 'card_expired';

export interface PatronSummary {
  /** Opaque, stable per patron; keys the offline snapshot and queue on the device. */
  id: string;
  cardMasked: string;
  cardExpiresOn: IsoDate;
  cardExpired: boolean;
  email: string | null;
  defaults: { pickupBranch: BranchCode; contactMethod: ContactMethod };
}

export interface Loan {
  id: string;
  bibId: string;
  title: string;
  category: Category;
  barcode: string;
  branch: BranchCode;
  loanedOn: IsoDate;
  dueOn: IsoDate;
  renewals: number;
  renewable: boolean;
  renewBlockedBy: RenewBlock | null;
  /** The renewal window, so a client can explain and predict without the rules. */
  renewWindow: { from: IsoDate; to: IsoDate };
  overdue: boolean;
  interLibraryLoan: boolean;
}

export interface Hold {
  id: string;
  bibId: string;
  title: string;
  materialType: MaterialType;
  status: HoldStatus;
  /** Place in the title's queue (1 = next); null once set aside. */
  rank: number | null;
  seriesNo: number | null;
  /** Order within the series (1-based), null when not in a series. */
  seriesOrder: number | null;
  placedOn: IsoDate;
  notNeededAfter: IsoDate | null;
  pickupBy: IsoDate | null;
  pickupBranch: BranchCode;
  contactMethod: ContactMethod;
  cancellable: boolean;
  changeable: boolean;
  /**
   * 一時停止: the day the hold resumes by itself (it is skipped until then and keeps its place);
   * null when not paused (or the day has come). Only a waiting hold can be paused.
   */
  pausedUntil: IsoDate | null;
  queue: HoldQueue;
}

/** A hold's place in its title's queue and a guide to its wait ([docs/rules.md#holds](../docs/rules.md#holds)). */
export interface HoldQueue {
  /** Place among the title's waiting holds (1 = next; paused holds ahead keep theirs); null once set aside. */
  position: number | null;
  /** Holds waiting on the title, paused ones included. */
  waiting: number;
  /** How many of them are paused today. */
  paused: number;
  /** Copies of the title (所蔵). */
  copies: number;
  /**
   * Days until a copy is likely set aside for this hold, as a range (a guide: the formula is in
   * server/rules/queue.ts and the README); null for a hold in transit or ready, or a title with no copies.
   */
  estimate: { fromDays: number; toDays: number } | null;
}

/** PATCH /api/holds/:id — at least one field. `pausedUntil`: from today to `holds.maxPauseDays` ahead; null resumes. */
export interface ChangeHoldRequest {
  pickupBranch?: BranchCode;
  contactMethod?: ContactMethod;
  pausedUntil?: IsoDate | null;
}

export interface CancelledHold {
  id: string;
  bibId: string;
  title: string;
  placedOn: IsoDate;
  notNeededAfter: IsoDate | null;
  pickupBranch: BranchCode;
  reason: CancelReason;
  cancelledOn: IsoDate;
}

export interface CountLimit {
  count: number;
  limit: number;
}

export interface Counts {
  loans: { total: number; general: CountLimit; cd: CountLimit };
  holds: { total: number; general: CountLimit; cd: CountLimit };
}

/** The snapshot's patron: the summary, and the full card number for 利用者カード. */
export interface AccountPatron extends PatronSummary {
  /**
   * The whole card number, for the patron's own device only (the barcode on 利用者カード); null on a
   * kiosk. Absent from a snapshot kept offline from before it existed.
   */
  cardNumber?: string | null;
}

/** GET /api/account */
export interface AccountSnapshot {
  asOf: IsoInstant;
  today: IsoDate;
  patron: AccountPatron;
  loans: Loan[];
  holds: Hold[];
  cancelledHolds: CancelledHold[];
  counts: Counts;
  /** Number of entries on the want-to-read list (for the tab count). */
  wishlistCount: number;
}

export interface SessionInfo {
  patron: PatronSummary;
  kiosk: boolean;
  /** Idle timeout in seconds (the client may warn; the server decides). */
  idleTimeoutSeconds: number;
}

export interface WishlistCategory {
  id: string;
  name: string;
}

export interface WishlistEntry {
  id: string;
  bibId: string;
  title: string;
  author: string | null;
  materialType: MaterialType;
  /** null = 未分類 */
  categoryId: string | null;
  addedAt: IsoInstant;
}

export interface Wishlist {
  categories: WishlistCategory[];
  entries: WishlistEntry[];
}

export interface Branch {
  code: BranchCode;
  name: string;
  /** e.g. "10:00~17:00" for today, null when closed today. */
  hoursToday: string | null;
  openToday: boolean;
  /** Weekly hours, human readable, e.g. [{days: '火〜日', hours: '10:00~17:00'}]. */
  hours: { days: string; hours: string; /** e.g. 17:00以降は1階のみ */ note?: string }[];
  /** Why the branch is closed today although it usually opens that weekday (e.g. 年末年始休館). */
  closedFor?: string | null;
}

/** A branch's names in one language: `shortName` in tables and choices, `name` where there is room. */
export interface BranchNames {
  name: string;
  shortName: string;
}

/** A branch as the pages name it (GET /api/library `policy.branches`). */
export interface PolicyBranch extends BranchNames {
  code: BranchCode;
  /** Weekly hours, as in {@link Branch.hours}. */
  hours: Branch['hours'];
  /** English names; absent = the Japanese ones are shown. */
  en?: BranchNames;
  /** The kids' wording (hiragana); absent = the Japanese ones are shown. */
  kids?: BranchNames;
}

/**
 * What the pages and the service worker need of the library's policy (LIBRARY_CONFIG), published
 * by GET /api/library so that no page keeps a copy of it ([docs/rules.md](../docs/rules.md)). A
 * plain subset of the server's policy, built by one function (server/policy/published-policy.ts).
 */
/** The symbologies 利用者カード can draw the card number in (policy `card.barcode`; codabar = NW-7). */
export const CARD_BARCODES = ['codabar', 'code39', 'code128', 'qrcode'] as const;
export type CardBarcode = (typeof CARD_BARCODES)[number];
/** The library's default, and what a library answer kept from before `policy.card` existed means. */
export const DEFAULT_CARD_BARCODE: CardBarcode = 'codabar';

export interface LibraryPolicy {
  /** The library's time zone: every date the pages show or compute is a date there. */
  timeZone: string;
  /** In the library's order: the order of the numbered choices (1:本館 …). */
  branches: PolicyBranch[];
  /** Loan periods in days (books and others, CDs). */
  loanPeriodDays: { general: number; cd: number };
  renewal: { daysBeforeDue: number; daysAfterDue: number; maxRenewals: number; extensionDays: number };
  loanLimits: { total: number; cd: number };
  holdLimits: { total: number; cd: number };
  /** Days a ready hold waits at the pickup branch. */
  pickupPeriodDays: number;
  /** Calendar months a cancelled hold stays on the 予約取消 list. */
  cancelledHoldsShownMonths: number;
  /** Session idle timeouts in seconds. */
  idleTimeoutSeconds: { normal: number; kiosk: number };
  /** Reminders: the days before the due date a patron may choose (1 … max), and how long お知らせ are kept. */
  notifications: { defaultDaysBefore: number; maxDaysBefore: number; noticesKeptDays: number };
  /**
   * 一時停止: a waiting hold may be paused until at most this many days after today. The server
   * always sends it (as `card`); optional for an answer kept from before it existed (offline).
   */
  holds?: { maxPauseDays: number };
  /** 利用者カード: the symbology of the card's barcode (absent in an answer kept from before: codabar). */
  card?: { barcode: CardBarcode };
}

/** One day of a branch in 各館案内's coming days ([docs/rules.md](../docs/rules.md#opening-days)). */
export interface BranchDay {
  date: IsoDate;
  /** `10:00~17:00` on an open day; null = 休館. */
  hours: string | null;
  /** e.g. 17:00以降は1階のみ, on an open day with a note. */
  note?: string;
  /** Why a branch that usually opens that weekday is closed (e.g. 年末年始休館); null otherwise. */
  closedFor: string | null;
}

/** GET /api/library */
export interface LibraryInfo {
  /** Kiosk mode: the server runs with KIOSK=1, or the asking page is a /kiosk/ page. */
  kiosk: boolean;
  today: IsoDate;
  branches: Branch[];
  policy: LibraryPolicy;
  /**
   * Each branch's next OPEN_DAYS_SHOWN days from today (today first), by branch code. The server
   * always sends it; optional for an answer kept from before it existed (offline).
   */
  openDays?: Record<BranchCode, BranchDay[]>;
}

/** How many coming days GET /api/library lists per branch (`openDays`). */
export const OPEN_DAYS_SHOWN = 30;

export interface SearchResult {
  bibId: string;
  title: string;
  author: string | null;
  publisher: string | null;
  year: number | null;
  materialType: MaterialType;
  category: Category;
  /** Copies on the shelf now, and in all. */
  available: number;
  copies: number;
  /** Holds waiting on this title. */
  holds: number;
}

/** GET /api/catalog/search */
export interface SearchResponse {
  total: number;
  page: number;
  pageSize: number;
  results: SearchResult[];
}

export type CopyStatus = 'on_shelf' | 'on_loan' | 'in_transit' | 'on_hold_shelf';

/** GET /api/catalog/:bibId */
export interface TitleDetail extends SearchResult {
  copyList: { barcode: string; branch: BranchCode; status: CopyStatus; dueOn: IsoDate | null }[];
}

export interface PlaceHoldRequest {
  bibId: string;
  pickupBranch?: BranchCode;
  contactMethod?: ContactMethod;
  notNeededAfter?: IsoDate | null;
}

/** POST /api/wishlist/entries and /api/wishlist/from-loans → 201. */
export interface WishlistAddResult {
  /** Entries created, in request order. */
  added: WishlistEntry[];
  /** Titles left alone because they were already on the list (or repeated in the request). */
  alreadyListed: number;
}

/** POST /api/wishlist/entries */
export interface AddWishlistEntriesRequest {
  bibIds: string[];
  /** Omitted or null = 未分類. */
  categoryId?: string | null;
}

/** PUT /api/email (both "" deletes the address) → 200 EmailResponse. */
export interface EmailRequest {
  email: string;
  emailConfirm: string;
}
export interface EmailResponse {
  email: string | null;
}

/** PUT /api/password → 204. */
export interface PasswordChangeRequest {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

/** POST /api/password-issuance → 201. */
export interface PasswordIssuanceRequest {
  cardNumber: string;
  birthDate: IsoDate;
  newPassword: string;
  newPasswordConfirm: string;
}

/** PUT /api/preferences (受取館・連絡方法 初期設定) → 200 with the same shape. */
export interface Preferences {
  pickupBranch: BranchCode;
  contactMethod: ContactMethod;
}
