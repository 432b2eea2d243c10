/**
 * The catalogue index itself (no HTTP): Japanese substring search for 1, 2 and 3+ character
 * words, author and publisher, NFKC, katakana = hiragana, several words, type filter, paging and
 * order, upsert, and the sync with the store at open. Real SQLite files in a temp DATA_DIR.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCatalogIndex, CATALOG_INDEX_FILE } from '../../server/catalog/open-catalog-index.ts';
import { SqliteCatalogIndex, type IndexedTitle } from '../../server/catalog/sqlite-catalog-index.ts';
import { CREATE_SCHEMA, SCHEMA_VERSION, matchExpressions } from '../../server/catalog/catalog-schema.ts';
import { gramToken, gramTokens, normaliseText } from '../../server/catalog/catalog-text.ts';
import { openStorage } from '../../server/storage/open-storage.ts';
import { createStore, type Store } from '../../server/storage/store.ts';
import { keys, type TitleRecord } from '../../server/domain/records.ts';
import type { MaterialType } from '../../common/api.ts';

const CATALOGUE: IndexedTitle[] = [
  { bibId: 'b-chitei', title: '地底旅行', author: 'ジュール・ヴェルヌ', publisher: '岩波書店', materialType: 'book' },
  { bibId: 'b-abc', title: 'ABC殺人事件', author: 'アガサ・クリスティー', publisher: '早川書房', materialType: 'book' },
  { bibId: 'b-baseball', title: '週刊ベースボール', author: null, publisher: 'ベースボール・マガジン社', materialType: 'magazine' },
  { bibId: 'b-yume', title: '夢の守り人', author: '上橋菜穂子', publisher: '偕成社', materialType: 'book' },
  { bibId: 'b-tabi', title: '旅のうた', author: '地底探検隊', publisher: 'キングレコード', materialType: 'cd' },
  { bibId: 'b-kaitei', title: '海底二万里', author: 'ジュール・ヴェルヌ', publisher: '福音館書店', materialType: 'book' },
];

function search(index: { search: SqliteCatalogIndex['search'] }, q: string, type?: MaterialType) {
  return index.search({ q, type, page: 1, pageSize: 20 });
}

/** A fresh index file in a temp dir for one describe block, loaded with `titles`; removed after it. */
function indexForSuite(titles: IndexedTitle[], use: (index: SqliteCatalogIndex) => void): void {
  let dir: string;
  let index: SqliteCatalogIndex;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shiori-catalog-'));
    index = new SqliteCatalogIndex(join(dir, CATALOG_INDEX_FILE));
    index.replaceAll(titles);
    use(index);
  });
  after(() => {
    index.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

describe('catalogue index: matching', () => {
  let index: SqliteCatalogIndex;
  indexForSuite(CATALOGUE, (i) => (index = i));

  it('finds 地底旅行 by the two-character word 地底 (title match first, then the author match)', () => {
    assert.deepEqual(search(index, '地底'), { total: 2, bibIds: ['b-chitei', 'b-tabi'] });
  });

  it('finds by a one-character word', () => {
    assert.deepEqual(search(index, '夢'), { total: 1, bibIds: ['b-yume'] });
    assert.deepEqual(search(index, '旅').bibIds, ['b-tabi', 'b-chitei'], 'both titles contain 旅; the one starting with it first');
  });

  it('finds by a word of three or more characters, as a substring', () => {
    assert.deepEqual(search(index, '底旅行'), { total: 1, bibIds: ['b-chitei'] });
    assert.deepEqual(search(index, '二万里'), { total: 1, bibIds: ['b-kaitei'] });
    assert.equal(search(index, '地底旅行記').total, 0);
  });

  it('finds by author', () => {
    assert.deepEqual(search(index, 'ヴェルヌ').bibIds, ['b-chitei', 'b-kaitei']);
    assert.deepEqual(search(index, '上橋').bibIds, ['b-yume']);
  });

  it('finds by publisher', () => {
    assert.deepEqual(search(index, '岩波書店').bibIds, ['b-chitei']);
    assert.deepEqual(search(index, '早川').bibIds, ['b-abc']);
  });

  it('normalises with NFKC and case: full-width ＡＢＣ, lower case abc and half-width ｸﾘｽﾃｨｰ all match', () => {
    assert.deepEqual(search(index, 'ＡＢＣ').bibIds, ['b-abc']);
    assert.deepEqual(search(index, 'abc').bibIds, ['b-abc']);
    assert.deepEqual(search(index, 'ａｂ').bibIds, ['b-abc'], 'a two-character word goes through the gram table');
    assert.deepEqual(search(index, 'ｸﾘｽﾃｨｰ').bibIds, ['b-abc']);
  });

  it('ANDs words separated by ASCII or full-width spaces', () => {
    assert.deepEqual(search(index, 'ヴェルヌ 海').bibIds, ['b-kaitei']);
    assert.deepEqual(search(index, 'ヴェルヌ　地底').bibIds, ['b-chitei']);
    assert.deepEqual(search(index, '地底旅行 早川').total, 0);
  });

  it('filters by material type', () => {
    assert.deepEqual(search(index, '地底', 'cd').bibIds, ['b-tabi']);
    assert.deepEqual(search(index, '地底', 'book').bibIds, ['b-chitei']);
    assert.equal(search(index, '地底', 'magazine').total, 0);
    assert.deepEqual(search(index, 'ベースボール', 'magazine').bibIds, ['b-baseball']);
    assert.equal(search(index, 'ベースボール', 'book').total, 0, 'long words only: filtered on the title row');
    assert.deepEqual(search(index, 'ヴェルヌ 海', 'book').bibIds, ['b-kaitei'], 'long and short words');
    assert.equal(search(index, 'ヴェルヌ 海', 'cd').total, 0);
  });

  it('filters by several material types at once', () => {
    const types = (q: string, type: MaterialType[]) => index.search({ q, type, page: 1, pageSize: 20 }).bibIds;
    assert.deepEqual(types('地底', ['cd', 'magazine']), ['b-tabi'], 'short word (gram table)');
    assert.deepEqual(types('ベースボール', ['book', 'magazine']), ['b-baseball'], 'long word (title rows)');
    assert.deepEqual(types('ベースボール', ['book', 'cd']), []);
    assert.deepEqual(types('地底', ['book', 'magazine', 'cd']), ['b-chitei', 'b-tabi'], 'every type = no filter');
    assert.deepEqual(types('地底', []), ['b-chitei', 'b-tabi'], 'no type = no filter');
  });

  it('treats quotes and FTS syntax in a query as plain characters', () => {
    for (const q of ['"', '"地底', 'AND', 'title:地底', '*', 'NEAR(地 底)', '(']) {
      assert.doesNotThrow(() => search(index, q), q);
    }
    assert.equal(search(index, 'OR').total, 0);
  });

  it('finds nothing for a query of spaces only', () => {
    assert.deepEqual(search(index, ' 　 '), { total: 0, bibIds: [] });
  });
});

describe('catalogue index: katakana and hiragana find each other', () => {
  let index: SqliteCatalogIndex;
  const KANA: IndexedTitle[] = [
    { bibId: 'k-mamori', title: 'マモリビト', author: 'ウエハシ・ナホコ', publisher: 'カイセイシャ', materialType: 'book' },
    { bibId: 'k-yume', title: 'ユメみる森', author: null, publisher: null, materialType: 'book' },
    { bibId: 'h-ano', title: 'あのゆめ', author: null, publisher: null, materialType: 'book' },
    { bibId: 'h-hoshi', title: 'ほしのこえ', author: 'しんかい まこと', publisher: null, materialType: 'cd' },
    { bibId: 'k-ramen', title: 'ラーメンの本', author: null, publisher: null, materialType: 'magazine' },
    { bibId: 'x-kanji', title: '夢の守り人', author: '上橋菜穂子', publisher: '偕成社', materialType: 'book' },
  ];
  indexForSuite(KANA, (i) => (index = i));

  it('finds a katakana title and a katakana author by a hiragana query', () => {
    assert.deepEqual(search(index, 'まもりびと'), { total: 1, bibIds: ['k-mamori'] });
    assert.deepEqual(search(index, 'うえはし'), { total: 1, bibIds: ['k-mamori'] }, 'author');
    assert.deepEqual(search(index, 'かいせいしゃ').bibIds, ['k-mamori'], 'publisher');
    assert.deepEqual(search(index, 'まもりビト').bibIds, ['k-mamori'], 'both scripts in one word');
    assert.deepEqual(search(index, 'マモリビト').bibIds, ['k-mamori'], 'the same script still matches');
  });

  it('finds a hiragana title and author by a katakana query', () => {
    assert.deepEqual(search(index, 'ホシノコエ'), { total: 1, bibIds: ['h-hoshi'] });
    assert.deepEqual(search(index, 'シンカイ').bibIds, ['h-hoshi'], 'author');
    assert.deepEqual(search(index, 'ユメ').bibIds, ['k-yume', 'h-ano'], 'ユメみる森 starts with the word, あのゆめ contains it');
  });

  it('finds by a half-width katakana query', () => {
    assert.deepEqual(search(index, 'ﾏﾓﾘﾋﾞﾄ').bibIds, ['k-mamori'], 'ﾋﾞ is one character after NFKC');
    assert.deepEqual(search(index, 'ﾎｼﾉｺｴ').bibIds, ['h-hoshi']);
    assert.deepEqual(search(index, 'ﾕﾒ').bibIds, ['k-yume', 'h-ano'], 'two characters');
  });

  it('folds one- and two-character words, which still go through the gram table', () => {
    for (const [q, folded] of [['ユ', 'ゆ'], ['ゆ', 'ゆ'], ['ﾕ', 'ゆ'], ['ユメ', 'ゆめ'], ['ゆメ', 'ゆめ'], ['ﾕﾒ', 'ゆめ']] as const) {
      const m = matchExpressions(q, undefined)!;
      assert.deepEqual({ trigram: m.trigram, grams: m.grams }, { trigram: null, grams: gramToken(folded) }, q);
    }
    assert.deepEqual(search(index, 'ゆ').bibIds, ['k-yume', 'h-ano']);
    assert.deepEqual(search(index, 'ゆめ').bibIds, ['k-yume', 'h-ano']);
    assert.deepEqual(search(index, 'ビ').bibIds, ['k-mamori']);
    assert.deepEqual(search(index, 'ほ', 'cd').bibIds, ['h-hoshi'], 'with a type filter in the gram table');
    assert.deepEqual(search(index, 'ホ', 'book').bibIds, ['k-mamori'], 'ナホコ in the author');
  });

  it('leaves the long-vowel mark and other marks alone: ー matches ー only', () => {
    assert.deepEqual(search(index, 'らーめん').bibIds, ['k-ramen']);
    assert.deepEqual(search(index, 'ー').bibIds, ['k-ramen']);
    assert.equal(search(index, 'らあめん').total, 0);
    assert.equal(normaliseText('ｶﾞﾝﾀﾞﾑ・ラーメン ヽヾヷヺ'), 'がんだむ・らーめん ヽヾヷヺ');
    assert.equal(normaliseText('ァヴヵヶ'), 'ぁゔゕゖ', 'the first and last katakana of the folded range');
  });

  it('does not fold kanji: 夢 finds 夢 only, ゆめ does not find it', () => {
    assert.deepEqual(search(index, '夢').bibIds, ['x-kanji']);
    assert.deepEqual(search(index, '上橋').bibIds, ['x-kanji']);
    assert.ok(!search(index, 'ゆめ').bibIds.includes('x-kanji'));
  });
});

describe('catalogue index: titles starting with the word come first', () => {
  let index: SqliteCatalogIndex;
  const titles = ['あの夢の話', '夢見る旅人', '白い夢', '夢', '夢見る人々の夢物語', 'ゆめ'];
  indexForSuite(
    [
      ...titles.map((title, i): IndexedTitle => ({ bibId: `t${i}`, title, author: null, publisher: null, materialType: 'book' })),
      { bibId: 'a1', title: 'ある本', author: '夢見る作家', publisher: null, materialType: 'book' },
    ],
    (i) => (index = i),
  );
  const titlesFor = (q: string) => index.search({ q, page: 1, pageSize: 20 }).bibIds.map((id) => (id === 'a1' ? 'author:夢見る作家' : titles[Number(id.slice(1))]));

  it('for a one-character word', () => {
    assert.deepEqual(titlesFor('夢'), ['夢', '夢見る人々の夢物語', '夢見る旅人', 'あの夢の話', '白い夢', 'author:夢見る作家']);
  });
  it('for a two-character word', () => {
    assert.deepEqual(titlesFor('夢見'), ['夢見る人々の夢物語', '夢見る旅人', 'author:夢見る作家']);
    assert.deepEqual(titlesFor('の夢'), ['あの夢の話', '夢見る人々の夢物語']);
  });
  it('for a word of three or more characters', () => {
    assert.deepEqual(titlesFor('夢見る'), ['夢見る人々の夢物語', '夢見る旅人', 'author:夢見る作家']);
    assert.deepEqual(titlesFor('夢物語'), ['夢見る人々の夢物語']);
  });
  it('by the first word of several', () => {
    assert.deepEqual(titlesFor('旅人 夢'), ['夢見る旅人'], 'all words must match');
    assert.deepEqual(titlesFor('話 夢'), ['あの夢の話']);
    assert.deepEqual(titlesFor('夢 の'), ['夢見る人々の夢物語', 'あの夢の話']);
  });
});

describe('catalogue index: paging, order and upsert', () => {
  let index: SqliteCatalogIndex;
  // 45 titles with 猫 in the title (in reverse name order), 5 with 猫 only in the author.
  const cats: IndexedTitle[] = Array.from({ length: 45 }, (_, i) => ({
    bibId: `cat-${String(i).padStart(2, '0')}`,
    title: `猫の本 ${String(44 - i).padStart(2, '0')}`,
    author: null,
    publisher: null,
    materialType: 'book',
  }));
  const byAuthor: IndexedTitle[] = Array.from({ length: 5 }, (_, i) => ({
    bibId: `auth-${i}`,
    title: `あ${i}`,
    author: '猫田一郎',
    publisher: null,
    materialType: 'book',
  }));
  indexForSuite([...byAuthor, ...cats], (i) => (index = i));

  it('pages 50 matches by 20 with the same total on every page, each title once', () => {
    const pages = [1, 2, 3, 4].map((page) => index.search({ q: '猫', page, pageSize: 20 }));
    assert.deepEqual(pages.map((p) => p.total), [50, 50, 50, 50]);
    assert.deepEqual(pages.map((p) => p.bibIds.length), [20, 20, 10, 0]);
    const all = pages.flatMap((p) => p.bibIds);
    assert.equal(new Set(all).size, 50);
  });

  it('orders title matches (by title) before author matches', () => {
    const all = [1, 2, 3].flatMap((page) => index.search({ q: '猫', page, pageSize: 20 }).bibIds);
    assert.deepEqual(all.slice(0, 3), ['cat-44', 'cat-43', 'cat-42'], '猫の本 00, 01, 02 first');
    assert.deepEqual(all.slice(45), ['auth-0', 'auth-1', 'auth-2', 'auth-3', 'auth-4']);
  });

  it('upsert replaces a title: old words stop matching, new ones match, the count is unchanged', () => {
    const before = index.count();
    index.upsert({ bibId: 'cat-00', title: '犬の本', author: '犬山', publisher: '犬社', materialType: 'cd' });
    assert.equal(index.count(), before);
    assert.equal(index.search({ q: '猫', page: 1, pageSize: 20 }).total, 49);
    assert.deepEqual(index.search({ q: '犬', type: 'cd', page: 1, pageSize: 20 }).bibIds, ['cat-00']);
    assert.equal(index.search({ q: '犬', type: 'book', page: 1, pageSize: 20 }).total, 0);
    index.upsert({ bibId: 'new-1', title: '新しい猫', author: null, publisher: null, materialType: 'book' });
    assert.equal(index.count(), before + 1);
    assert.equal(index.search({ q: '新しい', page: 1, pageSize: 20 }).total, 1);
  });
});

describe('openCatalogIndex: derived from the store', () => {
  let dir: string;
  let store: Store;
  const record = (t: IndexedTitle): TitleRecord => ({
    ...t,
    year: null,
    category: t.materialType === 'cd' ? 'cd' : t.materialType === 'magazine' ? 'magazine' : 'general',
    copies: [],
    queue: [],
  });
  const putTitles = (titles: IndexedTitle[]) =>
    store.transaction(async (tx) => {
      for (const t of titles) tx.set(keys.title(t.bibId), record(t));
    });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shiori-catalog-'));
    store = await createStore(await openStorage({ dataDir: dir }));
    await putTitles(CATALOGUE.slice(0, 4));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds DATA_DIR/catalog-index.sqlite from the title records at first open', async () => {
    const index = await openCatalogIndex({ dataDir: dir, store });
    try {
      assert.ok(existsSync(join(dir, CATALOG_INDEX_FILE)));
      assert.equal(index.count(), 4);
      assert.deepEqual(search(index, '地底').bibIds, ['b-chitei']);
    } finally {
      index.close();
    }
  });

  it('rebuilds when the store holds a different number of titles', async () => {
    await putTitles(CATALOGUE.slice(4));
    const index = await openCatalogIndex({ dataDir: dir, store });
    try {
      assert.equal(index.count(), CATALOGUE.length);
      assert.deepEqual(search(index, '地底').bibIds, ['b-chitei', 'b-tabi']);
    } finally {
      index.close();
    }
  });

  it('keeps what upsert wrote across a reopen', async () => {
    const first = await openCatalogIndex({ dataDir: dir, store });
    first.upsert({ bibId: 'b-yume', title: '闇の守り人', author: '上橋菜穂子', publisher: '偕成社', materialType: 'book' });
    first.close();
    const again = await openCatalogIndex({ dataDir: dir, store });
    try {
      assert.deepEqual(search(again, '闇').bibIds, ['b-yume']);
    } finally {
      again.close();
    }
  });

  it('rebuilds an index file written by an older layout', async () => {
    // Same number of rows as the store has titles, but not the current tables.
    const file = join(dir, CATALOG_INDEX_FILE);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    const old = new Database(file);
    old.exec('CREATE TABLE titles (id INTEGER PRIMARY KEY, bib_id TEXT)');
    for (const t of CATALOGUE) old.prepare('INSERT INTO titles (bib_id) VALUES (?)').run(t.bibId);
    old.pragma('user_version = 1');
    old.close();
    const index = await openCatalogIndex({ dataDir: dir, store });
    try {
      assert.equal(index.count(), CATALOGUE.length);
      assert.deepEqual(search(index, '地底').bibIds, ['b-chitei', 'b-tabi']);
    } finally {
      index.close();
    }
  });

  it('rebuilds an index file built by the previous schema version (text not kana-folded) at open', async () => {
    // The current tables and as many titles as the store, indexed as version 5 did: NFKC and
    // lower case only. Only the version tells that its text is stale.
    const file = join(dir, CATALOG_INDEX_FILE);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    const oldNormalise = (text: string | null) => (text ?? '').normalize('NFKC').toLowerCase().trim();
    const old = new Database(file);
    old.exec(CREATE_SCHEMA);
    CATALOGUE.forEach((t, i) => {
      const fields = [t.title, t.author, t.publisher].map(oldNormalise);
      old.prepare('INSERT INTO titles (id, bib_id, material_type, sort_key) VALUES (?, ?, ?, ?)').run(i + 1, t.bibId, t.materialType, fields[0]);
      old.prepare('INSERT INTO titles_trigram (rowid, title, author, publisher) VALUES (?, ?, ?, ?)').run(i + 1, ...fields);
      const grams = fields.map((f) => gramTokens(f).join(' '));
      old.prepare('INSERT INTO titles_grams (rowid, title, author, publisher, material_type) VALUES (?, ?, ?, ?, ?)').run(i + 1, ...grams, t.materialType);
    });
    old.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    old.close();

    const index = await openCatalogIndex({ dataDir: dir, store });
    try {
      assert.equal(index.count(), CATALOGUE.length);
      assert.deepEqual(search(index, 'くりすてぃー').bibIds, ['b-abc'], 'katakana author アガサ・クリスティー by hiragana');
      assert.deepEqual(search(index, 'ゔぇ').bibIds, ['b-chitei', 'b-kaitei'], 'ジュール・ヴェルヌ by a two-character word');
      assert.deepEqual(search(index, 'ベースボール').bibIds, ['b-baseball'], 'katakana still finds katakana');
      assert.deepEqual(search(index, '地底').bibIds, ['b-chitei', 'b-tabi']);
    } finally {
      index.close();
    }
  });

  it('indexes a catalogue larger than what is indexed before the start in the background, and search fills in', async () => {
    const file = join(dir, CATALOG_INDEX_FILE);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    const logged: string[] = [];
    const log = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
    const index = await openCatalogIndex({ dataDir: dir, store, log, indexBeforeStart: 3 });
    try {
      assert.ok(index.count() < CATALOGUE.length, 'open returned before the index was complete');
      for (let i = 0; index.count() < CATALOGUE.length; i++) {
        assert.ok(i < 500, 'the background build finishes');
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.deepEqual(search(index, '地底').bibIds, ['b-chitei', 'b-tabi']);
      await new Promise((r) => setTimeout(r, 20));
      assert.ok(logged.some((m) => /indexed in the background/.test(m)), logged.join('\n'));
    } finally {
      index.close();
    }
  });

  it('replaces a damaged index file with a fresh build', async () => {
    const file = join(dir, CATALOG_INDEX_FILE);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    writeFileSync(file, 'this is not a database, just some bytes that SQLite will refuse to read');
    const index = await openCatalogIndex({ dataDir: dir, store });
    try {
      assert.equal(index.count(), CATALOGUE.length);
      assert.deepEqual(search(index, '夢').bibIds, ['b-yume']);
    } finally {
      index.close();
    }
  });
});
