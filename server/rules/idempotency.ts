/**
 * How long the first answer to a renewal with an `Idempotency-Key` is replayed. A renewal queued
 * offline is replayed long before that in practice; one replayed later is a new request, and still
 * cannot renew twice (the loan then shows its renewal, or has left its window). Pure.
 */
export const ANSWER_KEEP_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The store's lifetime for an answer (real time; the rule below decides on the library clock). */
export const ANSWER_TTL_SECONDS = ANSWER_KEEP_DAYS * 24 * 60 * 60;

/** Is an answer stored at `storedAt` too old to replay at `now`? */
export function isAnswerStale(storedAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(storedAt) > ANSWER_KEEP_DAYS * DAY_MS;
}
