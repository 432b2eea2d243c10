/**
 * 予約取消確認メール: sent after a cancellation is committed, when the patron asked for it and has
 * an address. The mailer never rejects (a mail problem is logged), so the cancel answer stands.
 */
import type { CancelledHold } from '../../common/api.ts';
import type { AppContext } from '../context.ts';
import type { MailMessage } from '../mail/mailer.ts';
import type { CancelOutcome } from './patron-holds.ts';

const LIBRARY_NAME = '小金井市立図書館';

export function holdCancelledMessage(to: string, cancelled: CancelledHold, libraryName = LIBRARY_NAME): MailMessage {
  return {
    to,
    subject: `【${libraryName}】予約取消のお知らせ`,
    text: [
      `${libraryName}です。`,
      '',
      '利用者ページで、次の予約が取り消されました。',
      '',
      `タイトル：${cancelled.title}`,
      `予約日：${cancelled.placedOn}`,
      `予約取消日：${cancelled.cancelledOn}`,
      '',
      'お心当たりのない場合は、お手数ですが図書館までご連絡ください。',
      '',
      '※このメールは送信専用です。ご返信いただいてもお答えできません。',
      '',
      libraryName,
    ].join('\n'),
  };
}

export async function sendCancelConfirmation(ctx: AppContext, outcome: CancelOutcome): Promise<void> {
  if (!outcome.email) return;
  await ctx.mailer.send(holdCancelledMessage(outcome.email, outcome.cancelledHold));
}
