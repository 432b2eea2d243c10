/**
 * Text handling shared by indexing and querying, so both sides see exactly the same characters:
 * NFKC (full-width ↔ half-width, compatibility forms), lower case and katakana folded to
 * hiragana, then words and n-grams.
 *
 * Japanese has no spaces between words, so a query word matches any substring of a field.
 * Words of 3+ characters go to the FTS5 trigram table (substring match by trigrams); words of
 * 1–2 characters cannot be matched by trigrams, so each field is also indexed as the set of its
 * 1- and 2-character grams, and such a word is one exact gram lookup.
 */

/** Shortest word the trigram table can match. */
export const TRIGRAM_MIN_LENGTH = 3;

/**
 * Katakana ァ (U+30A1) … ヶ (U+30F6) as the hiragana 0x60 code points below (ぁ … ゖ), so a patron
 * typing either script finds both. ー, ・, ヽヾ and ヷ–ヺ (no hiragana twin) are left as they are.
 */
export function foldKatakana(text: string): string {
  return text.replace(/[\u30A1-\u30F6]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/**
 * NFKC first: it turns half-width ｶﾞ into ガ, which the fold then turns into が. Changing what
 * this returns changes the indexed text: bump SCHEMA_VERSION (catalog-schema.ts) so that index
 * files are rebuilt.
 */
export function normaliseText(text: string): string {
  return foldKatakana(text.normalize('NFKC').toLowerCase()).trim();
}

/** Counts characters (code points), not UTF-16 units: 𠮷 is one character. */
export function charLength(text: string): number {
  return [...text].length;
}

/**
 * The words of a query: normalised, split on any whitespace (NFKC turns the full-width space
 * U+3000 into an ASCII space), duplicates removed. They are ANDed.
 */
export function queryWords(q: string): string[] {
  const words = normaliseText(q)
    .split(/\s+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)];
}

/**
 * A gram as an FTS5 token made only of [0-9a-w]: each code point in base 32, joined by "w".
 * Encoding sidesteps every tokenizer rule about which characters are "separators" (・, !, ー…),
 * so any 1–2 character sequence of a field, punctuation included, is findable.
 */
export function gramToken(gram: string): string {
  return [...gram].map((ch) => ch.codePointAt(0)!.toString(32)).join('w');
}

/** The distinct 1- and 2-character grams of an already normalised field, as tokens. */
export function gramTokens(normalised: string): string[] {
  const chars = [...normalised];
  const grams = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const a = chars[i]!;
    if (/\s/u.test(a)) continue;
    grams.add(a);
    const b = chars[i + 1];
    if (b !== undefined && !/\s/u.test(b)) grams.add(a + b);
  }
  return [...grams].map(gramToken);
}
