/**
 * シリーズ予約 (series holds, [docs/rules.md#holds](../../docs/rules.md#holds)): two or more waiting holds of one patron grouped under a
 * series number and an order. A later hold in a series is not set aside before the earlier ones
 * have been picked up or cancelled — both of which remove them from the patron's holds, so "an
 * earlier member still among the holds" is exactly "not yet picked up or cancelled".
 * Pure: the patron's holds in, decision or new holds out.
 */
import type { HoldRecord } from '../domain/records.ts';

type SeriesFields = Pick<HoldRecord, 'id' | 'status' | 'seriesNo' | 'seriesOrder'>;

/** True when an earlier hold of the same series has not been picked up or cancelled yet. */
export function isHeldBackBySeries(hold: SeriesFields, patronHolds: readonly SeriesFields[]): boolean {
  if (hold.seriesNo === null || hold.seriesOrder === null) return false;
  const order = hold.seriesOrder;
  return patronHolds.some(
    (h) =>
      h.id !== hold.id &&
      h.seriesNo === hold.seriesNo &&
      h.seriesOrder !== null &&
      h.seriesOrder < order,
  );
}

export function seriesMembers<T extends SeriesFields>(holds: readonly T[], seriesNo: number): T[] {
  return holds
    .filter((h) => h.seriesNo === seriesNo)
    .sort((a, b) => (a.seriesOrder ?? 0) - (b.seriesOrder ?? 0));
}

export type SeriesRefusal =
  /** Fewer than two holds, or the same hold twice, or a hold already in another series. */
  | 'invalid_input'
  /** A hold id that is not one of this patron's holds. */
  | 'not_found'
  /** A hold involved (listed, or leaving the series) is in transit or ready. */
  | 'not_waiting';

/**
 * Checks grouping `holdIds` (in order) as series `seriesNo` — a new series when `seriesNo` has no
 * members yet, a regroup (reorder, add, remove) otherwise. Every hold involved must be waiting:
 * the listed ones and those the regroup takes out of the series.
 */
export function checkSeriesGroup(
  patronHolds: readonly SeriesFields[],
  seriesNo: number,
  holdIds: readonly string[],
): SeriesRefusal | null {
  if (holdIds.length < 2 || new Set(holdIds).size !== holdIds.length) return 'invalid_input';
  const listed: SeriesFields[] = [];
  for (const id of holdIds) {
    const hold = patronHolds.find((h) => h.id === id);
    if (!hold) return 'not_found';
    listed.push(hold);
  }
  const involved = [...listed, ...seriesMembers(patronHolds, seriesNo)];
  if (involved.some((h) => h.status !== 'waiting')) return 'not_waiting';
  return listed.some((h) => h.seriesNo !== null && h.seriesNo !== seriesNo) ? 'invalid_input' : null;
}

/** Releasing a series changes every member, so every member must be waiting. */
export function checkSeriesRelease(
  patronHolds: readonly SeriesFields[],
  seriesNo: number,
): 'not_found' | 'not_waiting' | null {
  const members = seriesMembers(patronHolds, seriesNo);
  if (members.length === 0) return 'not_found';
  return members.every((h) => h.status === 'waiting') ? null : 'not_waiting';
}

/** The holds with `holdIds` forming series `seriesNo` in that order; former members released. */
export function applySeriesGroup<T extends SeriesFields>(
  patronHolds: readonly T[],
  seriesNo: number,
  holdIds: readonly string[],
): T[] {
  return patronHolds.map((h) => {
    const at = holdIds.indexOf(h.id);
    if (at !== -1) return { ...h, seriesNo, seriesOrder: at + 1 };
    if (h.seriesNo === seriesNo) return { ...h, seriesNo: null, seriesOrder: null };
    return h;
  });
}

export function applySeriesRelease<T extends SeriesFields>(patronHolds: readonly T[], seriesNo: number): T[] {
  return patronHolds.map((h) =>
    h.seriesNo === seriesNo ? { ...h, seriesNo: null, seriesOrder: null } : h,
  );
}
