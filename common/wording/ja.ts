/**
 * Japanese words for every refusal (the default language of the pages, the server and the SW).
 * Where a code has parameters (common/refusals.ts) the words use them: the library's own limits,
 * days and dates, never a copy of the Koganei defaults.
 */
import { slashDate, waitUnits, type RefusalWording } from './wording.ts';

function wait(seconds: number): string {
  const w = waitUnits(seconds);
  return 'minutes' in w ? `${w.minutes}分` : `${w.seconds}秒`;
}

export const ja: RefusalWording = {
  invalid_input: (r) => {
    switch (r.reason) {
      case 'name_empty': return 'カテゴリ名を入力してください。';
      case 'name_too_long': return `カテゴリ名は${r.maxLength}文字以内で入力してください。`;
      case 'name_control': return 'カテゴリ名に使えない文字が含まれています。';
      case 'name_taken': return '同じ名前のカテゴリがすでにあります。';
      case 'unknown_branch': return '受取館が正しくありません。';
      default: return '入力内容に誤りがあります。';
    }
  },
  invalid_credentials: () => '利用券番号またはパスワードが正しくありません。',
  too_many_attempts: (r) => `試行回数が多すぎます。${wait(r.retryAfterSeconds)}後にもう一度お試しください。`,
  unauthenticated: () => 'ログインしてください。',
  forbidden: () => 'この操作は許可されていません。',
  not_found: (r) => {
    switch (r.what) {
      case 'title': return 'この資料は見つかりませんでした。';
      case 'category': return 'カテゴリが見つかりません。';
      case 'entry': return '今度読みたい資料に登録されていません。';
      default: return '見つかりません。';
    }
  },
  payload_too_large: () => '送信された内容が大きすぎます。',
  idempotency_key_reused: () => 'この要求キーは別の資料の延長に使われています。',
  unsupported_media_type: () => '送信された内容の形式に対応していません（JSON で送信してください）。',
  password_policy: (r) =>
    r.maxLength === undefined
      ? '新しいパスワードは6文字以上で、半角の英字と数字を両方含めてください（記号や全角文字は使えません）。'
      : `パスワードは${r.maxLength}文字以内で、半角英字と数字を両方含めてください。`,
  password_mismatch: () => '「新しいパスワード」と「新しいパスワード(再)」が一致しません。同じパスワードを2回入力してください。',
  verification_failed: () => '利用券番号または生年月日が正しくありません。利用券と生年月日をご確認ください。',
  already_issued: () => 'この利用券のパスワードは発行済みです。ログインしてください。パスワードを忘れた場合は図書館の窓口にお問い合わせください。',
  wrong_password: () => '古いパスワードが正しくありません。いま使っているパスワードを入力してください。',
  invalid_email: () => 'メールアドレスの形式が正しくありません。「name@example.jp」のように入力してください。',
  email_mismatch: () => '[E-mail1]と(再入力)が一致しません。同じメールアドレスを2回入力してください。',
  email_in_use: (r) =>
    r.usedBy === 'defaults'
      ? '初期設定の連絡方法が「メール」のため、メールアドレスを削除できません。先に連絡方法を変更してください。'
      : '連絡方法が「メール」の予約があるため、メールアドレスを削除できません。先に予約の連絡方法を変更してください。',
  email_not_registered: () =>
    'メールアドレスが登録されていないため、連絡方法に「メール」は選べません。「メール登録・変更」で登録してから選ぶか、ほかの連絡方法を選んでください。',
  outside_window: (r) => `延長できる期間ではありません（延長できるのは${slashDate(r.from)}から${slashDate(r.to)}までです）。`,
  renewal_limit: (r) => `この資料はこれ以上延長できません（延長は${r.maxRenewals}回までです）。`,
  has_holds: () => '予約が入っているため延長できません。',
  not_renewable_material: () => 'CDは延長できません。',
  inter_library_loan: () => '相互貸借の資料（他館からの借用資料）は延長できません。',
  card_expired: () => '利用券の有効期限が切れています。延長や予約をするには、図書館の窓口で更新してください。',
  hold_limit: (r) => `予約できる件数の上限に達しているため、予約できませんでした（${r.limit}件まで）。受け取りや取消で件数が減ると予約できます。`,
  cd_hold_limit: (r) => `CDの予約できる件数の上限に達しているため、予約できませんでした（${r.limit}件まで）。`,
  already_held: () => 'この資料はすでに予約しています。',
  already_on_loan: () => 'この資料はいま借りているため、予約できません。',
  not_changeable: () => 'この予約は変更できません。電話や窓口にてお伝えください。',
  hold_paused: () => 'この予約は一時停止中です。',
  not_cancellable: () => 'この予約は取り消しできません。電話や窓口にてお伝えください。',
  not_waiting: () => '予約待ちの予約だけを操作できます。',
  limit_reached: (r) => {
    switch (r.what) {
      case 'categories': return `カテゴリは${r.limit}件まで登録できます。不要なカテゴリを削除してから追加してください。`;
      case 'entries': return `今度読みたい資料は${r.limit}件まで登録できます。不要な資料を削除してから追加してください。`;
      default: return `上限（${r.limit}件）に達しています。`;
    }
  },
  clock_fixed: () => 'この時計は変更できません（LIBRARY_NOW 未設定）。',
  already_exists: () => 'すでに登録されています。',
  not_in_transit: () => 'この予約は回送中ではありません。',
  series_order: () => 'シリーズ予約の前の資料が先です。',
  not_next_in_line: () => 'この資料には先に順番を待っている予約があります。',
  no_copy_available: () => '書架にある資料がありません。',
  invalid_subscription: () => 'この端末の通知の登録内容が正しくありません。',
  internal: () => 'エラーが発生しました。しばらくしてからもう一度お試しください。',
  offline: (r) => {
    if (r.action === 'account') {
      return r.sharedDevice
        ? 'オフラインのため表示できません（共用端末には保存しません）。'
        : 'オフラインのため表示できません。接続が戻ってからもう一度お試しください。';
    }
    if (r.action === 'renewal') {
      return r.sharedDevice
        ? 'オフラインのため延長できません。共用端末では送信待ちにできません。接続が戻ってからもう一度お試しください。'
        : 'オフラインのため延長できません。接続が戻ってからもう一度お試しください。';
    }
    return '図書館に接続できませんでした。接続を確かめて、もう一度お試しください。';
  },
};
