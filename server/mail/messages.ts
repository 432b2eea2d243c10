/**
 * The texts of the mails the patron pages send. Japanese, as the library's own notices: each has
 * the same greeting and the same closing (who to call, the no-reply note, the library's name).
 */
import type { CancelledHold } from '../../common/api.ts';
import type { MailMessage } from './mailer.ts';

/** The library's notice around its own lines. */
function libraryNotice(to: string, libraryName: string, subject: string, lines: string[]): MailMessage {
  return {
    to,
    subject: `【${libraryName}】${subject}`,
    text: [
      `${libraryName}です。`,
      '',
      ...lines,
      '',
      'お心当たりのない場合は、お手数ですが図書館までご連絡ください。',
      '',
      '※このメールは送信専用です。ご返信いただいてもお答えできません。',
      '',
      libraryName,
    ].join('\n'),
  };
}

/** Sent to the new address after it is registered or changed ([docs/rules.md#e-mail](../../docs/rules.md#e-mail): a new address gets a confirmation mail). */
export function emailRegisteredMessage(to: string, libraryName: string): MailMessage {
  return libraryNotice(to, libraryName, 'メールアドレス登録・変更のお知らせ', [
    '利用者ページで、このメールアドレスが登録されました。',
    '今後、予約資料のご用意ができた際などのお知らせは、このアドレスにお送りします。',
  ]);
}

/** 予約取消確認メール ([docs/rules.md#holds](../../docs/rules.md#holds): 予約取消確認メール 送信する). */
export function holdCancelledMessage(to: string, cancelled: CancelledHold, libraryName: string): MailMessage {
  return libraryNotice(to, libraryName, '予約取消のお知らせ', [
    '利用者ページで、次の予約が取り消されました。',
    '',
    `タイトル：${cancelled.title}`,
    `予約日：${cancelled.placedOn}`,
    `予約取消日：${cancelled.cancelledOn}`,
  ]);
}
