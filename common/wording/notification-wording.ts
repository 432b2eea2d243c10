/**
 * The shape every language's notification wording has: one function per event, from the event's
 * parameters to a title and a body. The Japanese and English catalogues are beside this file (the
 * server writes mails, push texts and お知らせ with them); the kids' Japanese is on the client
 * (client/locales/ja-kids/notifications.ts) and the service worker uses it for `ja-kids` devices.
 */
import type { RenewBlock } from '../api.ts';
import type { NoticeEvent, NoticeParams } from '../notifications.ts';

export interface NotificationText {
  title: string;
  body: string;
}

/** What a device shows (push notifications, お知らせ): every language has it, kids' Japanese too. */
export type NoticeWording = {
  [E in NoticeEvent]: (params: Extract<NoticeParams, { event: E }>) => NotificationText;
} & {
  /** Why an automatic renewal did not happen, as a phrase for the body. */
  renewBlock: (reason: RenewBlock) => string;
  /** A day's digest of several notices: its title (the body lists the notices' titles). */
  digestTitle: (count: number) => string;
  /** The notification's 延長する action, and what the device shows after it. */
  renewAction: string;
  renewed: (dueOn: string) => NotificationText;
  renewQueued: NotificationText;
  renewRefused: (message: string) => NotificationText;
  /** A push for a patron who is not the one logged in on this device: nothing personal shown. */
  someoneElse: NotificationText;
};

/** The server's languages also write mails and the calendar feed. */
export type NotificationWording = NoticeWording & {
  /** The mail around the notices' texts: its subject (from the notices' titles) and first lines. */
  mailSubject: (titles: readonly string[], libraryName: string) => string;
  mailGreeting: (libraryName: string) => string;
  mailIntro: string;
  /** Lines after the notices (where to read them again, how to change them, no-reply). */
  mailClosing: string[];
  /** The calendar feed's names (hidden titles: 「図書館の本 2冊」 instead of the titles). */
  feed: {
    calendarName: (libraryName: string) => string;
    due: (what: string) => string;
    pickupBy: (what: string) => string;
    notNeededAfter: (what: string) => string;
    hidden: (count: number) => string;
    closed: (branchNames: readonly string[]) => string;
    alarm: string;
  };
};

/** The text of one notice in `wording`. */
export function noticeText(wording: NoticeWording, params: NoticeParams): NotificationText {
  const render = wording[params.event] as (p: NoticeParams) => NotificationText;
  return render(params);
}
