/**
 * Runs one API action for a page and says how it went, in the patron's words, announcing it in
 * the live region. A 401 returns null: the patron is already on the way to the login page.
 */
import { ApiFailure } from '../data/api.ts';
import { errorText } from '../i18n/labels.ts';
import { announce } from './announcer.ts';

export interface Outcome {
  kind: 'ok' | 'warn';
  text: string;
}

export function failureText(err: unknown): string {
  return err instanceof ApiFailure ? errorText(err) : String(err);
}

export async function attempt(action: () => Promise<unknown>, done: string): Promise<Outcome | null> {
  let outcome: Outcome;
  try {
    await action();
    outcome = { kind: 'ok', text: done };
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 401) return null;
    outcome = { kind: 'warn', text: failureText(err) };
  }
  announce(outcome.text);
  return outcome;
}
