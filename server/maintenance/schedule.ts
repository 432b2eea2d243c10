/**
 * Runs the maintenance pass at server start and then periodically. The timer is unref'd so it
 * never keeps the process alive; a failed pass is logged and the next one tries again.
 */
import type { AppContext } from '../context.ts';
import { runMaintenance } from './run-maintenance.ts';

export const MAINTENANCE_INTERVAL_MS = 60 * 60 * 1000;

/** Starts the schedule; returns a function that stops it. */
export function startMaintenance(ctx: AppContext, intervalMs = MAINTENANCE_INTERVAL_MS): () => void {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const counts = await runMaintenance(ctx);
      ctx.log.info('maintenance pass', counts);
    } catch (error) {
      ctx.log.error('maintenance pass failed', error);
    } finally {
      running = false;
    }
  };
  void pass();
  const timer = setInterval(() => void pass(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
