/**
 * What an operation throws when it refuses: a {@link Refusal} (the API's code plus the parameters
 * its words need, common/refusals.ts) and nothing about HTTP. The HTTP layer alone turns it into a
 * status and the error JSON (server/http/refusal-status.ts, server/http/errors.ts), so operations
 * serve the routes, the demo loader and the maintenance pass alike. Thrown inside a store
 * transaction it writes nothing.
 */
import type { BareRefusalCode, Refusal } from '../../common/refusals.ts';

/** Which request field a refusal is about, and a short note for developers: beside the code in the error JSON. */
export interface RefusalPointer {
  field?: string;
  detail?: string;
}

export class RefusalError extends Error {
  readonly refusal: Refusal;
  readonly pointer: RefusalPointer;

  constructor(refusal: Refusal, pointer: RefusalPointer = {}) {
    super(refusal.code);
    this.name = 'RefusalError';
    this.refusal = refusal;
    this.pointer = pointer;
  }
}

/** Refuses: a code that needs no parameters, or a whole refusal (`{code: 'hold_limit', limit: 10}`). */
export function refuse(refusal: Refusal | BareRefusalCode, pointer?: RefusalPointer): never {
  throw new RefusalError(typeof refusal === 'string' ? ({ code: refusal } as Refusal) : refusal, pointer);
}
