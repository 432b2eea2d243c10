/**
 * The notification pass ([docs/rules.md#reminders](../../docs/rules.md#reminders)): every patron of the audience index (audience.ts) in bounded
 * batches — BATCH_SIZE patrons at a time, a turn of the event loop between batches so requests go
 * on — each claimed and sent as patron-notices.ts says. Sends are not awaited batch by batch: a
 * push service that hangs holds up only its own message (until its deadline), never the next
 * patrons. The pass may run twice, after a restart, or on two instances at once: the claims make
 * every event go out once per channel.
 */
import type { IsoDate } from '../../common/api.ts';
import type { AppContext } from '../context.ts';
import { audienceShards } from './audience.ts';
import { addCounts, noDeliveries, type DeliveryCounts } from './deliver.ts';
import { runPatronDigest } from './patron-notices.ts';

export const BATCH_SIZE = 25;

export interface PassCounts extends DeliveryCounts {
  patrons: number;
  autoRenewed: number;
  autoRenewalRefused: number;
}

export async function runNotificationPass(ctx: AppContext, today: IsoDate = ctx.clock.today()): Promise<PassCounts> {
  const total: PassCounts = { patrons: 0, ...noDeliveries(), autoRenewed: 0, autoRenewalRefused: 0 };
  const sending: Promise<void>[] = [];
  const failedPatron = (patronId: string) => (error: unknown) => {
    total.failed += 1;
    ctx.log.error(`notifications: patron ${patronId} failed in the pass`, error);
  };
  for await (const members of audienceShards(ctx.store)) {
    for (let i = 0; i < members.length; i += BATCH_SIZE) {
      const batch = members.slice(i, i + BATCH_SIZE);
      total.patrons += batch.length;
      // A batch's reads, renewals and claims are awaited; its sends go on while the next batch starts.
      await Promise.all(
        batch.map((patronId) =>
          runPatronDigest(ctx, patronId, today).then((o) => {
            total.autoRenewed += o.autoRenewed;
            total.autoRenewalRefused += o.autoRenewalRefused;
            sending.push(o.deliveries.then((c) => void Object.assign(total, addCounts(total, c)), failedPatron(patronId)));
          }, failedPatron(patronId)),
        ),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await Promise.all(sending);
  return total;
}
