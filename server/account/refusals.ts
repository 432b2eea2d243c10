/**
 * Specific messages for the account routes' refusals, where the generic message of the code
 * (server/http/messages.ts) would not tell the patron what to do: which limit, which name rule.
 * The code stays the contract; the message is for humans, in the request's language.
 */
import type { H3Event } from 'h3';
import type { ErrorCode } from '../../common/api.ts';
import { apiError } from '../http/errors.ts';
import { PASSWORD_MAX_LENGTH } from '../rules/password-policy.ts';
import { pickLanguage } from '../http/messages.ts';
import { CATEGORY_NAME_MAX_LENGTH, WISHLIST_MAX_CATEGORIES, WISHLIST_MAX_ENTRIES, type WishlistRefusal } from '../rules/wishlist.ts';

type Text = { ja: string; en: string };

export const refusalTexts = {
  categoryLimit: {
    ja: `カテゴリは${WISHLIST_MAX_CATEGORIES}件まで登録できます。不要なカテゴリを削除してから追加してください。`,
    en: `You can have up to ${WISHLIST_MAX_CATEGORIES} categories. Delete one before adding another.`,
  },
  entryLimit: {
    ja: `今度読みたい資料は${WISHLIST_MAX_ENTRIES}件まで登録できます。不要な資料を削除してから追加してください。`,
    en: `Your want-to-read list can hold up to ${WISHLIST_MAX_ENTRIES} titles. Remove some before adding more.`,
  },
  nameEmpty: { ja: 'カテゴリ名を入力してください。', en: 'Enter a category name.' },
  nameTooLong: {
    ja: `カテゴリ名は${CATEGORY_NAME_MAX_LENGTH}文字以内で入力してください。`,
    en: `A category name can be at most ${CATEGORY_NAME_MAX_LENGTH} characters.`,
  },
  nameControl: { ja: 'カテゴリ名に使えない文字が含まれています。', en: 'The category name contains characters that cannot be used.' },
  nameTaken: { ja: '同じ名前のカテゴリがすでにあります。', en: 'A category with this name already exists.' },
  categoryNotFound: { ja: 'カテゴリが見つかりません。', en: 'The category was not found.' },
  entryNotFound: { ja: '今度読みたい資料に登録されていません。', en: 'The entry is not on your want-to-read list.' },
  titleNotFound: { ja: '資料が見つかりません。', en: 'The title was not found.' },
  emailUsedByDefaults: {
    ja: '初期設定の連絡方法が「メール」のため、メールアドレスを削除できません。先に連絡方法を変更してください。',
    en: 'Your default contact method is e-mail. Change it before deleting the address.',
  },
  emailUsedByHolds: {
    ja: '連絡方法が「メール」の予約があるため、メールアドレスを削除できません。予約の連絡方法を変更してから削除してください。',
    en: 'Some of your holds are to be notified by e-mail. Change their contact method before deleting the address.',
  },
  passwordTooLong: {
    ja: `パスワードは${PASSWORD_MAX_LENGTH}文字以内で、半角英字と数字を両方含めてください。`,
    en: `A password can be at most ${PASSWORD_MAX_LENGTH} characters, with both half-width letters and digits.`,
  },
  unknownBranch: { ja: '受取館が正しくありません。', en: 'Unknown pickup branch.' },
} satisfies Record<string, Text>;

/** Throws the API error `code` with the specific text instead of the code's generic message. */
export function refuseWith(event: H3Event, status: number, code: ErrorCode, text: Text, fields: Record<string, unknown> = {}): never {
  const message = text[pickLanguage(event.req.headers.get('accept-language'))];
  apiError(status, code, { fields: { ...fields, message } });
}

export function throwWishlistRefusal(event: H3Event, refusal: WishlistRefusal): never {
  switch (refusal.code) {
    case 'limit_reached':
      return refuseWith(event, 409, 'limit_reached', refusal.what === 'categories' ? refusalTexts.categoryLimit : refusalTexts.entryLimit, {
        limit: refusal.limit,
      });
    case 'not_found':
      return refuseWith(event, 404, 'not_found', refusal.what === 'category' ? refusalTexts.categoryNotFound : refusalTexts.entryNotFound);
    case 'invalid_input': {
      const texts = {
        name_empty: refusalTexts.nameEmpty,
        name_too_long: refusalTexts.nameTooLong,
        name_control: refusalTexts.nameControl,
        name_taken: refusalTexts.nameTaken,
      } as const;
      return refuseWith(event, 400, 'invalid_input', texts[refusal.reason], { field: 'name' });
    }
  }
}
