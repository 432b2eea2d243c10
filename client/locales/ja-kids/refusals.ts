/**
 * The kids' Japanese (こども) for every refusal, by code and with the same parameters as the adult
 * catalogues (common/wording/). The server and the SW speak adult Japanese and English only: the
 * kids' words live here, loaded with the kids' locale module.
 */
import { slashDate, waitUnits, type RefusalWording } from '../../../common/wording/wording.ts';

function wait(seconds: number): string {
  const w = waitUnits(seconds);
  return 'minutes' in w ? `${w.minutes}ふん` : `${w.seconds}びょう`;
}

const AGAIN = 'うまく いきませんでした。もういちど やってみてね。';
const ASK_STAFF = 'としょかんの ひとに きいてね。';

export const refusals: RefusalWording = {
  invalid_input: (r) => {
    switch (r.reason) {
      case 'name_empty': return 'グループの なまえを いれてね。';
      case 'name_too_long': return `グループの なまえは ${r.maxLength}もじ までに してね。`;
      case 'name_control': return 'グループの なまえに つかえない もじが あります。';
      case 'name_taken': return 'おなじ なまえの グループが もう あります。';
      case 'unknown_branch': return 'うけとる としょかんを えらびなおしてね。';
      default: return 'いれた ないようを たしかめてね。';
    }
  },
  invalid_credentials: () => 'カードの ばんごうか パスワードが ちがいます。',
  too_many_attempts: (r) => `なんかいも まちがえたので、${wait(r.retryAfterSeconds)}ご に もういちど やってみてね。`,
  unauthenticated: () => 'もういちど ログインしてね。',
  forbidden: () => 'これは できません。',
  not_found: (r) => (r.what === 'title' ? 'この ほんは みつかりませんでした。' : 'みつかりませんでした。'),
  payload_too_large: () => 'おくった ないようが おおきすぎます。',
  idempotency_key_reused: () => AGAIN,
  unsupported_media_type: () => AGAIN,
  password_policy: (r) =>
    r.maxLength === undefined
      ? 'あたらしい パスワードは 6もじ いじょうで、えいごの もじと すうじを まぜてね。'
      : `パスワードは ${r.maxLength}もじ までで、えいごの もじと すうじを まぜてね。`,
  password_mismatch: () => 'あたらしい パスワードが 2かい おなじに なっていません。',
  verification_failed: () => 'カードの ばんごうか うまれた ひが ちがいます。',
  already_issued: () => 'この カードの パスワードは もう あります。ログインしてね。わすれたときは まどぐちで きいてね。',
  wrong_password: () => 'いまの パスワードが ちがいます。',
  invalid_email: () => 'メールアドレスの かきかたが ちがいます。',
  email_mismatch: () => '2かい いれた メールアドレスが おなじに なっていません。',
  email_in_use: (r) =>
    r.usedBy === 'defaults'
      ? 'れんらくの しかたが「メール」に なっているので、メールアドレスを けせません。'
      : 'メールで しらせる よやくが あるので、メールアドレスを けせません。',
  email_not_registered: () => 'メールが とうろくされていないので、れんらくを「メール」に できません。ほかの しかたを えらんでね。',
  outside_window: (r) => `いまは のばせない きかんです。${slashDate(r.from)} から ${slashDate(r.to)} まで のばせます。`,
  renewal_limit: (r) => `もう のばせません（のばせるのは ${r.maxRenewals}かい までです）。`,
  has_holds: () => 'よやくしている ひとが いるので のばせません。',
  not_renewable_material: () => 'CDは のばせません。',
  inter_library_loan: () => 'ほかの としょかんの ほんは のばせません。',
  card_expired: () => 'カードの きげんが きれています。まどぐちで きいてね。',
  hold_limit: (r) => `よやくできる かず（${r.limit}さつ）を こえたので、よやくできませんでした。ほんを うけとったり、よやくを とりけしたり すると よやくできます。`,
  cd_hold_limit: (r) => `CDを よやくできる かず（${r.limit}まい）を こえたので、よやくできませんでした。`,
  already_held: () => 'この ほんは もう よやくしています。',
  already_on_loan: () => 'この ほんは いま かりているので、よやくできません。',
  not_changeable: () => 'この よやくは かえられません。でんわか まどぐちで いってね。',
  hold_paused: () => 'この よやくは いま おやすみちゅうです。',
  not_cancellable: () => 'この よやくは とりけせません。でんわか まどぐちで いってね。',
  not_waiting: () => 'まっている よやくだけ ならべかえられます。',
  limit_reached: (r) =>
    r.what === 'categories'
      ? `グループは ${r.limit}こ まで つくれます。`
      : r.what === 'entries'
        ? `よみたい ほんは ${r.limit}さつ まで いれられます。`
        : `${r.limit}こ までです。`,
  clock_fixed: () => ASK_STAFF,
  already_exists: () => 'もう とうろくされています。',
  not_in_transit: () => ASK_STAFF,
  series_order: () => ASK_STAFF,
  not_next_in_line: () => ASK_STAFF,
  no_copy_available: () => ASK_STAFF,
  invalid_subscription: () => 'この たんまつの つうちの とうろくが うまく いきませんでした。もういちど やってみてね。',
  internal: () => AGAIN,
  offline: (r) => {
    if (r.action === 'account') return 'インターネットに つながっていないので、みられません。つながってから もういちど みてね。';
    if (r.action === 'renewal') {
      return r.sharedDevice
        ? 'インターネットに つながっていないので、のばせません。つながってから もういちど やってみてね。'
        : 'インターネットに つながっていないので、いまは のばせません。つながってから もういちど やってみてね。';
    }
    return 'つながりませんでした。もういちど やってみてね。';
  },
};
