/** メール登録・変更 ([docs/rules.md#e-mail](../../docs/rules.md#e-mail)): PUT /api/email; both fields empty deletes the address. */
import type { Api } from './api.ts';

/** The address now registered (null once deleted). */
export async function updateEmail(api: Api, email: string, emailConfirm: string): Promise<string | null> {
  const { data } = await api<{ email: string | null }>('/api/email', { method: 'PUT', body: { email, emailConfirm } });
  return data?.email || null;
}
