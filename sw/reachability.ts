/**
 * "Can the library be reached?" ([docs/rules.md#offline](../docs/rules.md#offline), [docs/rules.md#behind-a-proxy](../docs/rules.md#behind-a-proxy)). Pure: what one request met in, the verdict out.
 * The account snapshot, the renewal queue and the replay all decide with this one function, so
 * "offline" means the same everywhere:
 *  - no answer (the request failed) or no answer in time;
 *  - an answer that is not the library's server speaking: 502 / 503 / 504, or a body that is not
 *    JSON (a proxy's HTML error page, a captive portal's login page).
 * A JSON error of the server itself (`{ error: { code } }`, 4xx or 5xx) is an answer: it stays what it is.
 */
import type { OfflineReason } from '../common/offline.ts';

/** What one request to the server met. */
export type NetworkOutcome =
  /** fetch() rejected: no route, connection refused or reset, DNS failure. */
  | { kind: 'no-answer'; deviceOnline: boolean }
  /** Nothing came back within the time allowed. */
  | { kind: 'timed-out' }
  /** An HTTP answer; `body` is the parsed JSON when `json` is true. */
  | { kind: 'answer'; status: number; json: boolean; body: unknown };

export type Reachability = { reachable: true } | { reachable: false; reason: OfflineReason };

/** Gateway answers: a proxy saying the server behind it is down, overloaded or too slow. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/** Statuses that carry no body at all, so "not JSON" says nothing about who answered. */
const BODYLESS_STATUSES = new Set([204, 205, 304]);

export function reachability(outcome: NetworkOutcome): Reachability {
  switch (outcome.kind) {
    case 'no-answer':
      return { reachable: false, reason: outcome.deviceOnline ? 'server-not-answering' : 'no-connection' };
    case 'timed-out':
      return { reachable: false, reason: 'server-not-answering' };
    case 'answer': {
      if (isServerError(outcome)) return { reachable: true };
      if (GATEWAY_STATUSES.has(outcome.status)) return { reachable: false, reason: 'server-not-answering' };
      if (!outcome.json && !BODYLESS_STATUSES.has(outcome.status)) return { reachable: false, reason: 'server-not-answering' };
      return { reachable: true };
    }
  }
}

/** True for a reachable 2xx answer: the server is evidently back (worth sending the queue). */
export function serverAnsweredOk(outcome: NetworkOutcome): boolean {
  return outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300 && reachability(outcome).reachable;
}

/** The server's own error body: `{ error: { code: string } }` as JSON. */
function isServerError(outcome: { json: boolean; body: unknown }): boolean {
  if (!outcome.json || typeof outcome.body !== 'object' || outcome.body === null) return false;
  const error = (outcome.body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** Whether a Content-Type names JSON (`application/json`, `application/problem+json`, with parameters). */
export function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}
