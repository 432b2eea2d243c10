/** English: 一時停止 (pausing a hold), the queue line ([docs/rules.md#holds](../../../docs/rules.md#holds)) and 各館案内's coming days (§14). */
import { str } from '@lit/localize';

export const templates = {
  'holds.queue.place': str`No. ${1} of ${0} waiting (copies: ${2})`,
  'holds.queue.within': str`a guide: within about ${0} weeks`,
  'holds.queue.about': str`a guide: about ${0} weeks`,
  'holds.queue.range': str`a guide: about ${0}–${1} weeks`,
  'holds.queue.guide': 'The wait is a rough guide worked out from the copies, the loan period, renewals and the holds waiting ahead (paused ones not counted). It is not a promise.',
  'holds.paused': str`Paused (until ${0})`,
  'holds.pause': 'Pause',
  'holds.resume': 'Resume',
  'holds.pausedDone': 'The hold is paused',
  'holds.resumed': 'The hold is active again',
  'pause.dialog.title': 'Pause hold',
  'pause.dialog.note': 'The hold keeps its place in the queue; from this day on, a copy can be set aside for it again.',
  'pause.dialog.until': 'Resume on',
  'pause.dialog.invalid': 'Please enter a date after today.',
  'pause.dialog.tooLate': str`Please enter a date up to ${0}.`,
  'pause.dialog.confirm': 'Pause',
  'pause.dialog.keep': 'Do not pause',
  'library.days.date': 'Date',
  'library.days.status': 'Opening',
  'library.days.caption': str`${0}: the next ${1} days`,
  'library.days.summary': str`Open days in the next ${0} days`,
};
