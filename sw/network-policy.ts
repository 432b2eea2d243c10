/**
 * How long the SW waits for the library's server, in one place ([docs/rules.md#behind-a-proxy](../docs/rules.md#behind-a-proxy)). The routes read these
 * per request (sw/api-routes.ts builds its strategies from them each time), so a library's own
 * value — e.g. one day taken from GET /api/library's policy and kept in the snapshot — can replace
 * a default here without touching the routes.
 */
export interface NetworkPolicy {
  /**
   * Patron-facing requests (GET /api/account, GET /api/session, a renewal): after this many
   * seconds without an answer the SW answers in the server's place (snapshot, queued renewal).
   */
  answerTimeoutSeconds: number;
  /**
   * How long a late answer is still awaited after that (it then replaces the snapshot on screen);
   * past this the request is abandoned, so a hanging connection is not held for ever.
   */
  lateAnswerLimitSeconds: number;
  /** Each request of a replay (GET /api/session, one renewal) counts as "no answer" after this. */
  replayRequestTimeoutSeconds: number;
  /** Replay requests arriving within this many milliseconds share one replay. */
  replayDebounceMs: number;
}

export const networkPolicy: Readonly<NetworkPolicy> = Object.freeze({
  answerTimeoutSeconds: 3,
  lateAnswerLimitSeconds: 30,
  replayRequestTimeoutSeconds: 15,
  replayDebounceMs: 250,
});
