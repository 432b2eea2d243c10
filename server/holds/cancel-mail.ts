/**
 * 予約取消確認メール: sent after a cancellation is committed, when the patron asked for it and has
 * an address. The mailer never rejects (a mail problem is logged), so the cancel answer stands.
 */
import type { AppContext } from '../context.ts';
import { LIBRARY_NAME } from '../mail/app-mailer.ts';
import { holdCancelledMessage } from '../mail/messages.ts';
import type { CancelOutcome } from './patron-holds.ts';

export async function sendCancelConfirmation(ctx: AppContext, outcome: CancelOutcome): Promise<void> {
  if (!outcome.email) return;
  await ctx.mailer.send(holdCancelledMessage(outcome.email, outcome.cancelledHold, LIBRARY_NAME));
}
