/**
 * Idempotency answers (the first answer to a renew with a given Idempotency-Key) are kept for
 * ANSWER_KEEP_DAYS, then forgotten, so they do not pile up forever. A renewal queued offline is
 * replayed long before that in practice; one replayed later still cannot renew twice, since the
 * loan then shows its renewal (renewal_limit) or has left its window.
 */
import type { AppContext } from '../context.ts';
import type { IdempotentAnswer } from '../domain/records.ts';

export const ANSWER_KEEP_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Pure: is an answer stored at `storedAt` old enough to forget at `now`? */
export function isAnswerStale(storedAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(storedAt) > ANSWER_KEEP_DAYS * DAY_MS;
}

export async function forgetOldAnswers(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    let forgotten = 0;
    for (const key of await tx.keys('idem:')) {
      const answer = await tx.get<IdempotentAnswer>(key);
      if (answer && isAnswerStale(answer.storedAt, now)) {
        tx.remove(key);
        forgotten += 1;
      }
    }
    return forgotten;
  });
}
