/**
 * The texts of the mails the patron pages send. Japanese, as the library's own notices.
 */
import type { MailMessage } from './mailer.ts';

/** Sent to the new address after it is registered or changed (seed §5: 図書館からメールが届きます). */
export function emailRegisteredMessage(to: string, libraryName: string): MailMessage {
  return {
    to,
    subject: `【${libraryName}】メールアドレス登録・変更のお知らせ`,
    text: [
      `${libraryName}です。`,
      '',
      '利用者ページで、このメールアドレスが登録されました。',
      '今後、予約資料のご用意ができた際などのお知らせは、このアドレスにお送りします。',
      '',
      'お心当たりのない場合は、お手数ですが図書館までご連絡ください。',
      '',
      '※このメールは送信専用です。ご返信いただいてもお答えできません。',
      '',
      libraryName,
    ].join('\n'),
  };
}
