/**
 * A Workbox plugin for the routes that talk to the library's server (sw/api-routes.ts). Workbox's
 * own strategies do the timing (NetworkFirst / NetworkOnly with `networkTimeoutSeconds`); this
 * plugin makes them speak "can the library be reached" (sw/reachability.ts):
 *  - an answer that is not the server's (502 / 503 / 504, not JSON) counts as a failed fetch;
 *  - when the library cannot be reached — failure, answer of that kind, or no answer in time —
 *    `fallback` answers in the server's place (the snapshot, a queued renewal), with the reason;
 *  - a server answer is handed to `onAnswer` (store the snapshot, note who logged in), and told
 *    whether the patron was already given the fallback (`late`: the answer came after the timeout);
 *  - a 2xx answer calls `onServerAnswered`: the server is evidently back;
 *  - nothing ever goes into Cache Storage (`cacheWillUpdate` refuses every response);
 *  - a request still unanswered after `lateAnswerLimitSeconds` is abandoned.
 */
/// <reference lib="webworker" />
import type { WorkboxPlugin } from 'workbox-core/types';
import type { OfflineReason } from '../common/offline.ts';
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
}

export interface FallbackRequest {
  event: ExtendableEvent;
  request: Request;
  reason: OfflineReason;
}

export interface LibraryServerHooks {
  /** Returns a replacement response, or nothing to pass the server's answer on as it is. */
  onAnswer?(answer: ServerAnswer): Promise<Response | undefined>;
  /** The answer when the library cannot be reached; without it the request simply fails. */
  fallback?(request: FallbackRequest): Promise<Response>;
  /** A 2xx answer came: the server is evidently back. */
  onServerAnswered?(event: ExtendableEvent): void;
}

/** Per request (Workbox keeps one state object per plugin and request). */
interface State {
  failure?: OfflineReason;
  fallbackGiven?: boolean;
  settle?: () => void;
}

export function libraryServerPlugin(hooks: LibraryServerHooks): WorkboxPlugin {
  const plugin: WorkboxPlugin = {
    requestWillFetch: async ({ request, event, state }) => {
      const s = state as State;
      // Keep the SW alive until the answer (or the deadline), so a late answer is still handled.
      extendLifetime(event, new Promise<void>((resolve) => (s.settle = resolve)));
      return new Request(request, { signal: AbortSignal.timeout(networkPolicy.lateAnswerLimitSeconds * 1000) });
    },
    fetchDidSucceed: async ({ request, response, event, state }) => {
      const s = state as State;
      try {
        const outcome = await readAnswer(response);
        const verdict = reachability(outcome);
        if (!verdict.reachable) throw new ServerUnreachable(verdict.reason);
        const replaced = await hooks.onAnswer?.({ event, request, response, status: outcome.status, body: outcome.body, late: s.fallbackGiven === true });
        // After onAnswer: a login it noted is known to the replay this starts.
        if (serverAnsweredOk(outcome)) hooks.onServerAnswered?.(event);
        return replaced ?? response;
      } finally {
        s.settle?.();
      }
    },
    fetchDidFail: async ({ error, state }) => {
      const s = state as State;
      const verdict = error instanceof ServerUnreachable ? { reachable: false as const, reason: error.reason } : reachability(failureOutcome(error));
      if (!verdict.reachable) s.failure = verdict.reason;
      s.settle?.();
    },
    // Not one /api response in Cache Storage, ever.
    cacheWillUpdate: async () => null,
  };
  const { fallback } = hooks;
  if (fallback) {
    const answerInstead = async (event: ExtendableEvent, request: Request, state: State | undefined): Promise<Response> => {
      const s = state ?? {};
      s.fallbackGiven = true;
      // No failure seen yet: the strategy's timeout ran out first.
      const reason = s.failure ?? timedOutReason();
      return fallback({ event, request, reason });
    };
    // NetworkFirst falls back through a cache lookup (always empty): answer there.
    plugin.cachedResponseWillBeUsed = async ({ event, request, state }) => answerInstead(event, request, state as State);
    // NetworkOnly gives up through handlerDidError.
    plugin.handlerDidError = async ({ event, request, state }) => answerInstead(event, request, state as State);
  }
  return plugin;
}

function timedOutReason(): OfflineReason {
  const verdict = reachability({ kind: 'timed-out' });
  return verdict.reachable ? 'server-not-answering' : verdict.reason;
}

function extendLifetime(event: ExtendableEvent, promise: Promise<void>): void {
  try {
    event.waitUntil(promise);
  } catch {
    // The event already ended (a request made outside a fetch event): nothing to extend.
  }
}
