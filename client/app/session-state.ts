/** Who is logged in, as the page last learnt it (from login, GET /api/session, or a 401). */
import type { PatronSummary } from '../../common/api.ts';

export const SESSION_CHANGED_EVENT = 'shiori:session-changed';

let patron: PatronSummary | null = null;

export function currentPatron(): PatronSummary | null {
  return patron;
}

export function setCurrentPatron(value: PatronSummary | null): void {
  patron = value;
  window.dispatchEvent(new CustomEvent(SESSION_CHANGED_EVENT, { detail: value }));
}
