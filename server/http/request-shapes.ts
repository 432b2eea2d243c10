/**
 * The key shapes (domain/key-shapes.ts) as valibot schemas, for request bodies. A body field that
 * does not fit is 400 invalid_input naming the field, like any other bad field.
 */
import * as v from 'valibot';
import { BARCODE, BIB_ID, CARD_NUMBER, SERVER_ID } from '../domain/key-shapes.ts';
import type { Policy } from '../policy/policy.ts';

export const CardNumberSchema = v.pipe(v.string(), v.regex(CARD_NUMBER, 'expected 4–20 digits (0-9)'));
export const BarcodeSchema = v.pipe(v.string(), v.regex(BARCODE, 'expected 1–32 letters, digits or -'));
export const BibIdSchema = v.pipe(v.string(), v.regex(BIB_ID, 'expected 1–32 letters, digits, _ or -'));
/** An id the server made (hold, want-to-read entry or category…). */
export const ServerIdSchema = v.pipe(v.string(), v.regex(SERVER_ID, 'expected an id of letters, digits, _ or -'));

/**
 * A typed card number (surrounding blanks, a paste artefact, ignored) when it has the card shape,
 * else null. Login and issuance answer a malformed one as a wrong one: no 400 that would tell
 * "not a card" from "not this card's secret".
 */
export function wellFormedCard(typed: string): string | null {
  const card = typed.trim();
  return CARD_NUMBER.test(card) ? card : null;
}

/**
 * A JSON object with exactly these fields. valibot's object schemas take any non-null object,
 * so `[]` would pass as `{}` (and `[{…}]` as an object with no fields): an array is refused first.
 */
export function jsonObject<const E extends v.ObjectEntries>(entries: E) {
  return v.pipe(
    v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'expected an object'),
    v.strictObject(entries),
  );
}

/** A branch code of the configured library (the one check of every branch a request names). */
export function branchCodeSchema(policy: Pick<Policy, 'branches'>) {
  const codes = new Set(policy.branches.map((b) => b.code));
  return v.pipe(v.string(), v.check((code) => codes.has(code), 'unknown branch'));
}
