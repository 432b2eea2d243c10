/** こども: 利用者カード (furigana marked ｜漢字《よみ》). */
import { str } from '@lit/localize';

export const templates = {
  'menu.card': 'としょかんの カード',
  'card.number': 'カードの ばんごう',
  'card.barcodeLabel': str`カードの ばんごうの バーコード（${0}）`,
  'card.expired': 'きげんぎれ',
  'card.brighten': 'がめんを あかるく してね。',
  'card.noNumber': 'この きかいには まだ カードの ばんごうが ないよ。インターネットに つながっている ときに もういちど ひらいてね。',
  'card.barcodeFailed': 'バーコードが だせなかったよ。まどぐちで カードの ばんごうを つたえてね。',
  'card.notOnKiosk': 'みんなで つかう きかいでは カードは みせないよ。じぶんの きかいで ひらいてね。',
};
