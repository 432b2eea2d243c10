/**
 * The search index is a file of this server instance. When several instances share one store
 * (Redis), a title added through another instance must reach this index too: every title write
 * bumps the `seq:titles` counter (staff/register.ts) and each instance polls it, adding the titles
 * its index lacks (a scan of the title keys, only when the counter moved). With the embedded SQLite
 * store there is one instance, and nothing to poll.
 */
import type { AppContext } from '../context.ts';
import { keys, type TitleRecord } from '../domain/records.ts';
import type { CatalogIndex } from './catalog-index.ts';

const lastSeen = new WeakMap<CatalogIndex, number>();

/** Adds to the index the stored titles it lacks, if the title counter moved; returns how many. */
export async function syncCatalog(ctx: AppContext): Promise<number> {
  // Read the counter first: a title added during the scan moves it again, so the next poll scans again.
  const counter = (await ctx.store.get<number>(keys.seq('titles'))) ?? 0;
  if (lastSeen.get(ctx.catalog) === counter) return 0;
  let added = 0;
  for await (const page of ctx.store.scan('title:', { pageSize: 1000 })) {
    const missing = page.filter((key) => !ctx.catalog.has(key.slice('title:'.length)));
    for (const title of await ctx.store.getMany<TitleRecord>(missing)) {
      if (!title) continue;
      ctx.catalog.upsert(title);
      added += 1;
    }
  }
  lastSeen.set(ctx.catalog, counter);
  return added;
}

/** Polls every `everyMs` when the store is shared; returns a stop function. */
export function keepCatalogInStep(ctx: AppContext, everyMs = 10_000): () => void {
  if (!ctx.store.shared) return () => undefined;
  const timer = setInterval(() => {
    syncCatalog(ctx).catch((e: unknown) => ctx.log.warn(`catalogue sync failed: ${(e as Error).message}`));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
