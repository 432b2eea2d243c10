/**
 * hold_ready at once ([docs/rules.md#reminders](../../docs/rules.md#reminders)): after a desk action committed a hold ready (check-in at its pickup
 * branch, arrival, a shelved copy set aside there, or the maintenance pass passing an uncollected
 * copy on), the patron is told in the background — the desk's answer never waits for a push
 * service. The claim makes it once, whichever path (or the next digest) gets there first.
 */
import type { AppContext } from '../context.ts';
import { keys } from '../domain/records.ts';
import type { DeskHold } from '../holds/desk-holds.ts';
import { notifyHoldReady } from './patron-notices.ts';

/** Announces `hold` of `patronId` if it is ready (a hold in transit is told when it arrives). */
export function announceHoldReady(ctx: AppContext, patronId: string, holdId: string): void {
  ctx.notifications.track(
    notifyHoldReady(ctx, patronId, holdId).catch((error: unknown) => ctx.log.error(`notifications: hold_ready of hold ${holdId} failed`, error)),
  );
}

/** The same from a desk answer, which names the patron by card. */
export function announceReadyHold(ctx: AppContext, served: DeskHold): void {
  if (served.hold.status !== 'ready') return;
  ctx.notifications.track(
    ctx.store.get<string>(keys.card(served.cardNumber)).then((patronId) => {
      if (patronId) announceHoldReady(ctx, patronId, served.hold.id);
    }),
  );
}
