/**
 * A library whose branches all open every day, for tests of date arithmetic that is not about
 * closed days (server tests and e2e servers alike): no due date or 取置期限日 moves ([docs/rules.md#opening-days](../../docs/rules.md#opening-days)).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KOGANEI_POLICY } from '../../server/policy/defaults.ts';

/** The default branches, each open all week at its usual hours. */
export function openEveryDayBranches() {
  return KOGANEI_POLICY.branches.map((b) => {
    const hours = b.weeklyHours.find((h) => h !== null)!;
    return { ...b, weeklyHours: Array.from({ length: 7 }, () => hours), hours: [{ days: '毎日', hours }] };
  });
}

/** Writes `given` (a LIBRARY_CONFIG's contents) with every-day-open branches into `dir`; returns its path. */
export function writeOpenEveryDayConfig(dir: string, given: Record<string, unknown> = {}): string {
  const path = join(dir, 'open-every-day.json');
  writeFileSync(path, JSON.stringify({ ...given, branches: openEveryDayBranches() }));
  return path;
}
