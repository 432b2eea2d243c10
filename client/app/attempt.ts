/**
 * Runs one API action for a page and says how it went, in the patron's words, announcing it in
 * the live region. A 401 returns null: the patron is already on the way to the login page.
 */
import { ApiFailure } from '../data/api.ts';
import { announce } from './announcer.ts';
import { failureText, type RefusalHints } from './page-load.ts';

export interface Outcome {
  kind: 'ok' | 'warn';
  text: string;
}

export async function attempt(action: () => Promise<unknown>, done: string, hints: RefusalHints = {}): Promise<Outcome | null> {
  let outcome: Outcome;
  try {
    await action();
    outcome = { kind: 'ok', text: done };
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 401) return null;
    outcome = { kind: 'warn', text: await failureText(err, hints) };
  }
  announce(outcome.text);
  return outcome;
}
