/** 受取館・連絡方法 初期設定 ([docs/rules.md#hold-defaults](../../docs/rules.md#hold-defaults)): PUT /api/preferences. */
import type { BranchCode, ContactMethod } from '../../common/api.ts';
import type { Api } from './api.ts';

export interface HoldDefaults {
  pickupBranch: BranchCode;
  contactMethod: ContactMethod;
}

export async function updatePreferences(api: Api, defaults: HoldDefaults): Promise<void> {
  await api<unknown>('/api/preferences', { method: 'PUT', body: defaults });
}
