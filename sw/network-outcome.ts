/**
 * Turning what fetch() gave into a NetworkOutcome for sw/reachability.ts: an answer with its body
 * read (JSON or not), or the kind of failure. The only reading of responses the SW does.
 */
/// <reference lib="webworker" />
import type { OfflineReason } from '../common/offline.ts';
import { isJsonContentType, type NetworkOutcome } from './reachability.ts';

declare const self: ServiceWorkerGlobalScope;

export type AnswerOutcome = Extract<NetworkOutcome, { kind: 'answer' }>;

/** Reads a response's body (from a clone: the response itself stays unread for whoever uses it). */
export async function readAnswer(response: Response): Promise<AnswerOutcome> {
  const base = { kind: 'answer' as const, status: response.status };
  if (!isJsonContentType(response.headers.get('Content-Type'))) return { ...base, json: false, body: null };
  try {
    return { ...base, json: true, body: await response.clone().json() };
  } catch {
    // Cut off, or not JSON after all (a proxy that labels its error page as JSON).
    return { ...base, json: false, body: null };
  }
}

/**
 * Thrown from inside a strategy when an answer came but not from the library's server (a proxy's
 * 502, an HTML page): to Workbox it is a failed fetch like any other, so the fallback answers.
 */
export class ServerUnreachable extends Error {
  constructor(readonly reason: OfflineReason) {
    super(`the library's server cannot be reached (${reason})`);
    this.name = 'ServerUnreachable';
  }
}

/** What a rejected fetch() means: a deadline that ran out, or no answer at all. */
export function failureOutcome(error: unknown): NetworkOutcome {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError') return { kind: 'timed-out' };
  return { kind: 'no-answer', deviceOnline: self.navigator.onLine };
}
