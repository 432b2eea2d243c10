/** こども: 一時停止, the queue line and 各館案内's coming days (furigana marked ｜漢字《よみ》). */
import { str } from '@lit/localize';

export const templates = {
  'holds.queue.place': str`${0}にんの なかで ${1}ばんめ（ほんは ${2}さつ）`,
  'holds.queue.within': str`だいたい ${0}しゅうかん いないかな`,
  'holds.queue.about': str`だいたい ${0}しゅうかん くらいかな`,
  'holds.queue.range': str`だいたい ${0}〜${1}しゅうかん くらいかな`,
  'holds.queue.guide': 'まつ じかんは、ほんの かずや まえに まっている ひとの かずから かんがえた 「だいたい」だよ。もっと はやく なったり おそく なったり するよ。',
  'holds.paused': str`おやすみちゅう（${0}まで）`,
  'holds.pause': 'おやすみする',
  'holds.resume': 'また まつ',
  'holds.pausedDone': 'よやくを おやすみに したよ',
  'holds.resumed': 'よやくを また まつように したよ',
  'pause.dialog.title': 'よやくの おやすみ',
  'pause.dialog.note': 'じゅんばんは そのままだよ。この ひから また ほんを よういして もらえるよ。',
  'pause.dialog.until': 'また まつ ひ',
  'pause.dialog.invalid': 'あした より あとの ひを いれてね。',
  'pause.dialog.tooLate': str`${0}までの ひを いれてね。`,
  'pause.dialog.confirm': 'おやすみする',
  'pause.dialog.keep': 'やめる',
  'library.days.date': 'ひにち',
  'library.days.status': 'あいている じかん',
  'library.days.caption': str`${0}の ${1}にちかん`,
  'library.days.summary': str`これから ${0}にちかんの あいている ひ`,
};
