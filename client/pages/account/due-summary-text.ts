/** The words of the due-date summary (due-summary.ts): Japanese here, English and kids' in client/locales/. */
import { msg, str } from '@lit/localize';
import type { IsoDate } from '../../../common/api.ts';
import { daysBetween } from '../../../common/dates.ts';
import { formatMonthDay } from '../../i18n/labels.ts';
import { pluralCategory } from '../../i18n/plural.ts';
import type { DueSummary } from './due-summary.ts';

/** 1冊 / 1 item, 2 items. */
function loanCount(n: number): string {
  return pluralCategory(n) === 'one' ? msg(str`${n}冊`, { id: 'summary.count.one' }) : msg(str`${n}冊`, { id: 'summary.count.other' });
}

/** 今日 / 明日 / あと3日 (from 2 days on: a plural in every language we have). */
function whenDue(days: number): string {
  if (days === 0) return msg('今日', { id: 'summary.today' });
  if (days === 1) return msg('明日', { id: 'summary.tomorrow' });
  return msg(str`あと${days}日`, { id: 'summary.inDays' });
}

/** 2日過ぎています / 1 day overdue. */
function howLate(days: number): string {
  return pluralCategory(days) === 'one'
    ? msg(str`${days}日過ぎています`, { id: 'summary.daysPast.one' })
    : msg(str`${days}日過ぎています`, { id: 'summary.daysPast.other' });
}

/** 「次の返却期限 4/30（あと3日）1冊」, 「返却期限 4/25（2日過ぎています）1冊」; '' without loans. */
export function dueSummaryText(summary: DueSummary): string {
  if (summary.kind === 'none') return '';
  const date = formatMonthDay(summary.dueOn);
  const count = loanCount(summary.count);
  if (summary.kind === 'overdue') {
    const late = howLate(summary.days);
    return msg(str`返却期限 ${date}（${late}）${count}`, { id: 'summary.overdue' });
  }
  const when = whenDue(summary.days);
  return msg(str`次の返却期限 ${date}（${when}）${count}`, { id: 'summary.next' });
}

/** A loan card's distance to its due date: 今日, 明日, あと3日, 2日過ぎています. */
export function daysLeftText(dueOn: IsoDate, today: IsoDate): string {
  const days = daysBetween(today, dueOn);
  return days < 0 ? howLate(-days) : whenDue(days);
}
