/** GET /api/account, with the SW's offline mark. */
import type { AccountSnapshot, Loan } from '../../common/api.ts';
import { OFFLINE_HEADER, type PendingMark } from '../../common/offline.ts';
import { api } from './api.ts';

export type SnapshotLoan = Loan & PendingMark;
export type Snapshot = Omit<AccountSnapshot, 'loans'> & { loans: SnapshotLoan[] };

export interface AccountView {
  snapshot: Snapshot;
  /** Capture instant when the SW answered from its stored snapshot; null when live. */
  offlineAsOf: string | null;
}

export async function fetchAccount(): Promise<AccountView> {
  const { data, headers } = await api<Snapshot>('/api/account');
  return { snapshot: data, offlineAsOf: headers.get(OFFLINE_HEADER) };
}
