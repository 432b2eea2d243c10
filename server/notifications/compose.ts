/**
 * What a delivery says: the Web Push payload (common/notifications.ts PushPayload) and the mail, from
 * the notice drafts claimed for that channel. Pure.
 *
 * One notice → its own title, body, page and (for a single loan due soon or renewable now, that
 * can be renewed) the 延長する action. Several (a day's digest) → one notification 「図書館からのお知らせ（3件）」 listing
 * them, tapping it opens お知らせ (/notices) unless they are all about one page. A push service
 * accepts about 4 KB: the loans and holds for the offline snapshot go along only when they fit.
 */
import type { Hold, IsoInstant, Loan } from '../../common/api.ts';
import type { NotificationLanguage, PushPayload } from '../../common/notifications.ts';
import { noticeText } from '../../common/wording/notification-wording.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { noticeId } from './claims.ts';
import type { NoticeDraft } from './rules/events.ts';
import { wordingFor } from './wording.ts';

/** Largest payload text sent (RFC 8291 leaves 3,993 bytes in a 4,096-byte record; keep a margin). */
export const MAX_PAYLOAD_BYTES = 3800;

export const NOTICES_PAGE = '/notices';

export interface PayloadInput {
  patronId: string;
  lang: NotificationLanguage;
  drafts: readonly NoticeDraft[];
  sentAt: IsoInstant;
  loans: ReadonlyMap<string, Loan>;
  holds: ReadonlyMap<string, Hold>;
}

export function pushPayload(input: PayloadInput): PushPayload {
  const wording = wordingFor(input.lang);
  const notices = input.drafts.map((d) => ({ id: noticeId(d), event: d.params.event, sentAt: input.sentAt, url: d.url, params: d.params, ...noticeText(wording, d.params) }));
  const single = notices.length === 1 ? notices[0]! : null;
  const urls = new Set(notices.map((n) => n.url));
  const only = input.drafts.length === 1 ? input.drafts[0]! : null;
  // 延長する only where it can work now: one loan, due soon or newly renewable, that the rule allows.
  const renewable =
    only && (only.params.event === 'due_soon' || only.params.event === 'renewable_now') && only.loanIds.length === 1 && input.loans.get(only.loanIds[0]!)?.renewable === true;
  const payload: PushPayload = {
    v: 1,
    patronId: input.patronId,
    lang: input.lang,
    title: single ? single.title : wording.digestTitle(notices.length),
    body: single ? single.body : notices.map((n) => `・${n.title}`).join('\n'),
    url: urls.size === 1 ? [...urls][0]! : NOTICES_PAGE,
    tag: single ? single.id : `digest-${input.sentAt.slice(0, 10)}`,
    notices,
    renewLoanId: renewable ? only.loanIds[0]! : null,
    loans: input.drafts.flatMap((d) => d.loanIds).flatMap((id) => (input.loans.has(id) ? [input.loans.get(id)!] : [])),
    holds: input.drafts.flatMap((d) => d.holdIds).flatMap((id) => (input.holds.has(id) ? [input.holds.get(id)!] : [])),
  };
  return fitPayload(payload);
}

const size = (p: PushPayload) => Buffer.byteLength(JSON.stringify(p));

/** Drops what the SW can do without (snapshot rows, then the notices' details) until it fits. */
function fitPayload(payload: PushPayload): PushPayload {
  if (size(payload) <= MAX_PAYLOAD_BYTES) return payload;
  const lean = { ...payload, loans: [], holds: [] };
  if (size(lean) <= MAX_PAYLOAD_BYTES) return lean;
  const leaner = { ...lean, notices: [], body: lean.body.slice(0, 400) };
  return leaner;
}

export function digestMail(to: string, lang: 'ja' | 'en', libraryName: string, drafts: readonly NoticeDraft[]): MailMessage {
  const wording = wordingFor(lang);
  const texts = drafts.map((d) => noticeText(wording, d.params));
  return {
    to,
    subject: wording.mailSubject(
      texts.map((t) => t.title),
      libraryName,
    ),
    text: [
      wording.mailGreeting(libraryName),
      '',
      wording.mailIntro,
      '',
      ...texts.flatMap((t) => [`■ ${t.title}`, t.body, '']),
      ...wording.mailClosing,
      '',
      libraryName,
    ].join('\n'),
  };
}
