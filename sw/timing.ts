/**
 * User Timing marks on the SW's start-up path (SW evaluated, database open, the snapshot read, the
 * offline answer begun, the account answered), so a cold start can be taken apart: test/bench/offline-start.ts reads them
 * from the SW's `performance`, and DevTools shows them. Each name keeps only its latest mark, so
 * a long-lived SW does not pile them up.
 */
export type TimingMark =
  | 'sw-evaluated'
  | 'db-open'
  | 'account-request'
  | 'snapshot-read-start'
  | 'snapshot-read-end'
  | 'session-fallback'
  | 'library-fallback'
  | 'account-fallback'
  | 'account-answered';

export function mark(name: TimingMark): void {
  const full = `shiori:${name}`;
  performance.clearMarks(full);
  performance.mark(full);
}
