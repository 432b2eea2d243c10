/**
 * What the service worker does with a Web Push message ([docs/rules.md#reminders](../docs/rules.md#reminders)), as pure decisions: whether and
 * what to show, and how the payload updates the offline copies. sw/notifications.ts wires them.
 *
 * - On a kiosk nothing is shown or kept.
 * - A push for the patron last seen logged in on this device is shown in the device's language
 *   (ja-kids: worded again from the notices' parameters), with 延長する when the payload names a loan
 *   to renew, and its loans, holds and notices go into the offline snapshot and お知らせ.
 * - A push for anyone else (the browser changed hands) shows nothing personal — a notice to log in.
 */
import type { Hold, Loan } from '../common/api.ts';
import { RENEW_ACTION, type Notice, type NotificationLanguage, type PushPayload } from '../common/notifications.ts';
import { noticeText, type NoticeWording } from '../common/wording/notification-wording.ts';
import type { StoredSnapshot } from './offline-answers.ts';
import { reachability, type NetworkOutcome } from './reachability.ts';

const LANGUAGES: ReadonlySet<string> = new Set<NotificationLanguage>(['ja', 'en', 'ja-kids']);

/** A same-origin page path (`/account/loans#l1`), never another site or a protocol-relative URL. */
export function isAppPath(url: unknown): url is string {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') && !url.includes('\\');
}

/** The payload if it is one this SW understands, else null. */
export function readPushPayload(data: unknown): PushPayload | null {
  if (typeof data !== 'object' || data === null) return null;
  const p = data as Partial<PushPayload>;
  if (p.v !== 1 || typeof p.patronId !== 'string' || !LANGUAGES.has(p.lang as string)) return null;
  if (typeof p.title !== 'string' || typeof p.body !== 'string' || !isAppPath(p.url) || typeof p.tag !== 'string') return null;
  if (!Array.isArray(p.notices) || !Array.isArray(p.loans) || !Array.isArray(p.holds)) return null;
  if (p.renewLoanId !== null && typeof p.renewLoanId !== 'string') return null;
  return p as PushPayload;
}

/** What a tap needs, kept on the notification (`Notification.data`). */
export interface ClickData {
  url: string;
  patronId: string | null;
  lang: NotificationLanguage;
  renewLoanId: string | null;
  /** The notice it shows (its id keys the renewal's Idempotency-Key: a second tap renews nothing more). */
  noticeId: string | null;
}

export interface Shown {
  title: string;
  options: { body: string; tag: string; lang: string; data: ClickData; actions: { action: string; title: string }[] };
  /** The payload is this device's patron's: keep its rows and notices. */
  keep: boolean;
}

export interface DeviceState {
  kiosk: boolean;
  lastPatronId: string | null;
}

export function displayFor(payload: PushPayload, device: DeviceState, wordings: Record<NotificationLanguage, NoticeWording>): Shown | null {
  if (device.kiosk) return null;
  const wording = wordings[payload.lang];
  const htmlLang = payload.lang === 'en' ? 'en' : 'ja';
  if (payload.patronId !== device.lastPatronId) return nothingPersonal(payload.lang, wordings);
  const text = payload.lang === 'ja-kids' && payload.notices.length > 0 ? kidsText(payload, wording) : { title: payload.title, body: payload.body };
  const single = payload.notices.length === 1 ? payload.notices[0]! : null;
  return {
    title: text.title,
    options: {
      body: text.body,
      tag: payload.tag,
      lang: htmlLang,
      data: { url: payload.url, patronId: payload.patronId, lang: payload.lang, renewLoanId: payload.renewLoanId, noticeId: single?.id ?? null },
      actions: payload.renewLoanId ? [{ action: RENEW_ACTION, title: wording.renewAction }] : [],
    },
    keep: true,
  };
}

/**
 * What a push shows when it cannot be read through: a payload this SW does not understand, or a
 * device whose state could not be read (IndexedDB failed or did not answer in time). A patron's
 * reminder must never vanish without a word, so it still ends in a notification — with nothing
 * personal in it (「図書館からのお知らせ」: log in to read it). Only a device known to be a kiosk shows nothing.
 */
export function displayForPush(
  payload: PushPayload | null,
  device: DeviceState | null,
  wordings: Record<NotificationLanguage, NoticeWording>,
): Shown | null {
  if (device?.kiosk) return null;
  if (!payload) return nothingPersonal('ja', wordings);
  if (!device) return nothingPersonal(payload.lang, wordings);
  return displayFor(payload, device, wordings);
}

/** The notice to log in and read it: no name, title or date of anyone's. */
function nothingPersonal(lang: NotificationLanguage, wordings: Record<NotificationLanguage, NoticeWording>): Shown {
  const generic = wordings[lang].someoneElse;
  return {
    title: generic.title,
    options: { body: generic.body, tag: 'someone-else', lang: lang === 'en' ? 'en' : 'ja', data: { url: '/notices', patronId: null, lang, renewLoanId: null, noticeId: null }, actions: [] },
    keep: false,
  };
}

function kidsText(payload: PushPayload, wording: NoticeWording): { title: string; body: string } {
  const texts = payload.notices.map((n) => noticeText(wording, n.params));
  if (texts.length === 1) return texts[0]!;
  return { title: wording.digestTitle(texts.length), body: texts.map((t) => `・${t.title}`).join('\n') };
}

/** The stored snapshot with the payload's loans and holds in place of the same ids. */
export function withPushedRows(stored: StoredSnapshot, payload: Pick<PushPayload, 'loans' | 'holds'>): StoredSnapshot {
  const loans = new Map<string, Loan>(payload.loans.map((l) => [l.id, l]));
  const holds = new Map<string, Hold>(payload.holds.map((h) => [h.id, h]));
  if (loans.size + holds.size === 0) return stored;
  const s = stored.snapshot;
  return {
    ...stored,
    snapshot: { ...s, loans: s.loans.map((l) => loans.get(l.id) ?? l), holds: s.holds.map((h) => holds.get(h.id) ?? h) },
  };
}

/** Most お知らせ kept on the device. */
export const MAX_STORED_NOTICES = 100;

/** The device's お知らせ with new ones merged in: one per id, newest first. */
export function mergeNotices(stored: readonly Notice[], incoming: readonly Notice[]): Notice[] {
  const byId = new Map<string, Notice>();
  for (const n of [...incoming, ...stored]) if (!byId.has(n.id)) byId.set(n.id, n);
  return [...byId.values()].sort((a, b) => (a.sentAt < b.sentAt ? 1 : a.sentAt > b.sentAt ? -1 : 0)).slice(0, MAX_STORED_NOTICES);
}

/** What the 延長する action's answer means: the one reachability rule (sw/reachability.ts) decides "not reached". */
export type RenewActionOutcome = { kind: 'renewed'; loan: Loan } | { kind: 'queue' } | { kind: 'refused'; code: string; message: string };

export function renewActionOutcome(outcome: NetworkOutcome): RenewActionOutcome {
  if (outcome.kind !== 'answer' || !reachability(outcome).reachable) return { kind: 'queue' };
  // No session (the browser was closed since): kept until the patron logs in again, as offline renewals are.
  if (outcome.status === 401) return { kind: 'queue' };
  const body = outcome.body as { loan?: Loan; error?: { code?: string; message?: string } } | null;
  if (outcome.status === 200 && body?.loan && typeof body.loan.id === 'string') return { kind: 'renewed', loan: body.loan };
  return { kind: 'refused', code: body?.error?.code ?? 'unexpected', message: body?.error?.message ?? '' };
}
