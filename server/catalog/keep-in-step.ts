/**
 * The search index is a file of this server instance. When several instances share one store
 * (Redis), a title added through another instance must reach this index too: every title write
 * bumps the `seq:titles` counter (staff/register.ts) and each instance polls it, adding the titles
 * its index lacks (a scan of the title keys, only when the counter moved since the last walk or since
 * the start found the index in step). With the embedded SQLite
 * store there is one instance, and nothing to poll.
 *
 * One walk at a time, and none beside a first start's background build: on a large catalogue a
 * walk takes longer than the poll's interval, and walks started beside each other (or beside the
 * build, which adds the same titles) each redid the whole catalogue — a million-title first start
 * never finished.
 */
import type { AppContext } from '../context.ts';
import { keys, type TitleRecord } from '../domain/records.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { indexBuilt, titleCounterInStep } from './open-catalog-index.ts';

const lastSeen = new WeakMap<CatalogIndex, number>();
/** The walk in progress (or the last one), per index: the next call runs after it. */
const latest = new WeakMap<CatalogIndex, Promise<unknown>>();

/**
 * Adds to the index the stored titles it lacks, if the title counter moved; returns how many.
 * Runs after any walk already under way and after the index's background build.
 */
export function syncCatalog(ctx: AppContext): Promise<number> {
  const run = (latest.get(ctx.catalog) ?? Promise.resolve()).catch(() => undefined).then(() => addMissingTitles(ctx));
  latest.set(ctx.catalog, run);
  return run;
}

async function addMissingTitles(ctx: AppContext): Promise<number> {
  await indexBuilt(ctx.catalog);
  // Read the counter first: a title added during the scan moves it again, so the next poll scans again.
  const counter = (await ctx.store.get<number>(keys.seq('titles'))) ?? 0;
  // Since the last walk — or, before any, since the start found the index in step (or built it).
  if ((lastSeen.get(ctx.catalog) ?? titleCounterInStep(ctx.catalog)) === counter) return 0;
  let added = 0;
  for await (const page of ctx.store.scan('title:', { pageSize: 1000 })) {
    const missing = page.filter((key) => !ctx.catalog.has(key.slice('title:'.length)));
    if (missing.length === 0) continue;
    const titles = (await ctx.store.getMany<TitleRecord>(missing)).filter((t): t is TitleRecord => t !== null);
    ctx.catalog.upsertMany(titles);
    added += titles.length;
  }
  lastSeen.set(ctx.catalog, counter);
  return added;
}

/** Polls every `everyMs` when the store is shared (a tick while a walk runs is skipped); returns a stop function. */
export function keepCatalogInStep(ctx: AppContext, everyMs = 10_000): () => void {
  if (!ctx.store.shared) return () => undefined;
  let walking = false;
  const timer = setInterval(() => {
    if (walking) return;
    walking = true;
    syncCatalog(ctx)
      .catch((e: unknown) => ctx.log.warn(`catalogue sync failed: ${(e as Error).message}`))
      .finally(() => (walking = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
