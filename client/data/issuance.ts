/** パスワードの発行 ([docs/rules.md#sessions](../../docs/rules.md#sessions)): a card without a password proves itself and sets one. No login. */
import type { Api } from './api.ts';

export interface PasswordIssuance {
  cardNumber: string;
  /** YYYY-MM-DD */
  birthDate: string;
  newPassword: string;
  newPasswordConfirm: string;
}

export async function issuePassword(api: Api, request: PasswordIssuance): Promise<void> {
  await api<unknown>('/api/password-issuance', { method: 'POST', body: request, on401: 'throw' });
}
