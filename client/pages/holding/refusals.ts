/**
 * What each refusal means for the patron, and what they can do about it (holds, want-to-read).
 * Codes this module does not know fall back to the shell's errorText (the server's message).
 */
import { msg } from '@lit/localize';
import type { ApiFailure } from '../../data/api.ts';
import { errorText } from '../../i18n/labels.ts';

export function holdRefusalText(failure: ApiFailure): string {
  switch (failure.code) {
    case 'hold_limit':
      return msg('予約できる件数の上限に達しているため、予約できませんでした。受け取りや取消で件数が減ると予約できます。', { id: 'hold.refused.hold_limit' });
    case 'cd_hold_limit':
      return msg('CDの予約できる件数の上限に達しているため、予約できませんでした。', { id: 'hold.refused.cd_hold_limit' });
    case 'already_held':
      return msg('この資料はすでに予約しています。', { id: 'hold.refused.already_held' });
    case 'already_on_loan':
      return msg('この資料はいま借りているため、予約できません。', { id: 'hold.refused.already_on_loan' });
    case 'card_expired':
      return msg('利用券の有効期限が切れているため、予約できません。図書館の窓口で更新してください。', { id: 'hold.refused.card_expired' });
    case 'email_not_registered':
      return msg('メールアドレスが登録されていないため、連絡方法に「メール」は選べません。「メール登録・変更」で登録するか、ほかの連絡方法を選んでください。', { id: 'hold.refused.email_not_registered' });
    case 'not_found':
      return msg('この資料は見つかりませんでした。', { id: 'hold.refused.not_found' });
    default:
      return errorText(failure);
  }
}
