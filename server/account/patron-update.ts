/**
 * Read-modify-write of one patron record inside a store transaction: the check and the write of
 * an account change see the same state, whatever other request runs at the same time.
 */
import type { AppContext } from '../context.ts';
import { keys, type PatronRecord } from '../domain/records.ts';
import { refuse } from '../domain/refusal-error.ts';
import type { Tx } from '../storage/store.ts';

/**
 * Runs `change` on the current record; it returns the new record (written) or null (nothing to
 * write), and a result. Throwing inside `change` writes nothing.
 */
export function updatePatron<R>(
  ctx: AppContext,
  patronId: string,
  change: (patron: PatronRecord, tx: Tx) => Promise<{ patron: PatronRecord | null; result: R }> | { patron: PatronRecord | null; result: R },
): Promise<R> {
  return ctx.store.transaction(async (tx) => {
    const patron = await tx.get<PatronRecord>(keys.patron(patronId));
    // The session was checked a moment ago; a patron removed since is a session that ended.
    if (!patron) refuse('unauthenticated');
    const outcome = await change(patron, tx);
    if (outcome.patron) tx.set(keys.patron(patronId), outcome.patron);
    return outcome.result;
  });
}
