/** English: the phone header's menu, the due-date summary (one id per plural category: client/i18n/plural.ts) and the lists' fold buttons. */
import { str } from '@lit/localize';

export const templates = {
  'header.menu': 'Menu',
  'summary.next': str`Next due ${0} (${1}): ${2}`,
  'summary.overdue': str`Due ${0} (${1}): ${2}`,
  'summary.count.one': str`${0} item`,
  'summary.count.other': str`${0} items`,
  'summary.today': 'today',
  'summary.tomorrow': 'tomorrow',
  'summary.inDays': str`in ${0} days`,
  'summary.daysPast.one': str`${0} day overdue`,
  'summary.daysPast.other': str`${0} days overdue`,
  'fold.counts': 'Counts',
  'fold.sort': 'Sort',
};
