/**
 * When the daily pass runs ([docs/rules.md#reminders](../../docs/rules.md#reminders)). croner ticks in real time, once a minute; each tick asks the
 * library clock (the only "now") whether the day's digest is due — `notifications.digestHour` has
 * come in the library's zone and the day's pass is not done — so LIBRARY_NOW and POST
 * /api/staff/clock drive it in tests and demos. The day's pass is marked in the store
 * (`notify-pass:<date>`): several instances on one Redis run it once, and an instance that died
 * mid-pass is taken over after TAKEOVER_MS (the claims keep that from sending anything twice).
 * The job never overlaps itself (croner `protect`) and never keeps the process alive (`unref`).
 */
import { Cron } from 'croner';
import type { AppContext } from '../context.ts';
import { notificationKeys, type PassRecord } from '../domain/records.ts';
import { runNotificationPass, type PassCounts } from './daily-pass.ts';
import { digestDay } from './rules/digest-time.ts';

export const TICK_PATTERN = '0 * * * * *';
export const TAKEOVER_MS = 15 * 60 * 1000;
const PASS_MARK_TTL_SECONDS = 3 * 24 * 60 * 60;

export type TickOutcome = { ran: false; why: 'before_digest_hour' | 'done' | 'running' } | { ran: true; counts: PassCounts };

/** One tick: runs the day's pass if it is due and no instance has it. */
export async function notificationTick(ctx: AppContext): Promise<TickOutcome> {
  const now = ctx.clock.now();
  const { today, due } = digestDay(now, ctx.policy.timeZone, ctx.policy.notifications.digestHour);
  if (!due) return { ran: false, why: 'before_digest_hour' };
  const key = notificationKeys.pass(today);
  const by = ctx.notifications.instanceId;
  const taken = await ctx.store.transaction(async (tx) => {
    const mark = await tx.get<PassRecord>(key);
    if (mark?.state === 'done') return 'done' as const;
    if (mark?.state === 'running' && mark.by !== by && now.getTime() - Date.parse(mark.at) < TAKEOVER_MS) return 'running' as const;
    tx.set(key, { state: 'running', at: now.toISOString(), by } satisfies PassRecord, { ttlSeconds: PASS_MARK_TTL_SECONDS });
    return 'ours' as const;
  });
  if (taken !== 'ours') return { ran: false, why: taken };
  const counts = await runNotificationPass(ctx, today);
  await ctx.store.transaction(async (tx) => {
    tx.set(key, { state: 'done', at: ctx.clock.now().toISOString(), by } satisfies PassRecord, { ttlSeconds: PASS_MARK_TTL_SECONDS });
  });
  return { ran: true, counts };
}

/** Starts the ticks; returns a function that stops them and waits for a pass in progress. */
export function startNotificationSchedule(ctx: AppContext, pattern = TICK_PATTERN): () => Promise<void> {
  let current: Promise<unknown> = Promise.resolve();
  const job = new Cron(pattern, { protect: true, unref: true }, async () => {
    current = notificationTick(ctx)
      .then((outcome) => {
        if (outcome.ran) ctx.log.info('notification pass', outcome.counts);
      })
      .catch((error: unknown) => ctx.log.error('notification pass failed', error));
    await current;
  });
  return async () => {
    job.stop();
    await current;
  };
}
