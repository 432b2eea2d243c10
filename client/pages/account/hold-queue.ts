/**
 * The holds panel's words for a hold's place in the queue ([docs/rules.md#holds](../../../docs/rules.md#holds)):
 * 「12人中3番目（所蔵2冊）・目安 約2〜4週間」 and 「一時停止中（5/10まで）」. The numbers come from
 * the server (`hold.queue`, server/rules/queue.ts); here they only become words.
 */
import { msg, str } from '@lit/localize';
import type { Hold } from '../../../common/api.ts';
import { formatMonthDay } from '../../i18n/labels.ts';

/** Days to whole weeks for the guide: the start rounded, the end rounded up (never a shorter promise). */
export function estimateWeeks(estimate: { fromDays: number; toDays: number }): { from: number; to: number } {
  const to = Math.max(1, Math.ceil(estimate.toDays / 7));
  return { from: Math.min(to, Math.round(estimate.fromDays / 7)), to };
}

/** 「12人中3番目（所蔵2冊）・目安 約2〜4週間」, or '' for a hold set aside. */
export function queueLine(hold: Hold): string {
  const q = hold.queue;
  if (!q || q.position === null) return '';
  const place = msg(str`${q.waiting}人中${q.position}番目（所蔵${q.copies}冊）`, { id: 'holds.queue.place' });
  if (!q.estimate) return place;
  const w = estimateWeeks(q.estimate);
  const wait =
    w.from === 0
      ? msg(str`目安 約${w.to}週間以内`, { id: 'holds.queue.within' })
      : w.from === w.to
        ? msg(str`目安 約${w.to}週間`, { id: 'holds.queue.about' })
        : msg(str`目安 約${w.from}〜${w.to}週間`, { id: 'holds.queue.range' });
  return `${place}・${wait}`;
}

/** 「一時停止中（5/10まで）」, or '' when the hold is not paused. */
export function pausedLine(hold: Hold): string {
  return hold.pausedUntil ? msg(str`一時停止中（${formatMonthDay(hold.pausedUntil)}まで）`, { id: 'holds.paused' }) : '';
}
