/**
 * Singular and plural for msg(): @lit/localize has no plural syntax, so a counted phrase has one
 * message id per CLDR plural category it needs (`….one`, `….other`) and the caller picks the id
 * with pluralCategory(). Japanese has only `other`; English has `one` and `other`.
 */
import { currentLocale } from './localize.ts';

const rules = new Map<string, Intl.PluralRules>();

/** The CLDR plural category of `n` in the page's language. */
export function pluralCategory(n: number): Intl.LDMLPluralRule {
  // 'ja-kids' is our own locale id, not a BCP 47 tag: its plurals are Japanese.
  const lang = currentLocale() === 'en' ? 'en' : 'ja';
  let rule = rules.get(lang);
  if (!rule) rules.set(lang, (rule = new Intl.PluralRules(lang)));
  return rule.select(n);
}
