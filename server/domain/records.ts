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
 *   throttle:<scope>:<id>  ThrottleRecord   login / issuance attempts (TTL: window + lock or delay)
 *   known-device:<cardNumber>:<sha256 of the device token>  KnownDeviceRecord  a browser that logged in
 *                          to that card (auth/known-devices.ts; TTL: knownDeviceDays after its last login)
 *   seq:<name>[:<qualifier>]  number     counters (`seq:bib`, `seq:titles`, `seq:series:<patronId>`)
 *   sys:format          number           layout version of the stored data (storage/upgrade-from-v1.ts)
 *
 * Indexes are written in the same transaction as what they point to, and a reader re-checks the
 * record itself (an index entry only says where to look).
 *
 * Every part after the prefix is checked against KEY_PART (domain/key-shapes.ts): a part the
 * storage layer could read as a separator, a dot segment or a query throws KeyPartError instead
 * of becoming another key. The edge validates request values first, so this only catches bugs.
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
import { KEY_PART } from './key-shapes.ts';

/** A key part outside KEY_PART reached a key builder (a value the edge should have refused). */
export class KeyPartError extends Error {
  override name = 'KeyPartError';
}

/** `prefix:part:part…`, every part checked. */
function key(prefix: string, ...parts: string[]): string {
  for (const part of parts) {
    if (typeof part !== 'string' || !KEY_PART.test(part)) {
      throw new KeyPartError(`${prefix} key: part ${JSON.stringify(String(part).slice(0, 40))} is not of the key alphabet`);
    }
  }
  return [prefix, ...parts].join(':');
}

export const keys = {
  patron: (patronId: string) => key('patron', patronId),
  card: (cardNumber: string) => key('card', cardNumber),
  title: (bibId: string) => key('title', bibId),
  barcode: (barcode: string) => key('barcode', barcode),
  session: (id: string) => key('session', id),
  idempotency: (patronId: string, idempotencyKey: string) => key('idem', patronId, idempotencyKey),
  /** `id`: a card number, a patron id, or a client address as `addressKeyPart` gives it. */
  throttle: (scope: string, id: string) => key('throttle', scope, id),
  seq: (name: string, ...qualifiers: string[]) => key('seq', name, ...qualifiers),
  holdOwner: (holdId: string) => key('hold', holdId),
  sessionsOf: (patronId: string) => key('sessions-of', patronId),
  knownDevice: (cardNumber: string, tokenHash: string) => key('known-device', cardNumber, tokenHash),
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
  /**
   * Bumped by every password change and issuance (auth/session-store.ts): sessions created under
   * an older value are refused. Absent on records written before it existed = 0.
   */
  credentialGeneration?: number;
  email: string | null;
  defaults: { pickupBranch: BranchCode; contactMethod: ContactMethod };
  /**
   * Confirmation mails sent on a library day (rules/email.ts `confirmationMail`), counted in the
   * transaction that changes the address. Absent on records written before it existed = none.
   */
  emailConfirmations?: ConfirmationCount;
  loans: LoanRecord[];
  holds: HoldRecord[];
  cancelledHolds: CancelledHoldRecord[];
  wishlist: WishlistRecord;
}

export interface ConfirmationCount {
  on: IsoDate;
  sent: number;
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
  /**
   * 一時停止: the hold is skipped until this day, when it resumes by itself (rules/pause.ts).
   * Kept on the queue entry — only a waiting hold can be paused, and a waiting hold is exactly a
   * queue entry — so who is next, and how many are paused, are read from the title alone.
   * Absent or null: not paused.
   */
  pausedUntil?: IsoDate | null;
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
  /** The HTTP status, kept by earlier versions; no longer written or read: the body's code says it. */
  status?: number;
  body: unknown;
  storedAt: IsoInstant;
  /** The loan the answer is about: the same key on another loan is refused (422). Absent before v2. */
  loanId?: string;
}

/*
 * Reminders, Web Push, the calendar feed and お知らせ (server/notifications/):
 *
 *   notify:<patronId>            NotificationSettingsRecord  the patron's choices (absent = defaults)
 *   notify-audience:<shard>      string[]      patronIds with a settings record (index the daily pass walks)
 *   push-subs:<patronId>         PushSubscriptionRecord[]   the patron's devices
 *   push-endpoint:<sha256>       EndpointOwner  whose device an endpoint is (one patron per endpoint)
 *   feed:<sha256 of token>       FeedRecord     a live calendar feed (the token itself is never stored)
 *   notices:<patronId>           NoticeRecord[] お知らせ of the last days (expires when none is new)
 *   delivery:<patronId>:<event key…>:<channel>   Claim   an event delivered once per channel (TTL)
 *   digest:<patronId>:<date>:<channel>           Claim   the day's digest sent on that channel (TTL)
 *   notify-pass:<date>           PassRecord     the day's scheduled pass started / done
 *   notify-tests:<patronId>:<date>  number      test notifications sent that day (TTL)
 *   sys:vapid                    VapidKeys      generated once when VAPID_* are not set
 */
export const notificationKeys = {
  settings: (patronId: string) => key('notify', patronId),
  audience: (shard: string) => key('notify-audience', shard),
  pushSubscriptions: (patronId: string) => key('push-subs', patronId),
  pushEndpoint: (endpointHash: string) => key('push-endpoint', endpointHash),
  feed: (tokenHash: string) => key('feed', tokenHash),
  notices: (patronId: string) => key('notices', patronId),
  /** `eventKey`: the event's own parts, e.g. ['due_soon', loanId, dueOn]. */
  delivery: (patronId: string, eventKey: readonly string[], channel: string) => key('delivery', patronId, ...eventKey, channel),
  digest: (patronId: string, date: string, channel: string) => key('digest', patronId, date, channel),
  pass: (date: string) => key('notify-pass', date),
  tests: (patronId: string, date: string) => key('notify-tests', patronId, date),
  vapid: () => key('sys', 'vapid'),
} as const;

export interface NotificationSettingsRecord {
  events: Record<string, { push: boolean; email: boolean }>;
  daysBefore: number;
  autoRenew: boolean;
  /** The language of mails (from the Accept-Language of the last settings change). */
  mailLang: 'ja' | 'en';
  calendar: { hideTitles: boolean; tokenHash: string | null; createdAt: IsoInstant | null };
}

export interface PushSubscriptionRecord {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  deviceName: string | null;
  lang: 'ja' | 'en' | 'ja-kids';
  createdAt: IsoInstant;
}

export interface EndpointOwner {
  patronId: string;
  subscriptionId: string;
}

export interface FeedRecord {
  patronId: string;
  createdAt: IsoInstant;
}

export interface NoticeRecord {
  id: string;
  event: string;
  sentAt: IsoInstant;
  url: string;
  /** NoticeParams (common/notifications.ts). */
  params: unknown;
}

/** Who claimed a delivery, and when (for the log; the key's existence is the claim). */
export interface Claim {
  at: IsoInstant;
  by: string;
}

export interface PassRecord {
  state: 'running' | 'done';
  at: IsoInstant;
  by: string;
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}
