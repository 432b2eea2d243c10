/**
 * A failed call in the patron's words. The words come from the one catalogue of refusals, by code
 * and parameters (common/refusals.ts): Japanese and English from common/wording/, the kids' Japanese
 * from client/locales/ja-kids/refusals.ts. Each is loaded when first needed — the English one with
 * the English locale module — so none of them is on the first load; words are only ever needed
 * after a call has failed, which is already asynchronous.
 */
import type { LibraryPolicy, Loan } from '../../common/api.ts';
import { readRefusal, type Refusal } from '../../common/refusals.ts';
import { wordRefusal, type RefusalWording } from '../../common/wording/wording.ts';
import { ApiFailure } from '../data/api.ts';
import { currentLocale, type AppLocale } from './localize.ts';

const catalogues: Record<AppLocale, () => Promise<RefusalWording>> = {
  ja: async () => (await import('../../common/wording/ja.ts')).ja,
  en: async () => (await import('../locales/en.ts')).refusals,
  'ja-kids': async () => (await import('../locales/ja-kids.ts')).refusals,
};

/** A refusal in the page's language. */
export async function refusalText(refusal: Refusal): Promise<string> {
  return wordRefusal(refusal, await catalogues[currentLocale()]());
}

/** What the page knows that the server's answer may not carry yet: the parameters of the words. */
export interface RefusalHints {
  policy?: LibraryPolicy | null | undefined;
  /** The loan a renewal was for (its renewal window). */
  loan?: Pick<Loan, 'renewWindow'>;
  /** Which want-to-read limit a limit_reached is about. */
  limitOf?: 'categories' | 'entries';
  /** What a not_found is about. */
  notFound?: 'title' | 'category' | 'entry';
}

/** The parameters the hints give for a code (the server's own, when it sent them, win). */
function hintedParams(failure: ApiFailure, hints: RefusalHints): Record<string, unknown> {
  const policy = hints.policy;
  switch (failure.code) {
    case 'outside_window': return hints.loan ? { ...hints.loan.renewWindow } : {};
    case 'renewal_limit': return policy ? { maxRenewals: policy.renewal.maxRenewals } : {};
    case 'hold_limit': return policy ? { limit: policy.holdLimits.total } : {};
    case 'cd_hold_limit': return policy ? { limit: policy.holdLimits.cd } : {};
    case 'too_many_attempts': return { retryAfterSeconds: failure.retryAfterSeconds ?? 60 };
    case 'limit_reached': return hints.limitOf ? { what: hints.limitOf } : {};
    case 'not_found': return hints.notFound ? { what: hints.notFound } : {};
    default: return {};
  }
}

/** The refusal a failure means, or null when the words would need a parameter nobody gave. */
export function refusalOf(error: unknown, hints: RefusalHints = {}): Refusal | null {
  if (!(error instanceof ApiFailure)) return { code: 'internal' };
  if (error.code === 'network') return { code: 'offline' };
  if (error.code === 'unexpected') return { code: 'internal' };
  return readRefusal(error.code, { ...hintedParams(error, hints), ...error.params });
}

/** What to tell the patron about a failed call, in their language (pages use client/app/page-load.ts failureText). */
export async function wordFailure(error: unknown, hints: RefusalHints = {}): Promise<string> {
  const refusal = refusalOf(error, hints);
  if (refusal) return refusalText(refusal);
  // The words need a parameter only the server knew: its own message says it (ja / en).
  if (error instanceof ApiFailure && error.message && currentLocale() !== 'ja-kids') return error.message;
  return refusalText({ code: 'internal' });
}
