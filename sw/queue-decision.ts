/**
 * What to do with a queued renewal after one replay attempt ([docs/rules.md#offline](../docs/rules.md#offline)). Pure: the outcome of the
 * attempt in, the decision out. The queue (renewal-queue.ts) carries it out. Whether the library
 * was reached at all is reachability.ts's call, the same as for the snapshot and the queueing.
 */
import { reachability, type NetworkOutcome } from './reachability.ts';

export type ReplayDecision =
  /** Keep the entry; `until` says what must happen before it is worth sending again. */
  | { action: 'keep'; until: 'connection' | 'login' | 'retry' }
  /** Remove the entry: the server renewed the loan. */
  | { action: 'done'; ok: true; loan: unknown }
  /** Remove the entry: the server refused, for this reason (with its parameters, when it sent any). */
  | { action: 'done'; ok: false; code: string; message: string; params?: Record<string, unknown> };

/** 4xx answers that say "try again later" rather than "no": the request itself is fine. */
const TRANSIENT_CLIENT_ERRORS = new Set([408, 425, 429]);

export function decideReplay(outcome: NetworkOutcome): ReplayDecision {
  // No answer, too late, or a proxy speaking for a server that is down: nothing else is worth
  // sending now either.
  if (outcome.kind !== 'answer' || !reachability(outcome).reachable) return { action: 'keep', until: 'connection' };
  const { status, body } = outcome;
  if (status >= 200 && status < 300) {
    return { action: 'done', ok: true, loan: isRecord(body) && 'loan' in body ? body.loan : null };
  }
  if (status === 401) return { action: 'keep', until: 'login' };
  if (status >= 400 && status < 500 && !TRANSIENT_CLIENT_ERRORS.has(status)) {
    return { action: 'done', ok: false, ...errorOf(body, status) };
  }
  // The server's own 5xx, transient 4xx, anything unexpected (1xx/3xx): it could not decide; ask again later.
  return { action: 'keep', until: 'retry' };
}

/** The `{ error: { code, message, …parameters } }` of an API error body, with a fallback for anything else. */
function errorOf(body: unknown, status: number): { code: string; message: string; params?: Record<string, unknown> } {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string') {
    const { code, message, ...params } = error;
    const text = typeof message === 'string' ? message : '';
    return Object.keys(params).length > 0 ? { code, message: text, params } : { code, message: text };
  }
  return { code: `http_${status}`, message: '' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
