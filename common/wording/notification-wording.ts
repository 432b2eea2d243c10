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

export type NotificationWording = {
  [E in NoticeEvent]: (params: Extract<NoticeParams, { event: E }>) => NotificationText;
} & {
  /** Why an automatic renewal did not happen, as a phrase for the body. */
  renewBlock: (reason: RenewBlock) => string;
  /** A day's digest of several notices: its title and the line shown per notice. */
  digestTitle: (count: number) => string;
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
export function noticeText(wording: NotificationWording, params: NoticeParams): NotificationText {
  const render = wording[params.event] as (p: NoticeParams) => NotificationText;
  return render(params);
}
