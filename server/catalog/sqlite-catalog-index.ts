/**
 * The catalogue index on SQLite (better-sqlite3): FTS5 trigram for words of 3+ characters and an
 * FTS5 table of 1–2 character grams for shorter ones, so every query word is an index lookup.
 * The file is derived data (see open-catalog-index.ts): a schema change simply rebuilds it.
 */
import Database from 'better-sqlite3';
import type { Statement, Database as SqliteDatabase } from 'better-sqlite3';
import type { TitleRecord } from '../domain/records.ts';
import type { CatalogIndex, CatalogQuery } from './catalog-index.ts';
import { CREATE_SCHEMA, DROP_SCHEMA, SCHEMA_VERSION, countSql, inTitle, pageSql, type MatchExpressions } from './catalog-schema.ts';
import { TRIGRAM_MIN_LENGTH, charLength, ftsPhrase, gramToken, gramTokens, normaliseText, queryWords } from './catalog-text.ts';

export type IndexedTitle = Pick<TitleRecord, 'bibId' | 'title' | 'author' | 'publisher' | 'materialType'>;

type Fields = [title: string, author: string, publisher: string];

function normalisedFields(t: IndexedTitle): Fields {
  return [normaliseText(t.title), normaliseText(t.author ?? ''), normaliseText(t.publisher ?? '')];
}

/** Splits the words between the two FTS tables; null when the query has no word at all. */
function matchExpressions(q: string): MatchExpressions | null {
  const words = queryWords(q);
  if (words.length === 0) return null;
  const long = words.filter((w) => charLength(w) >= TRIGRAM_MIN_LENGTH).map(ftsPhrase);
  const short = words.filter((w) => charLength(w) < TRIGRAM_MIN_LENGTH).map(gramToken);
  return {
    trigram: long.length > 0 ? long.join(' AND ') : null,
    grams: short.length > 0 ? short.join(' AND ') : null,
  };
}

export class SqliteCatalogIndex implements CatalogIndex {
  private readonly db: SqliteDatabase;
  private readonly queryCache = new Map<string, Statement>();
  private readonly write: {
    findId: Statement<[string], { id: number }>;
    insertTitle: Statement<[string, string, string]>;
    updateTitle: Statement<[string, string, number]>;
    deleteTrigram: Statement<[number]>;
    deleteGrams: Statement<[number]>;
    insertTrigram: Statement<[number, ...Fields]>;
    insertGrams: Statement<[number, ...Fields]>;
    count: Statement<[], { n: number }>;
  };

  constructor(path: string) {
    this.db = new Database(path);
    // Derived data: WAL for readers during writes; NORMAL sync is enough, a lost tail is rebuilt.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('mmap_size = 268435456');
    if (this.db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) this.recreateSchema();
    this.write = {
      findId: this.db.prepare('SELECT id FROM titles WHERE bib_id = ?'),
      insertTitle: this.db.prepare('INSERT INTO titles (bib_id, material_type, sort_key) VALUES (?, ?, ?)'),
      updateTitle: this.db.prepare('UPDATE titles SET material_type = ?, sort_key = ? WHERE id = ?'),
      deleteTrigram: this.db.prepare('DELETE FROM titles_trigram WHERE rowid = ?'),
      deleteGrams: this.db.prepare('DELETE FROM titles_grams WHERE rowid = ?'),
      insertTrigram: this.db.prepare('INSERT INTO titles_trigram (rowid, title, author, publisher) VALUES (?, ?, ?, ?)'),
      insertGrams: this.db.prepare('INSERT INTO titles_grams (rowid, title, author, publisher) VALUES (?, ?, ?, ?)'),
      count: this.db.prepare('SELECT count(*) AS n FROM titles'),
    };
  }

  private recreateSchema(): void {
    this.db.exec(DROP_SCHEMA);
    this.db.exec(CREATE_SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.queryCache.clear();
  }

  private upsertOne(t: IndexedTitle): void {
    const fields = normalisedFields(t);
    const sortKey = fields[0];
    const existing = this.write.findId.get(t.bibId);
    let id: number;
    if (existing) {
      id = existing.id;
      this.write.updateTitle.run(t.materialType, sortKey, id);
      this.write.deleteTrigram.run(id);
      this.write.deleteGrams.run(id);
    } else {
      id = Number(this.write.insertTitle.run(t.bibId, t.materialType, sortKey).lastInsertRowid);
    }
    this.write.insertTrigram.run(id, ...fields);
    this.write.insertGrams.run(id, ...(fields.map((f) => gramTokens(f).join(' ')) as Fields));
  }

  upsert(title: IndexedTitle): void {
    this.db.transaction(() => this.upsertOne(title))();
  }

  /** Empties the index and loads these titles, in one transaction (all or nothing). */
  replaceAll(titles: Iterable<IndexedTitle>): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM titles');
      this.db.exec("INSERT INTO titles_trigram (titles_trigram) VALUES ('delete-all')");
      this.db.exec("INSERT INTO titles_grams (titles_grams) VALUES ('delete-all')");
      for (const t of titles) this.upsertOne(t);
      // Merge the FTS segments written by the bulk load: fewer b-trees to probe per query.
      this.db.exec("INSERT INTO titles_trigram (titles_trigram) VALUES ('optimize')");
      this.db.exec("INSERT INTO titles_grams (titles_grams) VALUES ('optimize')");
    })();
  }

  private statement(kind: 'page' | 'count', m: MatchExpressions): Statement {
    const key = `${kind}:${m.trigram !== null}:${m.grams !== null}`;
    let stmt = this.queryCache.get(key);
    if (!stmt) {
      stmt = this.db.prepare(kind === 'page' ? pageSql(m) : countSql(m));
      this.queryCache.set(key, stmt);
    }
    return stmt;
  }

  search({ q, type, page, pageSize }: CatalogQuery): { total: number; bibIds: string[] } {
    const m = matchExpressions(q);
    if (m === null) return { total: 0, bibIds: [] };
    const params: Record<string, string | number | null> = { type: type ?? null };
    if (m.trigram !== null) params['trigram'] = m.trigram;
    if (m.grams !== null) params['grams'] = m.grams;
    const countParams = { ...params };
    if (m.trigram !== null) params['trigramTitle'] = inTitle(m.trigram);
    if (m.grams !== null) params['gramsTitle'] = inTitle(m.grams);
    params['limit'] = pageSize;
    params['offset'] = (page - 1) * pageSize;

    const rows = this.statement('page', m).all(params) as { bibId: string; total: number }[];
    if (rows.length > 0) return { total: rows[0]!.total, bibIds: rows.map((r) => r.bibId) };
    const { total } = this.statement('count', m).get(countParams) as { total: number };
    return { total, bibIds: [] };
  }

  count(): number {
    return this.write.count.get()!.n;
  }

  close(): void {
    this.db.close();
  }
}
