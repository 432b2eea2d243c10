/**
 * @lit/localize in runtime mode. Japanese (the seed's wording) is the source; English and the
 * kids' Japanese are hand-written locale modules loaded on demand (their own chunks), each with its
 * catalogue of refusal words (client/i18n/refusal-text.ts).
 */
import { configureLocalization } from '@lit/localize';
import type { DisplayOptions } from '../app/display-options.ts';

export type AppLocale = 'ja' | 'en' | 'ja-kids';

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'ja',
  targetLocales: ['en', 'ja-kids'],
  loadLocale: (locale) => (locale === 'en' ? import('../locales/en.ts') : import('../locales/ja-kids.ts')),
});

/** English wins over kids (there is no kids' English); kids + 日本語 is the kids' Japanese. */
export function localeFor(options: DisplayOptions): AppLocale {
  if (options.lang === 'en') return 'en';
  return options.audience === 'kids' ? 'ja-kids' : 'ja';
}

export function currentLocale(): AppLocale {
  return getLocale() as AppLocale;
}
