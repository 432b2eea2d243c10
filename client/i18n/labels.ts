/** Words for codes (branches, contact methods, statuses, errors) and date formats, per locale. */
import { msg, str } from '@lit/localize';
import type { BranchCode, CancelReason, Category, ContactMethod, HoldStatus, IsoDate } from '../../common/api.ts';
import { LIBRARY_TIME_ZONE } from '../../common/dates.ts';
import type { ApiFailure } from '../data/api.ts';
import { currentLocale, kidsErrorText } from './localize.ts';

export const BRANCH_CODES: BranchCode[] = ['central', 'higashi', 'nukuikita', 'midori', 'nishinodai'];
export const CONTACT_METHODS: ContactMethod[] = ['email', 'phone', 'none'];

export function branchName(code: BranchCode): string {
  switch (code) {
    case 'central': return msg('本館', { id: 'branch.central' });
    case 'higashi': return msg('東分館', { id: 'branch.higashi' });
    case 'nukuikita': return msg('貫井北分館', { id: 'branch.nukuikita' });
    case 'midori': return msg('緑分室', { id: 'branch.midori' });
    case 'nishinodai': return msg('西之台', { id: 'branch.nishinodai' });
    default: return code;
  }
}

export function contactName(method: ContactMethod): string {
  switch (method) {
    case 'email': return msg('メール', { id: 'contact.email' });
    case 'phone': return msg('電話', { id: 'contact.phone' });
    default: return msg('不要', { id: 'contact.none' });
  }
}

export function categoryName(category: Category): string {
  switch (category) {
    case 'general': return msg('一般', { id: 'category.general' });
    case 'children': return msg('児童', { id: 'category.children' });
    case 'ya': return msg('YA', { id: 'category.ya' });
    case 'magazine': return msg('雑誌', { id: 'category.magazine' });
    default: return msg('CD', { id: 'category.cd' });
  }
}

export function holdStatusName(status: HoldStatus): string {
  switch (status) {
    case 'ready': return msg('準備できました', { id: 'hold.status.ready' });
    case 'in_transit': return msg('予約回送中です', { id: 'hold.status.in_transit' });
    default: return msg('予約取消可能', { id: 'hold.status.waiting' });
  }
}

export function cancelReasonName(reason: CancelReason): string {
  if (reason === 'pickup_expired') return msg('取置期限経過', { id: 'cancelled.reason.pickup_expired' });
  if (reason === 'wait_expired') return msg('予約待ち期限経過', { id: 'cancelled.reason.wait_expired' });
  return '';
}

/** 2020-04-28 → 2020/04/28 (the seed's format, used in every language). */
export function formatDate(date: IsoDate | null): string {
  return date ? date.replaceAll('-', '/') : '';
}

/** 2020-05-11 → 5/11 */
export function formatMonthDay(date: IsoDate): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}/${Number(d)}`;
}

const instantFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: LIBRARY_TIME_ZONE,
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An instant as YYYY/MM/DD HH:mm in the library's time zone. */
export function formatInstant(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const parts = instantFormat.formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}/${get('month')}/${get('day')} ${get('hour')}:${get('minute')}`;
}

/** How long to wait, in words: whole minutes from 60 s on, seconds below. */
export function waitText(seconds: number): string {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return msg(str`${minutes}分`, { id: 'wait.minutes' });
  }
  return msg(str`${seconds}秒`, { id: 'wait.seconds' });
}

/** What to tell the patron about a failed call, in their language. */
export function errorText(failure: ApiFailure): string {
  if (failure.code === 'network') return msg('通信できませんでした。接続を確かめて、もう一度お試しください。', { id: 'error.network' });
  if (failure.code === 'too_many_attempts') {
    const wait = waitText(failure.retryAfterSeconds ?? 60);
    return msg(str`ログインの試行回数が多すぎます。${wait}後にもう一度お試しください。`, { id: 'error.too_many_attempts' });
  }
  if (currentLocale() === 'ja-kids') return kidsErrorText(failure.code) ?? failure.message;
  return failure.message || msg('エラーが発生しました。もう一度お試しください。', { id: 'error.unexpected' });
}
