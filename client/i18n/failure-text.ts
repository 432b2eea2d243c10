/**
 * What to tell the patron about a failed call, in their language. The words (client/i18n/refusal-text.ts
 * and its catalogues) load only when a call has failed: none of them is on the first load.
 */
import type { RefusalHints } from './refusal-text.ts';

export type { RefusalHints };

export async function failureText(error: unknown, hints: RefusalHints = {}): Promise<string> {
  const { wordFailure } = await import('./refusal-text.ts');
  return wordFailure(error, hints);
}
