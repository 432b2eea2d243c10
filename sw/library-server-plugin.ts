/**
 * A Workbox plugin for the routes that talk to the library's server (sw/api-routes.ts). Workbox's
 * own NetworkOnly strategy does the timing (`networkTimeoutSeconds`); this plugin makes it speak
 * "can the library be reached" (sw/reachability.ts):
 *  - an answer that is not the server's (502 / 503 / 504, not JSON) counts as a failed fetch;
 *  - when the library cannot be reached — failure, answer of that kind, or no answer in time —
 *    `fallback` answers in the server's place (the snapshot, a queued renewal), with the reason,
 *    through NetworkOnly's `handlerDidError`. (NetworkFirst would first look in Cache Storage, where
 *    no /api answer ever is: a wasted lookup on the offline path.)
 *  - what the fallback needs can be read while the request is on its way (`prepare`), so an
 *    offline answer does not wait for IndexedDB after the network has failed;
 *  - a server answer is handed to `onAnswer` (store the snapshot, note who logged in), and told
 *    whether the patron was already given the fallback (`late`: the answer came after the timeout);
 *    writes it need not finish before the page has the answer go to `keep` (the event waits for them);
 *  - a 2xx answer calls `onServerAnswered` once the kept writes are done (a login they note is then
 *    known to the replay it starts): the server is evidently back;
 *  - a request still unanswered after `lateAnswerLimitSeconds` is abandoned.
 * NetworkOnly never writes to Cache Storage: no /api answer ever goes there.
 */
/// <reference lib="webworker" />
import type { WorkboxPlugin } from 'workbox-core/types';
import type { OfflineReason } from '../common/offline.ts';
import { KeptWork } from './kept-work.ts';
import { failureOutcome, readAnswer, ServerUnreachable } from './network-outcome.ts';
import { networkPolicy } from './network-policy.ts';
import { reachability, serverAnsweredOk } from './reachability.ts';

export interface ServerAnswer {
  event: ExtendableEvent;
  request: Request;
  response: Response;
  status: number;
  /** The parsed JSON body (every answer that gets here is JSON, or has no body). */
  body: unknown;
  /** The fallback was already given to the page: this answer came late. */
  late: boolean;
  /** Work to finish after the answer is handed on (IndexedDB writes): the page does not wait for it. */
  keep(work: Promise<unknown>): void;
}

export interface FallbackRequest<P> {
  event: ExtendableEvent;
  request: Request;
  reason: OfflineReason;
  /** What `prepare` read meanwhile. */
  prepared: P;
}

export interface LibraryServerHooks<P> {
  /** Returns a replacement response, or nothing to pass the server's answer on as it is. */
  onAnswer?(answer: ServerAnswer): Promise<Response | undefined>;
  /** Started with the request, in parallel with it: what `fallback` will need. */
  prepare?(event: ExtendableEvent, request: Request): Promise<P>;
  /** The answer when the library cannot be reached; without it the request simply fails. */
  fallback?(request: FallbackRequest<P>): Promise<Response>;
  /** A 2xx answer came: the server is evidently back. */
  onServerAnswered?(event: ExtendableEvent): void;
}

/** Per request (Workbox keeps one state object per plugin and request). */
interface State<P> {
  failure?: OfflineReason;
  fallbackGiven?: boolean;
  prepared?: { at: number; value: Promise<P> };
  settle?: () => void;
}

/**
 * A preparation older than this is read again before it is used: it serves the fast offline case
 * (the request failed at once); after a timeout the patron may have logged out meanwhile.
 */
const PREPARED_FRESH_MS = 500;

export function libraryServerPlugin<P = undefined>(hooks: LibraryServerHooks<P>): WorkboxPlugin {
  const plugin: WorkboxPlugin = {
    requestWillFetch: async ({ request, event, state }) => {
      const s = state as State<P>;
      if (hooks.prepare) {
        s.prepared = { at: Date.now(), value: hooks.prepare(event, request) };
        s.prepared.value.catch(() => undefined); // an unused preparation that failed is nobody's error
      }
      // Keep the SW alive until the answer (or the deadline), so a late answer is still handled.
      extendLifetime(event, new Promise<void>((resolve) => (s.settle = resolve)));
      return new Request(request, { signal: AbortSignal.timeout(networkPolicy.lateAnswerLimitSeconds * 1000) });
    },
    fetchDidSucceed: async ({ request, response, event, state }) => {
      const s = state as State<P>;
      try {
        const outcome = await readAnswer(response);
        const verdict = reachability(outcome);
        if (!verdict.reachable) throw new ServerUnreachable(verdict.reason);
        const kept = new KeptWork();
        const replaced = await hooks.onAnswer?.({ event, request, response, status: outcome.status, body: outcome.body, late: s.fallbackGiven === true, keep: kept.keep });
        const { onServerAnswered } = hooks;
        // After the kept writes: a login they noted is known to the replay this starts.
        extendLifetime(event, kept.done(serverAnsweredOk(outcome) && onServerAnswered ? () => onServerAnswered(event) : undefined));
        return replaced ?? response;
      } finally {
        s.settle?.();
      }
    },
    fetchDidFail: async ({ error, state }) => {
      const s = state as State<P>;
      const verdict = error instanceof ServerUnreachable ? { reachable: false as const, reason: error.reason } : reachability(failureOutcome(error));
      if (!verdict.reachable) s.failure = verdict.reason;
      s.settle?.();
    },
  };
  const { fallback } = hooks;
  if (fallback) {
    plugin.handlerDidError = async ({ event, request, state }) => {
      const s = (state ?? {}) as State<P>;
      s.fallbackGiven = true;
      // No failure seen yet: the strategy's timeout ran out first.
      const reason = s.failure ?? timedOutReason();
      const fresh = s.prepared && Date.now() - s.prepared.at <= PREPARED_FRESH_MS ? s.prepared.value : hooks.prepare?.(event, request);
      const prepared = (await fresh) as P;
      return fallback({ event, request, reason, prepared });
    };
  }
  return plugin;
}

function timedOutReason(): OfflineReason {
  const verdict = reachability({ kind: 'timed-out' });
  return verdict.reachable ? 'server-not-answering' : verdict.reason;
}

function extendLifetime(event: ExtendableEvent, promise: Promise<unknown>): void {
  try {
    event.waitUntil(promise);
  } catch {
    // The event already ended (a request made outside a fetch event): nothing to extend.
  }
}
