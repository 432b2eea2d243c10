/**
 * A deterministic, realistic-looking Japanese catalogue for the search benchmark: titles built
 * from common words and title patterns (…の…, はじめての…, …入門, 週刊…, series volumes), authors
 * from common surnames and given names (and some katakana names), real publisher names.
 */
import type { MaterialType } from '../../common/api.ts';
import type { IndexedTitle } from '../../server/catalog/sqlite-catalog-index.ts';

/** A small seeded PRNG (mulberry32): same seed, same catalogue. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = (
  '地底 旅行 海 空 星 夢 森 猫 犬 王国 戦争 平和 歴史 世界 日本 東京 京都 物語 冒険 秘密 時間 宇宙 科学 哲学 経済 ' +
  '料理 庭 花 風 雨 雪 月 太陽 少年 少女 魔法 図書館 学校 家族 友達 記憶 未来 昭和 江戸 数学 心理学 文学 社会 政治 ' +
  '音楽 映画 写真 山 川 島 街 駅 鉄道 旅 恋 愛 命 声 色 光 影 鏡 扉 城 竜 騎士 探偵 事件 手紙 日記 季節 春 夏 秋 冬 ' +
  '守り人 戦い 言葉 心 人生 仕事 子ども 教育 健康 病気 医学 法律 会社 お金 投資 英語 中国 アジア 森林 動物 植物 ' +
  '鳥 魚 昆虫 恐竜 地球 環境 エネルギー 原子力 コンピュータ プログラミング データ ロボット ミステリー ファンタジー ' +
  'コーヒー パン ケーキ お菓子 ワイン 神話 伝説 民話 昔話 童話 絵本 詩 俳句 短歌 小説 随筆 漫画 将棋 囲碁 野球 ' +
  'サッカー テニス 登山 釣り 園芸 手芸 建築 美術 デザイン 茶道 書道 着物 祭り 神社 寺 仏教 戦国 武将 忍者 侍'
).split(' ');
const ADJECTIVES = 'はじめての やさしい たのしい ふしぎな ちいさな おおきな 新しい 美しい 静かな 遠い 最後の 最初の 幻の 小さな 本当の 僕の 私の 君の'.split(' ');
const SUFFIXES = '物語 入門 の話 事典 図鑑 ガイド 読本 の本 のひみつ 百科 講座 ノート 全集 論 史 研究 ハンドブック'.split(' ');
const SURNAMES = (
  '佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 清水 山崎 森 ' +
  '池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 斉藤 福田 太田 西村 ' +
  '藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 上田 森田 上原 柴田 酒井 工藤 横山'
).split(' ');
const GIVEN_NAMES = (
  '健太 翔太 大輔 拓也 直樹 和也 達也 誠 浩 隆 学 修 剛 聡 実 茂 博 清 勇 明 陽子 美穂 恵 愛 由美 裕子 智子 ' +
  '直子 真由美 久美子 京子 洋子 幸子 明美 香織 彩 さくら 葵 結衣 陽菜 美咲 七海 はるか 優 翼 蓮 湊 樹 悠真 大和'
).split(' ');
const FOREIGN_NAMES = 'ジュール・ヴェルヌ アガサ・クリスティー C.S.ルイス ミヒャエル・エンデ トルストイ ドストエフスキー シェイクスピア アンデルセン グリム イソップ マーク・トウェイン ヘミングウェイ'.split(' ');
const PUBLISHERS = (
  '岩波書店 講談社 新潮社 集英社 小学館 角川書店 文藝春秋 筑摩書房 中央公論新社 早川書房 東京創元社 偕成社 福音館書店 ' +
  'ポプラ社 理論社 河出書房新社 光文社 幻冬舎 朝日新聞出版 日本経済新聞出版 ダイヤモンド社 東洋経済新報社 有斐閣 ' +
  '平凡社 白水社 みすず書房 吉川弘文館 山川出版社 技術評論社 オーム社 翔泳社 学研プラス 徳間書店 双葉社 PHP研究所 ' +
  'ベースボール・マガジン社 日経BP NHK出版 ソニー・ミュージック ユニバーサルミュージック キングレコード'
).split(' ');

export function generateCatalogue(count: number, seed: number): IndexedTitle[] {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const person = () => (rand() < 0.1 ? pick(FOREIGN_NAMES) : pick(SURNAMES) + pick(GIVEN_NAMES));

  const bookTitle = (): string => {
    const r = rand();
    if (r < 0.25) return `${pick(NOUNS)}の${pick(NOUNS)}`;
    if (r < 0.4) return `${pick(ADJECTIVES)}${pick(NOUNS)}`;
    if (r < 0.55) return `${pick(NOUNS)}${pick(SUFFIXES)}`;
    if (r < 0.65) return `${pick(NOUNS)}と${pick(NOUNS)}`;
    if (r < 0.75) return `${pick(ADJECTIVES)}${pick(NOUNS)}${pick(SUFFIXES)}`;
    if (r < 0.85) return `${pick(NOUNS)}の${pick(NOUNS)} 第${1 + Math.floor(rand() * 12)}巻`;
    if (r < 0.92) return `${pick(NOUNS)}${pick(NOUNS)}${pick(SUFFIXES)}`;
    return `新版 ${pick(NOUNS)}の${pick(NOUNS)}${pick(SUFFIXES)}`;
  };

  const titles: IndexedTitle[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    const materialType: MaterialType = r < 0.85 ? 'book' : r < 0.95 ? 'magazine' : 'cd';
    let title: string;
    let author: string | null = person();
    if (materialType === 'magazine') {
      title = `${pick(['週刊', '月刊', '季刊'])}${pick(NOUNS)} ${2015 + Math.floor(rand() * 12)}年${1 + Math.floor(rand() * 12)}月号`;
      author = null;
    } else if (materialType === 'cd') {
      title = rand() < 0.5 ? `${pick(NOUNS)}のうた` : `${pick(NOUNS)} ベスト・セレクション`;
    } else {
      title = bookTitle();
    }
    titles.push({ bibId: `B${String(i + 1).padStart(7, '0')}`, title, author, publisher: pick(PUBLISHERS), materialType });
  }
  return titles;
}
