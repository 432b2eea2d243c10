/**
 * The catalogue index on SQLite (better-sqlite3): FTS5 trigram for words of 3+ characters and an
 * FTS5 table of 1–2 character grams for shorter ones, so every query word is an index lookup.
 * The file is derived data (see open-catalog-index.ts): a schema change simply rebuilds it.
 */
import Database from 'better-sqlite3';
import type { Statement, Database as SqliteDatabase } from 'better-sqlite3';
import type { MaterialType } from '../../common/api.ts';
import type { TitleRecord } from '../domain/records.ts';
import type { CatalogIndex, CatalogQuery } from './catalog-index.ts';
import { CREATE_SCHEMA, DROP_SCHEMA, SCHEMA_VERSION, countSql, matchExpressions, pageSql, type HitScope, type MatchExpressions } from './catalog-schema.ts';
import { gramTokens, normaliseText } from './catalog-text.ts';

export type IndexedTitle = Pick<TitleRecord, 'bibId' | 'title' | 'author' | 'publisher' | 'materialType'>;

type Fields = [title: string, author: string, publisher: string];

function normalisedFields(t: IndexedTitle): Fields {
  return [normaliseText(t.title), normaliseText(t.author ?? ''), normaliseText(t.publisher ?? '')];
}

export class SqliteCatalogIndex implements CatalogIndex {
  private readonly db: SqliteDatabase;
  private readonly queryCache = new Map<string, Statement>();
  private readonly write: {
    findId: Statement<[string], { id: number }>;
    insertTitle: Statement<[string, MaterialType, string]>;
    updateTitle: Statement<[MaterialType, string, number]>;
    deleteTrigram: Statement<[number]>;
    deleteGrams: Statement<[number]>;
    insertTrigram: Statement<[number, ...Fields]>;
    insertGrams: Statement<[number, ...Fields, MaterialType]>;
    count: Statement<[], { n: number }>;
  };

  constructor(path: string) {
    this.db = new Database(path);
    try {
      // Derived data: WAL for readers during writes; NORMAL sync is enough, a lost tail is rebuilt.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('mmap_size = 268435456');
      this.db.pragma('busy_timeout = 5000');
      if (this.db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) this.recreateSchema();
    } catch (e) {
      this.db.close(); // a file that is not a database: let the caller replace it
      throw e;
    }
    this.write = {
      findId: this.db.prepare('SELECT id FROM titles WHERE bib_id = ?'),
      insertTitle: this.db.prepare('INSERT INTO titles (bib_id, material_type, sort_key) VALUES (?, ?, ?)'),
      updateTitle: this.db.prepare('UPDATE titles SET material_type = ?, sort_key = ? WHERE id = ?'),
      deleteTrigram: this.db.prepare('DELETE FROM titles_trigram WHERE rowid = ?'),
      deleteGrams: this.db.prepare('DELETE FROM titles_grams WHERE rowid = ?'),
      insertTrigram: this.db.prepare('INSERT INTO titles_trigram (rowid, title, author, publisher) VALUES (?, ?, ?, ?)'),
      insertGrams: this.db.prepare('INSERT INTO titles_grams (rowid, title, author, publisher, material_type) VALUES (?, ?, ?, ?, ?)'),
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
    this.write.insertGrams.run(id, ...(fields.map((f) => gramTokens(f).join(' ')) as Fields), t.materialType);
  }

  upsert(title: IndexedTitle): void {
    this.db.transaction(() => this.upsertOne(title))();
  }

  /** Adds or replaces these titles, in one transaction. */
  upsertMany(titles: Iterable<IndexedTitle>): void {
    this.db.transaction(() => {
      for (const t of titles) this.upsertOne(t);
    })();
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

  private statement(sql: string): Statement {
    let stmt = this.queryCache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.queryCache.set(sql, stmt);
    }
    return stmt;
  }

  private total(m: MatchExpressions, scope: HitScope): number {
    return (this.statement(countSql(m, scope)).get(m) as { total: number }).total;
  }

  private page(m: MatchExpressions, scope: HitScope, limit: number, offset: number): string[] {
    const rows = this.statement(pageSql(m, scope)).all({ ...m, limit, offset }) as { bibId: string }[];
    return rows.map((r) => r.bibId);
  }

  /**
   * Titles matching every word in the title come first, then those matching through author or
   * publisher; each group by title. Each group is paged on its own, so a page in the first group
   * never sorts the whole (possibly huge) set of matches.
   */
  search({ q, type, page, pageSize }: CatalogQuery): { total: number; bibIds: string[] } {
    const m = matchExpressions(q, type);
    if (m === null) return { total: 0, bibIds: [] };
    const total = this.total(m, 'all');
    const offset = (page - 1) * pageSize;
    if (total === 0 || offset >= total) return { total, bibIds: [] };

    const inTitleTotal = this.total(m, 'title');
    const bibIds = offset < inTitleTotal ? this.page(m, 'title', pageSize, offset) : [];
    if (bibIds.length < pageSize && inTitleTotal < total) {
      bibIds.push(...this.page(m, 'rest', pageSize - bibIds.length, Math.max(0, offset - inTitleTotal)));
    }
    return { total, bibIds };
  }

  count(): number {
    return this.write.count.get()!.n;
  }

  has(bibId: string): boolean {
    return this.write.findId.get(bibId) !== undefined;
  }

  close(): void {
    this.db.close();
  }

  isOpen(): boolean {
    return this.db.open;
  }
}
