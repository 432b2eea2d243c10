/**
 * The SQLite layout of the catalogue index and the SQL that queries it.
 *
 * - `titles`: one row per title (its integer id is the rowid of both FTS tables), with the key
 *   the results are ordered by and the material type.
 * - `titles_trigram`: FTS5 trigram over the normalised fields, for words of 3+ characters.
 * - `titles_grams`: FTS5 over the encoded 1- and 2-character grams of each field (see
 *   catalog-text.ts), for shorter words, plus the material type as a token of its own column, so
 *   with short words (the big result sets) a type filter is one more posting list to intersect
 *   rather than a row lookup per hit. Queries of long words only (small result sets) filter the
 *   type on `titles` instead.
 *   `detail=column` keeps only which column a token is in: enough for "matched in the title",
 *   and much smaller than positions.
 * Both FTS tables are contentless (the text lives in the store): only postings are kept.
 */
import type { MaterialType } from '../../common/api.ts';
import { TRIGRAM_MIN_LENGTH, charLength, gramToken, queryWords } from './catalog-text.ts';

/**
 * Stored in the file's user_version; a file with another version is rebuilt at open. Covers the
 * indexed text as well as the tables: 6 = katakana folded to hiragana (catalog-text.ts).
 */
export const SCHEMA_VERSION = 6;

export const MATERIAL_TYPES: readonly MaterialType[] = ['book', 'magazine', 'cd'];

export const CREATE_SCHEMA = `
CREATE TABLE titles (
  id INTEGER PRIMARY KEY,
  bib_id TEXT NOT NULL UNIQUE,
  material_type TEXT NOT NULL,
  sort_key TEXT NOT NULL
);
CREATE VIRTUAL TABLE titles_trigram USING fts5(
  title, author, publisher,
  tokenize = 'trigram', content = '', contentless_delete = 1
);
CREATE VIRTUAL TABLE titles_grams USING fts5(
  title, author, publisher, material_type,
  tokenize = 'ascii', content = '', contentless_delete = 1, detail = column
);
`;

export const DROP_SCHEMA = `
DROP TABLE IF EXISTS titles;
DROP TABLE IF EXISTS titles_trigram;
DROP TABLE IF EXISTS titles_grams;
`;

/**
 * FTS5 MATCH expressions for one query, per table (null when that table is not needed), for
 * "every word in some field" and "every word in the title"; and the first word, as titles
 * starting with it come first.
 */
export interface MatchExpressions {
  trigram: string | null;
  trigramInTitle: string | null;
  grams: string | null;
  gramsInTitle: string | null;
  first: string;
  firstLength: number;
  /** Types to filter on `titles`, as a JSON array (when the gram table, which has them too, is not queried). */
  types: string | null;
}

/** A word as an FTS5 string (a phrase): the trigram tokenizer then matches it as a substring. */
function ftsPhrase(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

const isLong = (word: string) => charLength(word) >= TRIGRAM_MIN_LENGTH;

/**
 * Splits the query's words between the two FTS tables (all ANDed), adds the type filter to the
 * gram table; null when the query has no word at all.
 */
export function matchExpressions(q: string, type: MaterialType | readonly MaterialType[] | undefined): MatchExpressions | null {
  const words = queryWords(q);
  const first = words[0];
  if (first === undefined) return null;
  const types = new Set(typeof type === 'string' ? [type] : (type ?? []));
  const filtered = types.size > 0 && types.size < MATERIAL_TYPES.length;
  const long = words.filter(isLong);
  const short = words.filter((w) => !isLong(w));
  const typeInGrams = filtered && short.length > 0;
  const typeFilter = typeInGrams ? `material_type : (${[...types].join(' OR ')})` : null;

  const expression = (list: string[], scope: 'all' | 'title', extra: string | null): string | null => {
    const terms = list.map((w) => (isLong(w) ? ftsPhrase(w) : gramToken(w))).join(' AND ');
    const parts = list.length === 0 ? [] : [scope === 'all' ? terms : `title : (${terms})`];
    if (extra) parts.push(extra);
    return parts.length > 0 ? parts.join(' AND ') : null;
  };
  return {
    trigram: expression(long, 'all', null),
    trigramInTitle: expression(long, 'title', null),
    grams: expression(short, 'all', typeFilter),
    gramsInTitle: expression(short, 'title', typeFilter),
    first,
    firstLength: charLength(first),
    types: filtered && !typeInGrams ? JSON.stringify([...types]) : null,
  };
}

/**
 * Which matches: `all` = every word in some field; `title` = every word in the title (these come
 * first in the results, those starting with the first word before the others); `rest` = all but
 * title.
 */
export type HitScope = 'all' | 'title' | 'rest';

/** Ids of the titles matching every word (anywhere, or in the title). */
function hitIds(m: MatchExpressions, variant: 'all' | 'title'): string {
  const suffix = variant === 'title' ? 'InTitle' : '';
  const parts: string[] = [];
  if (m.trigram !== null) parts.push(`SELECT rowid AS id FROM titles_trigram WHERE titles_trigram MATCH @trigram${suffix}`);
  if (m.grams !== null) parts.push(`SELECT rowid AS id FROM titles_grams WHERE titles_grams MATCH @grams${suffix}`);
  return parts.join(' INTERSECT ');
}

function scopedIds(m: MatchExpressions, scope: HitScope): string {
  if (scope === 'rest') return `SELECT id FROM (${hitIds(m, 'all')}) EXCEPT SELECT id FROM (${hitIds(m, 'title')})`;
  return hitIds(m, scope);
}

const TYPE_CONDITION = 't.material_type IN (SELECT value FROM json_each(@types))';

/** How many titles match in that scope: the FTS postings alone answer it, unless @types is set. */
export function countSql(m: MatchExpressions, scope: HitScope): string {
  if (m.types === null) return `SELECT count(*) AS total FROM (${scopedIds(m, scope)})`;
  return `SELECT count(*) AS total FROM (${scopedIds(m, scope)}) h JOIN titles t ON t.id = h.id WHERE ${TYPE_CONDITION}`;
}

/**
 * One page of the titles matching in that scope, by title then bibId (stable); in the title
 * scope, titles starting with the first word come first (read off the sort key, which is the
 * normalised title: no second index lookup). @limit, @offset.
 */
export function pageSql(m: MatchExpressions, scope: HitScope): string {
  const startsFirst = scope === 'title' ? 'substr(t.sort_key, 1, @firstLength) <> @first, ' : '';
  return `
SELECT t.bib_id AS bibId FROM (${scopedIds(m, scope)}) h JOIN titles t ON t.id = h.id
${m.types === null ? '' : `WHERE ${TYPE_CONDITION}`}
ORDER BY ${startsFirst}t.sort_key, t.bib_id
LIMIT @limit OFFSET @offset`;
}
