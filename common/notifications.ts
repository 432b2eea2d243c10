/**
 * Reminders and notices ([docs/rules.md#reminders](../docs/rules.md#reminders)): the events, the settings API, the お知らせ list and the Web Push
 * payload the server sends and the service worker reads. Shared by server, page and SW: types and
 * small constants only, no DOM and no Node globals.
 */
import type { BranchCode, Hold, IsoDate, IsoInstant, Loan, RenewBlock } from './api.ts';

/** Every event a patron can be told about, in the order the 通知設定 page lists them. */
export const NOTIFICATION_EVENTS = [
  'due_soon',
  'renewable_now',
  'renewal_blocked',
  'hold_ready',
  'pickup_tomorrow',
  'hold_expired',
  'overdue',
  'auto_renewed',
  'auto_renewal_refused',
] as const;

export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_CHANNELS = ['push', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The languages a notification is written in: the page's 日本語 / English, and 日本語 for kids. */
export type NotificationLanguage = 'ja' | 'en' | 'ja-kids';

export type EventChannels = Record<NotificationChannel, boolean>;

/** GET / PUT /api/notifications/settings → 200. */
export interface NotificationSettings {
  events: Record<NotificationEvent, EventChannels>;
  /** due_soon: this many days before the due date (1 … policy `notifications.maxDaysBefore`). */
  daysBefore: number;
  /** 自動延長: renew on the first day the rule allows. */
  autoRenew: boolean;
  /**
   * The calendar feed. Its secret URL is shown once, in the answer to POST /api/calendar-feed: the
   * store keeps only a hash of the token, so `url` is null here and `createdAt` says one exists.
   */
  calendar: { url: string | null; hideTitles: boolean; createdAt: IsoInstant | null };
  subscriptions: { id: string; deviceName: string | null; createdAt: IsoInstant }[];
}

/** PUT /api/notifications/settings: any subset. */
export interface NotificationSettingsUpdate {
  events?: Partial<Record<NotificationEvent, Partial<EventChannels>>>;
  daysBefore?: number;
  autoRenew?: boolean;
  calendar?: { hideTitles: boolean };
}

/** POST /api/push/subscriptions (a browser's PushSubscription.toJSON(), plus what the page knows). */
export interface PushSubscriptionRequest {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  deviceName?: string;
  /** The language this device shows notifications in (default: from Accept-Language). */
  lang?: NotificationLanguage;
}

/**
 * What each event says, as parameters (the words are in common/wording/notifications-*.ts and, for
 * kids, on the client). Titles are the patron's own loans' and holds'.
 */
export type NoticeParams =
  | { event: 'due_soon'; loans: { id: string; title: string }[]; dueOn: IsoDate; days: number }
  | { event: 'renewable_now'; loans: { id: string; title: string }[]; dueOn: IsoDate }
  | { event: 'renewal_blocked'; loans: { id: string; title: string }[]; dueOn: IsoDate }
  | { event: 'hold_ready'; holdId: string; title: string; pickupBy: IsoDate | null; branch: BranchCode; branchName: string }
  | { event: 'pickup_tomorrow'; holdId: string; title: string; pickupBy: IsoDate; branch: BranchCode; branchName: string }
  | { event: 'hold_expired'; holdId: string; title: string; reason: 'wait_expired' | 'pickup_expired'; cancelledOn: IsoDate }
  | { event: 'overdue'; loans: { id: string; title: string }[]; dueOn: IsoDate }
  | { event: 'auto_renewed'; loans: { id: string; title: string }[]; dueOn: IsoDate; previousDueOn: IsoDate }
  | { event: 'auto_renewal_refused'; loans: { id: string; title: string }[]; dueOn: IsoDate; reason: RenewBlock }
  | { event: 'test' };

export type NoticeEvent = NoticeParams['event'];

/** One entry of お知らせ (GET /api/notices). */
export interface Notice {
  id: string;
  event: NoticeEvent;
  sentAt: IsoInstant;
  title: string;
  body: string;
  /** The page it is about, e.g. `/account/loans#<loanId>`. */
  url: string;
  /** What the words were made from (kids' wording is rendered on the page from these). */
  params: NoticeParams;
}

/** GET /api/notices → 200. */
export interface NoticesResponse {
  notices: Notice[];
}

/** POST /api/calendar-feed → 201. */
export interface CalendarFeedCreated {
  url: string;
}

/** The Web Push payload (JSON, encrypted end to end): what the SW shows and keeps. */
export interface PushPayload {
  /** Payload format version. */
  v: 1;
  /** Whose it is: the SW shows nothing and keeps nothing for another patron's device state. */
  patronId: string;
  lang: NotificationLanguage;
  /** The notification: title and body already in `lang` (kids' wording: re-rendered by the SW). */
  title: string;
  body: string;
  /** Where a tap goes. */
  url: string;
  /** Replaces an earlier notification with the same tag on the device. */
  tag: string;
  /** The notices it carries (one, or a day's digest). */
  notices: { id: string; event: NoticeEvent; sentAt: IsoInstant; url: string; params: NoticeParams; title: string; body: string }[];
  /** A loan the 延長する action renews (a single due_soon / renewable_now notification), else null. */
  renewLoanId: string | null;
  /** The loans and holds the notices are about, as the snapshot shows them, for the offline copy. */
  loans: Loan[];
  holds: Hold[];
}

/** Notification action that renews `renewLoanId`. */
export const RENEW_ACTION = 'renew';
