/**
 * The starting values of a new hold: the patron's 初期設定 (GET /api/account patron.defaults),
 * whether an e-mail is registered, and today's date (the earliest 予約待ち期限日).
 */
import type { Api } from '../../data/api.ts';
import { fetchAccount } from '../../data/account.ts';
import type { HoldChoice } from './hold-fields.ts';

export interface HoldStart {
  choice: HoldChoice;
  hasEmail: boolean;
  today: string;
}

/** Throws like the account call: a 401 sends the patron to login first. */
export async function loadHoldStart(api: Api, signal?: AbortSignal): Promise<HoldStart> {
  const { snapshot } = await fetchAccount(api, signal);
  const { patron, today } = snapshot;
  return {
    choice: { ...patron.defaults, notNeededAfter: '' },
    hasEmail: Boolean(patron.email),
    today,
  };
}
