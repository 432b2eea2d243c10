/**
 * 一時停止 of a waiting hold ([docs/rules.md#holds](../../docs/rules.md#holds)). A paused hold keeps its place in the title's queue, is
 * skipped when a copy is set aside, and resumes by itself on `pausedUntil`: the rule reads the
 * date against today, so no job has to lift the pause. `pausedUntil` is the day the hold takes
 * copies again (a pause "until 5/10" is over on 5/10).
 * Pure: dates in, decision out.
 */
import type { IsoDate } from '../../common/api.ts';
import { addDays } from '../../common/dates.ts';

export interface Pausable {
  /** Absent or null: never paused. */
  pausedUntil?: IsoDate | null | undefined;
}

export function isPaused(p: Pausable, today: IsoDate): boolean {
  return p.pausedUntil != null && today < p.pausedUntil;
}

/** The pause still in force today, or null (a pause whose day has come is over). */
export function pauseInForce(p: Pausable, today: IsoDate): IsoDate | null {
  return isPaused(p, today) ? (p.pausedUntil ?? null) : null;
}

/**
 * Why `pausedUntil` may not be set, or null when it may: not in the past, and at most
 * `maxPauseDays` ahead. (Today itself is allowed and means "not paused".)
 */
export function checkPauseDate(pausedUntil: IsoDate, today: IsoDate, maxPauseDays: number): 'in_the_past' | 'too_far' | null {
  if (pausedUntil < today) return 'in_the_past';
  if (pausedUntil > addDays(today, maxPauseDays)) return 'too_far';
  return null;
}

/** The queue entry with its pause set (null lifts it; stored without the field then). */
export function withPause<E extends Pausable>(entry: E, pausedUntil: IsoDate | null): E {
  const { pausedUntil: _old, ...rest } = entry;
  return (pausedUntil === null ? rest : { ...rest, pausedUntil }) as E;
}
