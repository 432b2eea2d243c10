/**
 * The shape of a language's catalogue of words: one function per error code, given that code's
 * refusal (common/refusals.ts), so the words carry the library's own numbers and dates. Every
 * language — the server's and SW's ja / en here, the pages' kids' Japanese in client/locales/ —
 * has one of these, and the type makes it complete: a new ErrorCode fails the type check until
 * each catalogue words it.
 */
import type { ErrorCode } from '../api.ts';
import type { Refusal, RefusalOf } from '../refusals.ts';

export type RefusalWording = { readonly [C in ErrorCode]: (refusal: RefusalOf<C>) => string };

/** A refusal in words, from the given catalogue. */
export function wordRefusal(refusal: Refusal, wording: RefusalWording): string {
  return (wording[refusal.code] as (r: Refusal) => string)(refusal);
}

/** The languages the server and the SW speak (Accept-Language); kids' Japanese is the pages' own. */
export type WordingLanguage = 'ja' | 'en';

/** 2020-04-28 → 2020/04/28 (common/dates.ts), for the catalogues. */
export { slashDate } from '../dates.ts';

/** A wait in whole minutes from 60 s on (rounded up), in seconds below. */
export function waitUnits(seconds: number): { minutes: number } | { seconds: number } {
  return seconds >= 60 ? { minutes: Math.ceil(seconds / 60) } : { seconds: Math.max(0, Math.ceil(seconds)) };
}
