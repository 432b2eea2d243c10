/**
 * こども: what the library's notifications and お知らせ say, in simple words and hiragana (no
 * furigana marks: a notification shows plain text). The service worker uses it for devices whose
 * language is ja-kids; the お知らせ page for kids' mode. Same parameters as
 * common/wording/notifications-ja.ts.
 */
import type { IsoDate } from '../../../common/api.ts';
import type { NoticeWording } from '../../../common/wording/notification-wording.ts';

/** `2026-05-10` → `5がつ10にち`. */
const date = (d: IsoDate) => `${Number(d.slice(5, 7))}がつ${Number(d.slice(8, 10))}にち`;

function books(loans: { title: string }[]): string {
  const first = `「${loans[0]?.title ?? ''}」`;
  return loans.length > 1 ? `${first}と ほか${loans.length - 1}さつ` : first;
}

export const notificationsKids: NoticeWording = {
  due_soon: (p) => ({ title: `かえす ひが ちかいよ（${date(p.dueOn)}）`, body: `${books(p.loans)}は ${date(p.dueOn)}までに かえしてね（あと${p.days}にち）。` }),
  renewable_now: (p) => ({ title: 'かりる ひを のばせるよ', body: `${books(p.loans)}の かえす ひを のばせるよ（いまは ${date(p.dueOn)}まで）。` }),
  renewal_blocked: (p) => ({ title: 'のばせなくなったよ', body: `${books(p.loans)}は ほかの ひとが まっているので のばせないよ。${date(p.dueOn)}までに かえしてね。` }),
  hold_ready: (p) => ({
    title: 'よやくした ほんが じゅんびできたよ',
    body: p.pickupBy ? `「${p.title}」を ${p.branchName}で うけとれるよ。${date(p.pickupBy)}までに きてね。` : `「${p.title}」を ${p.branchName}で うけとれるよ。`,
  }),
  pickup_tomorrow: (p) => ({ title: 'うけとりは あしたまでだよ', body: `「${p.title}」は あした（${date(p.pickupBy)}）までに ${p.branchName}で うけとってね。` }),
  hold_expired: (p) => ({ title: 'よやくが なくなったよ', body: `「${p.title}」の よやくは ひにちが すぎたので なくなったよ。` }),
  overdue: (p) => ({ title: 'かえす ひが すぎているよ', body: `${books(p.loans)}は ${date(p.dueOn)}までだったよ。はやめに かえしてね。` }),
  auto_renewed: (p) => ({ title: 'かえす ひを のばしたよ', body: `${books(p.loans)}は ${date(p.dueOn)}まで かりられるよ。` }),
  auto_renewal_refused: (p) => ({ title: 'かえす ひを のばせなかったよ', body: `${books(p.loans)}は ${notificationsKids.renewBlock(p.reason)}のばせなかったよ。${date(p.dueOn)}までに かえしてね。` }),
  test: () => ({ title: 'ためしの おしらせ', body: 'としょかんからの おしらせは こんなふうに とどくよ。' }),
  renewBlock: (reason) =>
    ({
      outside_window: 'まだ のばせる ひでは ないので ',
      renewal_limit: 'もう いちど のばしたので ',
      has_holds: 'ほかの ひとが まっているので ',
      not_renewable_material: 'CDなので ',
      inter_library_loan: 'ほかの としょかんの ほんなので ',
      card_expired: 'カードの きげんが きれているので ',
    })[reason],
  digestTitle: (count) => `としょかんからの おしらせ（${count}こ）`,
  renewAction: 'のばす',
  renewed: (dueOn) => ({ title: 'のばしたよ', body: `${date(dueOn)}まで かりられるよ。` }),
  renewQueued: { title: 'のばすのを まっているよ', body: 'としょかんに つながったら おくるね。' },
  renewRefused: (message) => ({ title: 'のばせなかったよ', body: message }),
  someoneElse: { title: 'としょかんからの おしらせ', body: 'ログインして みてね。' },
};
