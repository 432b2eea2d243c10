/**
 * The server's and the SW's way into the catalogues: a refusal in the language asked for. (The
 * pages load each catalogue with its locale instead, so the English one stays off the Japanese
 * first load: client/i18n/refusal-text.ts.)
 */
import type { Refusal } from '../refusals.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { wordRefusal, type RefusalWording, type WordingLanguage } from './wording.ts';

const catalogues: Record<WordingLanguage, RefusalWording> = { ja, en };

export function refusalMessage(refusal: Refusal, lang: WordingLanguage): string {
  return wordRefusal(refusal, catalogues[lang]);
}

/** English when the first language asked for is English, else Japanese (the default). */
export function wordingLanguage(acceptLanguage: string | null): WordingLanguage {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}
