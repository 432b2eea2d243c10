/**
 * A few hundred demo catalogue titles, generated deterministically (same list on every start):
 * Japanese-looking titles, authors and publishers, books of every category, magazines and CDs.
 * The named titles of the demo story ([docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)) come first.
 */
import type { Category, MaterialType } from '../../common/api.ts';

export interface DemoTitle {
  title: string;
  author: string | null;
  publisher: string | null;
  year: number | null;
  materialType: MaterialType;
  category: Category;
  copies: { barcode: string; branch: string }[];
}

/** The titles the demo story uses, by name, with the seed's barcodes where it shows them. */
export const STORY_TITLES: DemoTitle[] = [
  { title: '夢の守り人', author: '上橋 菜穂子', publisher: '偕成社', year: 2000, materialType: 'book', category: 'children', copies: [{ barcode: '107509002', branch: 'central' }, { barcode: '107509003', branch: 'higashi' }] },
  { title: '精霊の守り人', author: '上橋 菜穂子', publisher: '偕成社', year: 1996, materialType: 'book', category: 'children', copies: [{ barcode: '107509000', branch: 'central' }, { barcode: '107509010', branch: 'nukuikita' }] },
  { title: '闇の守り人', author: '上橋 菜穂子', publisher: '偕成社', year: 1999, materialType: 'book', category: 'children', copies: [{ barcode: '107509001', branch: 'central' }, { barcode: '107509011', branch: 'midori' }] },
  { title: '哲学のことば', author: '左近司 祥子', publisher: '岩波書店', year: 2014, materialType: 'book', category: 'children', copies: [{ barcode: '105897995', branch: 'central' }] },
  { title: '地底旅行', author: 'ジュール・ヴェルヌ', publisher: '岩波書店', year: 1997, materialType: 'book', category: 'general', copies: [{ barcode: '103300411', branch: 'central' }] },
  { title: 'お城へ行こう!', author: '萩原 さちこ', publisher: '岩波書店', year: 2017, materialType: 'book', category: 'children', copies: [{ barcode: '108120077', branch: 'central' }] },
  { title: 'さいごの戦い', author: 'C.S.ルイス', publisher: '岩波書店', year: 2000, materialType: 'book', category: 'children', copies: [{ barcode: '101245566', branch: 'central' }] },
  { title: 'イソップ', author: 'イソップ', publisher: '岩波書店', year: 1999, materialType: 'book', category: 'children', copies: [{ barcode: '102002468', branch: 'higashi' }] },
  { title: '週刊ベースボール', author: null, publisher: 'ベースボール・マガジン社', year: 2026, materialType: 'magazine', category: 'magazine', copies: [{ barcode: '500100001', branch: 'central' }] },
];

const ADJECTIVES = ['春の', '夜の', '青い', '小さな', 'はじめての', 'ひみつの', '森の', '海辺の', '星の', '風の', '遠い', 'たのしい', '静かな', '白い'];
const NOUNS = ['図書館', '旅人', '物語', '猫', '庭', '手紙', '約束', '記憶', '地図', '時計', '灯台', '列車', '料理', '科学', '歴史', '宇宙', '季節', '音楽'];
const SURNAMES = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '松本', '井上', '木村', '林'];
const GIVEN = ['花子', '太郎', '美咲', '健一', '由美', '翔太', '直子', '誠', '葵', '陽菜', '大輔', '千尋'];
const PUBLISHERS = ['岩波書店', '偕成社', '福音館書店', '講談社', '新潮社', '小学館', '筑摩書房', '理論社', 'ポプラ社', '河出書房新社'];
const MAGAZINES = ['週刊ベースボール', '暮しの手帖', '月刊たくさんのふしぎ', 'こどもの科学', 'きょうの料理', 'ニュートン', '鉄道ファン', '天文ガイド'];
const CDS = ['ベートーヴェン 交響曲第9番', 'ショパン 夜想曲集', 'バッハ 無伴奏チェロ組曲', '日本のうた 100選', 'こどものうた ベスト', 'モーツァルト ピアノ協奏曲集', 'ジャズ・スタンダード名演集', '美空ひばり 名曲集', '坂本龍一 ピアノ作品集', '沖縄の民謡'];
const BRANCHES = ['central', 'higashi', 'nukuikita', 'midori', 'nishinodai'];
const BOOK_CATEGORIES: Category[] = ['general', 'general', 'children', 'ya', 'general', 'children'];

/** The generated part of the catalogue (≈ 285 titles). */
export function generatedTitles(): DemoTitle[] {
  const out: DemoTitle[] = [];
  let barcode = 200000000;
  const copies = (n: number, i: number) =>
    Array.from({ length: n }, (_, k) => ({ barcode: String(++barcode), branch: BRANCHES[(i + k) % BRANCHES.length]! }));
  let i = 0;
  for (const adj of ADJECTIVES) {
    for (const noun of NOUNS) {
      out.push({
        title: `${adj}${noun}`,
        author: `${SURNAMES[i % SURNAMES.length]} ${GIVEN[(i * 5) % GIVEN.length]}`,
        publisher: PUBLISHERS[(i * 3) % PUBLISHERS.length]!,
        year: 1985 + ((i * 11) % 41),
        materialType: 'book',
        category: BOOK_CATEGORIES[i % BOOK_CATEGORIES.length]!,
        copies: copies(1 + (i % 3), i),
      });
      i++;
    }
  }
  for (const [m, name] of MAGAZINES.entries()) {
    for (const issue of [1, 2, 3]) {
      if (name === '週刊ベースボール' && issue === 1) continue; // the story's own copy
      out.push({ title: `${name} 2026年${issue + 2}月号`, author: null, publisher: PUBLISHERS[m % PUBLISHERS.length]!, year: 2026, materialType: 'magazine', category: 'magazine', copies: copies(1, m + issue) });
    }
  }
  for (const [c, name] of CDS.entries()) {
    out.push({ title: name, author: `${SURNAMES[(c * 3) % SURNAMES.length]} ${GIVEN[c % GIVEN.length]}（演奏）`, publisher: 'キングレコード', year: 1990 + c * 3, materialType: 'cd', category: 'cd', copies: copies(1 + (c % 2), c) });
  }
  return out;
}
