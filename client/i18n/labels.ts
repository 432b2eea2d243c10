/** Words for codes (branches, contact methods, statuses) and date formats, per locale. */
import { msg } from '@lit/localize';
import type { BranchCode, BranchNames, CancelReason, Category, ContactMethod, HoldStatus, IsoDate, LibraryPolicy, PolicyBranch } from '../../common/api.ts';
import { libraryDate, slashDate } from '../../common/dates.ts';
import { currentLocale } from './localize.ts';

export const CONTACT_METHODS: ContactMethod[] = ['email', 'phone', 'none'];

/** A branch's names in the page's language: English or kids' names when the library gave them, else its own. */
export function branchNames(branch: PolicyBranch): BranchNames {
  const locale = currentLocale();
  return (locale === 'en' ? branch.en : locale === 'ja-kids' ? branch.kids : undefined) ?? branch;
}

/** The short name of a branch (tables, choices); its code when the policy does not know it (yet). */
export function branchName(code: BranchCode, policy: LibraryPolicy | null | undefined): string {
  const branch = policy?.branches.find((b) => b.code === code);
  return branch ? branchNames(branch).shortName : code;
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
  return date ? slashDate(date) : '';
}

/** 2020-05-11 → 5/11 */
export function formatMonthDay(date: IsoDate): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}/${Number(d)}`;
}

/** Built on first use: the first Intl.DateTimeFormat starts ICU (tens of ms), off the start path. */
const instantFormats = new Map<string, Intl.DateTimeFormat>();

function instantFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = instantFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    instantFormats.set(key, format);
  }
  return format;
}

/**
 * Builds the date formatters a start needs (the first Intl.DateTimeFormat starts ICU: tens of ms),
 * so that it can happen while a request is on its way rather than when its answer is to be shown.
 */
export function prepareDateFormats(timeZone: string | undefined): void {
  instantFormat(timeZone);
  if (timeZone) libraryDate(new Date(0), timeZone);
}

/**
 * An instant as YYYY/MM/DD HH:mm in the library's time zone (the policy's); without the policy,
 * in the device's own zone.
 */
export function formatInstant(instant: string, timeZone: string | undefined): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const parts = instantFormat(timeZone).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}/${get('month')}/${get('day')} ${get('hour')}:${get('minute')}`;
}
