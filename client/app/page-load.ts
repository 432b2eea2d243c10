/**
 * What every page does with a failure: its words (failureText), and for a page load (a @lit/task): it becomes a LoadFailure carrying the
 * patron's words, so the task's error rendering can show it at once. A 401 is marked: the patron
 * is already on the way to the login page, and nothing needs showing. An aborted load (a newer one
 * replaced it) stays as it is: the task ignores it.
 */
import { ApiFailure } from '../data/api.ts';
import type { RefusalHints } from '../i18n/refusal-text.ts';

export type { RefusalHints };

/**
 * What to tell the patron about a failed call, in their language. The words
 * (client/i18n/refusal-text.ts and its catalogues) load only when a call has failed: none of them
 * is on the first load.
 */
export async function failureText(error: unknown, hints: RefusalHints = {}): Promise<string> {
  const { wordFailure } = await import('../i18n/refusal-text.ts');
  return wordFailure(error, hints);
}

export class LoadFailure extends Error {
  constructor(
    /** The failure in the patron's language. */
    readonly text: string,
    /** A 401: the page is on its way to the login page. */
    readonly unauthenticated: boolean,
  ) {
    super(text);
    this.name = 'LoadFailure';
  }
}

/** Awaits `load`; a failure is rethrown explained (see LoadFailure). */
export async function explained<T>(load: Promise<T>, hints: RefusalHints = {}): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new LoadFailure(await failureText(error, hints), error instanceof ApiFailure && error.status === 401);
  }
}

/** The words of a task's error (anything that is not a LoadFailure is shown as it says itself). */
export function loadFailureText(error: unknown): string {
  return error instanceof LoadFailure ? error.text : String(error);
}

/** Whether a task's error needs showing (not a 401: that one is on its way to the login page). */
export function showsFailure(error: unknown): boolean {
  return !(error instanceof LoadFailure && error.unauthenticated);
}
