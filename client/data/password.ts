/** パスワード変更 ([docs/rules.md#passwords](../../docs/rules.md#passwords)): PUT /api/password → 204. */
import type { Api } from './api.ts';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

export async function changePassword(api: Api, change: PasswordChange): Promise<void> {
  await api<null>('/api/password', { method: 'PUT', body: change });
}
