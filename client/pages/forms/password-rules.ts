/** The password note, worded as in the library's user guide, shown before the patron types. */
import { msg } from '@lit/localize';

export function passwordNote(): string {
  return msg(
    '新しく変更したいパスワードを入力してください。(6文字以上) パスワードは、半角英数(大文字、小文字)のみで英数混在での入力をお願い致します。',
    { id: 'password.note' },
  );
}
