/** Refusals of a new password (change and first issuance), explained, with the field they concern. */
import { msg, str } from '@lit/localize';
import type { ApiFailure } from '../../data/api.ts';
import { errorText, waitText } from '../../i18n/labels.ts';

export type PasswordField = 'current' | 'new' | 'confirm' | 'card' | null;

export interface Refusal {
  field: PasswordField;
  text: string;
}

export function passwordRefusal(failure: ApiFailure): Refusal {
  switch (failure.code) {
    case 'wrong_password':
      return { field: 'current', text: msg('古いパスワードが正しくありません。いま使っているパスワードを入力してください。', { id: 'password.refused.wrong_password' }) };
    case 'password_policy':
      return { field: 'new', text: msg('新しいパスワードは6文字以上で、半角の英字と数字を両方含めてください（記号や全角文字は使えません）。', { id: 'password.refused.password_policy' }) };
    case 'password_mismatch':
      return { field: 'confirm', text: msg('「新しいパスワード」と「新しいパスワード(再)」が一致しません。同じパスワードを2回入力してください。', { id: 'password.refused.password_mismatch' }) };
    case 'verification_failed':
      return { field: 'card', text: msg('利用券番号または生年月日が正しくありません。利用券と生年月日をご確認ください。', { id: 'issuance.refused.verification_failed' }) };
    case 'already_issued':
      return { field: null, text: msg('この利用券のパスワードは発行済みです。ログインしてください。パスワードを忘れた場合は図書館の窓口にお問い合わせください。', { id: 'issuance.refused.already_issued' }) };
    case 'too_many_attempts': {
      const wait = waitText(failure.retryAfterSeconds ?? 60);
      return { field: null, text: msg(str`試行回数が多すぎます。${wait}後にもう一度お試しください。`, { id: 'issuance.refused.too_many_attempts' }) };
    }
    default:
      return { field: null, text: errorText(failure) };
  }
}
