/** パスワード変更 (SPEC §2.7): PUT /api/password → 204. */
import type { Api } from './api.ts';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

export async function changePassword(api: Api, change: PasswordChange): Promise<void> {
  await api<null>('/api/password', { method: 'PUT', body: change });
}
