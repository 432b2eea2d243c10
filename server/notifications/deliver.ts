/**
 * Sending what was claimed (claims.ts), after the claim committed: one push message per device of
 * the patron (in that device's language) and one mail (in the patron's mail language). Sends run in
 * parallel under the instance's bound (service.ts), each with its own deadline, so a push service
 * that hangs or fails delays nobody else's. A 404 / 410 deletes that subscription.
 */
import type { Hold, IsoDate, Loan } from '../../common/api.ts';
import type { AppContext } from '../context.ts';
import type { PatronRecord, PushSubscriptionRecord, TitleRecord } from '../domain/records.ts';
import { toHoldView } from '../holds/hold-view.ts';
import { toLoanView } from '../loans/loan-view.ts';
import { LIBRARY_NAME } from '../mail/app-mailer.ts';
import type { Claimed } from './claims.ts';
import { digestMail, pushPayload } from './compose.ts';
import { sendPush } from './push/send-push.ts';
import { unsubscribe } from './push/subscriptions.ts';
import { groupNotices, type NoticeDraft } from './rules/events.ts';

export interface Recipient {
  patron: PatronRecord;
  titles: ReadonlyMap<string, TitleRecord>;
  subscriptions: readonly PushSubscriptionRecord[];
  mailLang: 'ja' | 'en';
}

export interface DeliveryCounts {
  /** Push messages accepted by a push service, and mails handed to SMTP or the outbox. */
  sent: number;
  failed: number;
  /** Subscriptions deleted after a 404 / 410. */
  removed: number;
}

export const noDeliveries = (): DeliveryCounts => ({ sent: 0, failed: 0, removed: 0 });

export function addCounts(a: DeliveryCounts, b: DeliveryCounts): DeliveryCounts {
  return { sent: a.sent + b.sent, failed: a.failed + b.failed, removed: a.removed + b.removed };
}

export function branchNamer(ctx: AppContext): (code: string) => string {
  return (code) => ctx.policy.branches.find((b) => b.code === code)?.shortName ?? code;
}

/** The patron's loans and holds as the snapshot shows them (for the payload's offline update). */
function views(ctx: AppContext, r: Recipient, today: IsoDate): { loans: Map<string, Loan>; holds: Map<string, Hold> } {
  const loans = new Map<string, Loan>();
  const holds = new Map<string, Hold>();
  for (const loan of r.patron.loans) {
    const title = r.titles.get(loan.bibId);
    if (title) loans.set(loan.id, toLoanView(loan, title, r.patron, today, ctx.policy));
  }
  for (const hold of r.patron.holds) {
    const title = r.titles.get(hold.bibId);
    if (title) holds.set(hold.id, toHoldView(hold, title, { today, policy: ctx.policy }));
  }
  return { loans, holds };
}

/** Sends what the claims gave each channel (grouped into notices as お知らせ groups them). */
export function deliver(ctx: AppContext, r: Recipient, claimed: Claimed, today: IsoDate): Promise<DeliveryCounts> {
  const branchName = branchNamer(ctx);
  return sendDrafts(ctx, r, { push: groupNotices(claimed.push, today, ctx.policy, branchName), email: groupNotices(claimed.email, today, ctx.policy, branchName) }, today);
}

export async function sendDrafts(ctx: AppContext, r: Recipient, drafts: { push: readonly NoticeDraft[]; email: readonly NoticeDraft[] }, today: IsoDate): Promise<DeliveryCounts> {
  const counts = noDeliveries();
  const sentAt = ctx.clock.now().toISOString();
  const sends: Promise<void>[] = [];

  if (drafts.push.length > 0 && r.subscriptions.length > 0) {
    const { loans, holds } = views(ctx, r, today);
    const sender = await ctx.notifications.pushSender();
    for (const sub of r.subscriptions) {
      const payload = JSON.stringify(pushPayload({ patronId: r.patron.id, lang: sub.lang, drafts: drafts.push, sentAt, loans, holds }));
      sends.push(
        ctx.notifications
          .limit(() => sendPush(sender, sub, payload))
          .then(async (outcome) => {
            if (outcome.kind === 'sent') counts.sent += 1;
            else if (outcome.kind === 'gone') {
              counts.removed += 1;
              await unsubscribe(ctx, r.patron.id, sub.id);
              ctx.log.info(`push: subscription ${sub.id} of patron ${r.patron.id} is gone (${outcome.status}); deleted`);
            } else {
              counts.failed += 1;
              ctx.log.warn(`push: send to subscription ${sub.id} of patron ${r.patron.id} failed: ${outcome.error}`);
            }
          }),
      );
    }
  }

  if (drafts.email.length > 0 && r.patron.email) {
    sends.push(
      ctx.mailer.send(digestMail(r.patron.email, r.mailLang, LIBRARY_NAME, drafts.email)).then((receipt) => {
        if (receipt.delivered) counts.sent += 1;
        else counts.failed += 1;
      }),
    );
  }
  await Promise.all(sends);
  return counts;
}
