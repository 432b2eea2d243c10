/**
 * Human messages for error codes, Japanese by default, English with `Accept-Language: en`.
 * Add a code here with a one-line edit when you add it to ErrorCode in common/api.ts.
 */
import type { ErrorCode } from '../../common/api.ts';
import { readRefusal } from '../../common/refusals.ts';
import { refusalMessage, wordingLanguage } from '../../common/wording/index.ts';

export const messages: Record<ErrorCode, { ja: string; en: string }> = {
  invalid_input: { ja: '入力内容に誤りがあります。', en: 'The request is not valid.' },
  invalid_credentials: { ja: '利用券番号またはパスワードが正しくありません。', en: 'The card number or password is not correct.' },
  too_many_attempts: { ja: '試行回数が多すぎます。しばらくしてからもう一度お試しください。', en: 'Too many attempts. Please wait and try again.' },
  unauthenticated: { ja: 'ログインしてください。', en: 'Please log in.' },
  forbidden: { ja: 'この操作は許可されていません。', en: 'This request is not allowed.' },
  not_found: { ja: '見つかりません。', en: 'Not found.' },
  payload_too_large: { ja: '送信された内容が大きすぎます。', en: 'The request body is too large.' },
  unsupported_media_type: { ja: '送信された内容の形式に対応していません（JSON で送信してください）。', en: 'The request body must be JSON (Content-Type: application/json).' },
  idempotency_key_reused: { ja: 'この要求キーは別の資料の延長に使われています。', en: 'This Idempotency-Key was already used for another loan.' },
  password_policy: { ja: 'パスワードは半角英字と数字を両方含む6文字以上にしてください。', en: 'The password needs at least 6 half-width letters and digits, with at least one of each.' },
  password_mismatch: { ja: '新しいパスワードが一致しません。', en: 'The new passwords do not match.' },
  verification_failed: { ja: '利用券番号または生年月日が正しくありません。', en: 'The card number or date of birth is not correct.' },
  already_issued: { ja: 'パスワードは発行済みです。', en: 'A password has already been issued for this card.' },
  wrong_password: { ja: '古いパスワードが正しくありません。', en: 'The current password is not correct.' },
  invalid_email: { ja: 'メールアドレスの形式が正しくありません。', en: 'The e-mail address is not valid.' },
  email_mismatch: { ja: 'メールアドレスが一致しません。', en: 'The e-mail addresses do not match.' },
  email_in_use: { ja: 'メール連絡の予約があるため、メールアドレスを削除できません。', en: 'Holds waiting to be notified by e-mail still use this address.' },
  email_not_registered: { ja: 'メールアドレスが登録されていません。', en: 'No e-mail address is registered.' },
  outside_window: { ja: '延長できる期間ではありません。', en: 'This item cannot be renewed now.' },
  renewal_limit: { ja: 'この資料は延長済みです。', en: 'This item has already been renewed.' },
  has_holds: { ja: '他の方の予約があるため延長できません。', en: 'Another patron has a hold on this title.' },
  not_renewable_material: { ja: 'CDは延長できません。', en: 'CDs cannot be renewed.' },
  inter_library_loan: { ja: '相互貸借の資料は延長できません。', en: 'Items borrowed from another library cannot be renewed.' },
  card_expired: { ja: '利用券の有効期限が切れています。', en: 'Your library card has expired.' },
  hold_limit: { ja: '予約できる点数を超えています。', en: 'You have reached the hold limit.' },
  cd_hold_limit: { ja: 'CDの予約できる点数を超えています。', en: 'You have reached the CD hold limit.' },
  already_held: { ja: 'すでに予約しています。', en: 'You already have a hold on this title.' },
  already_on_loan: { ja: 'すでに借りている資料です。', en: 'You already have this title on loan.' },
  not_changeable: { ja: 'この予約は変更できません。電話や窓口にてお伝えください。', en: 'This hold cannot be changed here. Please call or ask at the desk.' },
  not_cancellable: { ja: 'この予約は取り消しできません。電話や窓口にてお伝えください。', en: 'This hold cannot be cancelled here. Please call or ask at the desk.' },
  not_waiting: { ja: '予約待ちの予約だけを操作できます。', en: 'Only waiting holds can be used for this.' },
  limit_reached: { ja: '上限に達しています。', en: 'The limit has been reached.' },
  clock_fixed: { ja: 'この時計は変更できません（LIBRARY_NOW 未設定）。', en: 'The clock cannot be moved (LIBRARY_NOW is not set).' },
  already_exists: { ja: 'すでに登録されています。', en: 'It already exists.' },
  not_in_transit: { ja: 'この予約は回送中ではありません。', en: 'This hold is not in transit.' },
  series_order: { ja: 'シリーズ予約の前の資料が先です。', en: 'An earlier volume of this series hold comes first.' },
  hold_paused: { ja: 'この予約は一時停止中です。', en: 'This hold is paused.' },
  not_next_in_line: { ja: 'この資料には先に順番を待っている予約があります。', en: 'An earlier hold on this title comes first.' },
  no_copy_available: { ja: '書架にある資料がありません。', en: 'No copy of this title is on the shelf.' },
  invalid_subscription: { ja: 'この端末の通知の登録内容が正しくありません。', en: 'This device’s push subscription is not valid.' },
  offline: { ja: 'ネットワークに接続できません。', en: 'You are offline.' },
  internal: { ja: 'サーバーでエラーが発生しました。', en: 'An internal error occurred.' },
};

/** English when the request's first language is English, else Japanese. */
export function pickLanguage(acceptLanguage: string | null): 'ja' | 'en' {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}

/** Refusals whose words carry the library's numbers: worded by the shared catalogue when the error has them. */
const WORDED_WITH_PARAMS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['outside_window', 'renewal_limit']);

export function messageFor(code: ErrorCode, acceptLanguage: string | null, fields: Record<string, unknown> = {}): string {
  const refusal = WORDED_WITH_PARAMS.has(code) ? readRefusal(code, fields) : null;
  if (refusal) return refusalMessage(refusal, wordingLanguage(acceptLanguage));
  return messages[code][pickLanguage(acceptLanguage)];
}
