/** Notification wording in Japanese (the library's own notices). See notification-wording.ts. */
import type { IsoDate } from '../api.ts';
import type { NotificationWording } from './notification-wording.ts';

/** `2026-05-10` → `2026/05/10` (as the pages show dates). */
const date = (d: IsoDate) => d.replaceAll('-', '/');

/** 「夢の守り人」, or 「夢の守り人」ほか2冊 when there are more. */
function titles(loans: { title: string }[]): string {
  const first = `「${loans[0]?.title ?? ''}」`;
  return loans.length > 1 ? `${first}ほか${loans.length - 1}冊` : first;
}

export const notificationsJa: NotificationWording = {
  due_soon: (p) => ({
    title: `返却期限日が近づいています（${date(p.dueOn)}）`,
    body: `${titles(p.loans)}の返却期限日は${date(p.dueOn)}です（あと${p.days}日）。`,
  }),
  renewable_now: (p) => ({
    title: '延長できるようになりました',
    body: `${titles(p.loans)}を延長できます（返却期限日 ${date(p.dueOn)}）。`,
  }),
  renewal_blocked: (p) => ({
    title: '延長できなくなりました',
    body: `${titles(p.loans)}は他の方の予約が入ったため延長できません。返却期限日（${date(p.dueOn)}）までにご返却ください。`,
  }),
  hold_ready: (p) => ({
    title: '予約資料が準備できました',
    body: p.pickupBy
      ? `「${p.title}」を${p.branchName}でお受け取りいただけます。取置期限日は${date(p.pickupBy)}です。`
      : `「${p.title}」を${p.branchName}でお受け取りいただけます。`,
  }),
  pickup_tomorrow: (p) => ({
    title: '取置期限日は明日です',
    body: `「${p.title}」の取置期限日は明日（${date(p.pickupBy)}）です。${p.branchName}でお受け取りください。`,
  }),
  hold_expired: (p) => ({
    title: '予約が取り消されました',
    body:
      p.reason === 'wait_expired'
        ? `「${p.title}」の予約は予約待ち期限日を過ぎたため取り消されました。`
        : `「${p.title}」の予約は取置期限日を過ぎたため取り消されました。`,
  }),
  overdue: (p) => ({
    title: '返却期限日を過ぎています',
    body: `${titles(p.loans)}の返却期限日（${date(p.dueOn)}）を過ぎています。お早めにご返却ください。`,
  }),
  auto_renewed: (p) => ({
    title: '自動延長しました',
    body: `${titles(p.loans)}を延長しました。新しい返却期限日は${date(p.dueOn)}です。`,
  }),
  auto_renewal_refused: (p) => ({
    title: '自動延長できませんでした',
    body: `${titles(p.loans)}は${notificationsJa.renewBlock(p.reason)}延長できませんでした。返却期限日は${date(p.dueOn)}です。`,
  }),
  test: () => ({ title: 'テスト通知', body: '図書館からの通知はこのように届きます。' }),
  renewBlock: (reason) =>
    ({
      outside_window: '延長できる期間ではないため',
      renewal_limit: '延長済みのため',
      has_holds: '他の方の予約があるため',
      not_renewable_material: 'CDのため',
      inter_library_loan: '相互貸借の資料のため',
      card_expired: '利用券の有効期限が切れているため',
    })[reason],
  renewAction: '延長する',
  renewed: (dueOn) => ({ title: '延長しました', body: `新しい返却期限日は${date(dueOn)}です。` }),
  renewQueued: { title: '延長は送信待ちです', body: '図書館につながったら延長を送ります。' },
  renewRefused: (message) => ({ title: '延長できませんでした', body: message }),
  someoneElse: { title: '図書館からのお知らせ', body: 'ログインしてお知らせをご確認ください。' },
  digestTitle: (count) => `図書館からのお知らせ（${count}件）`,
  mailSubject: (titles, library) => `【${library}】${titles.length === 1 ? titles[0] : `図書館からのお知らせ（${titles.length}件）`}`,
  mailGreeting: (library) => `${library}です。`,
  mailIntro: '利用中の資料・予約について、次のお知らせがあります。',
  mailClosing: ['利用者ページの「お知らせ」でも確認できます。', '通知の設定は利用者ページの「通知設定」で変更できます。', '', '※このメールは送信専用です。ご返信いただいてもお答えできません。'],
  feed: {
    calendarName: (library) => `${library}（返却期限日・取置期限日）`,
    due: (what) => `返却期限日：${what}`,
    pickupBy: (what) => `取置期限日：${what}`,
    notNeededAfter: (what) => `予約待ち期限日：${what}`,
    hidden: (count) => `図書館の本 ${count}冊`,
    closed: (names) => `休館日：${names.join('・')}`,
    alarm: '図書館からのお知らせ',
  },
};
