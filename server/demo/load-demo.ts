/** Demo data for `npm start` on an empty store (filled in by the demo module). */
import type { AppContext } from '../context.ts';

export async function loadDemoIfEmpty(ctx: AppContext): Promise<void> {
  if ((await ctx.store.keys('patron:')).length > 0) return;
  ctx.log.info('shiori: empty store (demo data not loaded yet)');
}
