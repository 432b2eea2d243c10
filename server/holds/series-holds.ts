/**
 * シリーズ予約 operations ([docs/rules.md#holds](../../docs/rules.md#holds)): group, regroup, release — each in one store transaction.
 * Series numbers are per patron (1, 2, …), from the counter `seq:series:<patronId>`, never reused.
 */
import type { Hold } from '../../common/api.ts';
import { keys, type HoldRecord, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../storage/store.ts';
import { refuse } from '../domain/refusal-error.ts';
import {
  applySeriesGroup,
  applySeriesRelease,
  checkSeriesGroup,
  checkSeriesRelease,
  seriesMembers,
  type SeriesRefusal,
} from '../rules/series.ts';
import { readPatron } from './patron-holds.ts';
import { toHoldView } from './hold-view.ts';

export interface SeriesView {
  seriesNo: number;
  /** The series' holds in their order. */
  holds: Hold[];
}

function refuseIf(refusal: SeriesRefusal | null): void {
  if (refusal) refuse(refusal);
}

async function nextSeriesNo(tx: Tx, patron: PatronRecord): Promise<number> {
  const key = keys.seq('series', patron.id);
  const inUse = Math.max(0, ...patron.holds.map((h) => h.seriesNo ?? 0));
  const next = Math.max((await tx.get<number>(key)) ?? 0, inUse) + 1;
  tx.set(key, next);
  return next;
}

async function viewOf(ctx: AppContext, tx: Tx, holds: readonly HoldRecord[], seriesNo: number): Promise<SeriesView> {
  const members = seriesMembers(holds, seriesNo);
  const views = await Promise.all(
    members.map(async (h) => {
      const title = await tx.get<TitleRecord>(keys.title(h.bibId));
      return toHoldView(h, title ?? { title: '', materialType: 'book', category: 'general', queue: [], copies: [] }, { today: ctx.clock.today(), policy: ctx.policy });
    }),
  );
  return { seriesNo, holds: views };
}

export async function createSeries(ctx: AppContext, patronId: string, holdIds: readonly string[]): Promise<SeriesView> {
  return ctx.store.transaction(async (tx) => {
    const patron = await readPatron(tx, patronId);
    // Checked against a number no hold carries yet, so only the listed holds are involved.
    refuseIf(checkSeriesGroup(patron.holds, 0, holdIds));
    const seriesNo = await nextSeriesNo(tx, patron);
    patron.holds = applySeriesGroup(patron.holds, seriesNo, holdIds);
    tx.set(keys.patron(patronId), patron);
    return viewOf(ctx, tx, patron.holds, seriesNo);
  });
}

/** Reorders, adds to and removes from an existing series. */
export async function regroupSeries(ctx: AppContext, patronId: string, seriesNo: number, holdIds: readonly string[]): Promise<SeriesView> {
  return ctx.store.transaction(async (tx) => {
    const patron = await readPatron(tx, patronId);
    if (seriesMembers(patron.holds, seriesNo).length === 0) refuse('not_found');
    refuseIf(checkSeriesGroup(patron.holds, seriesNo, holdIds));
    patron.holds = applySeriesGroup(patron.holds, seriesNo, holdIds);
    tx.set(keys.patron(patronId), patron);
    return viewOf(ctx, tx, patron.holds, seriesNo);
  });
}

export async function releaseSeries(ctx: AppContext, patronId: string, seriesNo: number): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const patron = await readPatron(tx, patronId);
    refuseIf(checkSeriesRelease(patron.holds, seriesNo));
    patron.holds = applySeriesRelease(patron.holds, seriesNo);
    tx.set(keys.patron(patronId), patron);
  });
}
