/**
 * The SQLite layout of the catalogue index and the SQL that queries it.
 *
 * - `titles`: one row per title (its integer id is the rowid of both FTS tables), with what the
 *   results are filtered and ordered by.
 * - `titles_trigram`: FTS5 trigram over the normalised fields, for words of 3+ characters.
 * - `titles_grams`: FTS5 over the encoded 1- and 2-character grams of each field (see
 *   catalog-text.ts), for shorter words. `detail=column` keeps only which column a gram is in:
 *   enough for "matched in the title", and much smaller than positions.
 * Both FTS tables are contentless (the text lives in the store): only postings are kept.
 */
export const SCHEMA_VERSION = 1;

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
  title, author, publisher,
  tokenize = 'ascii', content = '', contentless_delete = 1, detail = column
);
`;

export const DROP_SCHEMA = `
DROP TABLE IF EXISTS titles;
DROP TABLE IF EXISTS titles_trigram;
DROP TABLE IF EXISTS titles_grams;
`;

/** FTS5 MATCH expressions for one query, per table; null when that table is not needed. */
export interface MatchExpressions {
  trigram: string | null;
  grams: string | null;
}

/** Restricts every phrase of a MATCH expression to the title column. */
export function inTitle(expression: string): string {
  return `title : (${expression})`;
}

function hitsSelect(m: MatchExpressions, suffix: string): string {
  const parts: string[] = [];
  if (m.trigram !== null) parts.push(`SELECT rowid AS id FROM titles_trigram WHERE titles_trigram MATCH @trigram${suffix}`);
  if (m.grams !== null) parts.push(`SELECT rowid AS id FROM titles_grams WHERE titles_grams MATCH @grams${suffix}`);
  return parts.join(' INTERSECT ');
}

/**
 * One statement for a page and the total: hits are all titles matching every word in any field;
 * those matching every word in the title come first, then by title, then bibId (stable).
 * Parameters: @trigram/@grams, @trigramTitle/@gramsTitle, @type (or null), @limit, @offset.
 */
export function pageSql(m: MatchExpressions): string {
  return `
WITH hits(id) AS (${hitsSelect(m, '')}),
     title_hits(id) AS (${hitsSelect(m, 'Title')})
SELECT t.bib_id AS bibId, count(*) OVER () AS total
FROM hits JOIN titles t ON t.id = hits.id
WHERE @type IS NULL OR t.material_type = @type
ORDER BY t.id NOT IN title_hits, t.sort_key, t.bib_id
LIMIT @limit OFFSET @offset`;
}

/** The total alone, for a page past the end (the page statement then returns no row). */
export function countSql(m: MatchExpressions): string {
  return `
WITH hits(id) AS (${hitsSelect(m, '')})
SELECT count(*) AS total FROM hits JOIN titles t ON t.id = hits.id
WHERE @type IS NULL OR t.material_type = @type`;
}
