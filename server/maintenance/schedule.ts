/**
 * Runs the maintenance pass at server start and then periodically. The timer is unref'd so it
 * never keeps the process alive; a failed pass is logged and the next one tries again.
 */
import type { AppContext } from '../context.ts';
import { runMaintenance } from './run-maintenance.ts';

export const MAINTENANCE_INTERVAL_MS = 60 * 60 * 1000;

/** Starts the schedule; returns a function that stops it and waits for a pass in progress. */
export function startMaintenance(ctx: AppContext, intervalMs = MAINTENANCE_INTERVAL_MS): () => Promise<void> {
  let current: Promise<void> | null = null;
  const pass = () => {
    current ??= runMaintenance(ctx)
      .then((counts) => ctx.log.info('maintenance pass', counts))
      .catch((error: unknown) => ctx.log.error('maintenance pass failed', error))
      .finally(() => {
        current = null;
      });
  };
  pass();
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
