/** こども: the phone header's menu, the due-date summary and the lists' fold buttons (Japanese has one plural form). */
import { str } from '@lit/localize';

export const templates = {
  'header.menu': 'メニュー',
  'summary.next': str`つぎに かえす ひ ${0}（${1}）${2}`,
  'summary.overdue': str`かえす ひ ${0}（${1}）${2}`,
  'summary.count.one': str`${0}さつ`,
  'summary.count.other': str`${0}さつ`,
  'summary.today': 'きょう',
  'summary.tomorrow': 'あした',
  'summary.inDays': str`あと ${0}にち`,
  'summary.daysPast.one': str`${0}にち すぎているよ`,
  'summary.daysPast.other': str`${0}にち すぎているよ`,
  'fold.counts': 'かず',
  'fold.sort': 'ならべかえ',
};
