/** GET /api/account, with the SW's offline mark and its reason. */
import type { AccountSnapshot, Loan } from '../../common/api.ts';
import { OFFLINE_HEADER, OFFLINE_REASON_HEADER, type OfflineReason, type PendingMark } from '../../common/offline.ts';
import type { Api } from './api.ts';
import { takeStartAccount } from './start-account.ts';

export type SnapshotLoan = Loan & PendingMark;
export type Snapshot = Omit<AccountSnapshot, 'loans'> & { loans: SnapshotLoan[] };

export interface AccountView {
  snapshot: Snapshot;
  /** Capture instant when the SW answered from its stored snapshot; null when live. */
  offlineAsOf: string | null;
  /** Why the SW answered from the snapshot (null when live). */
  offlineReason: OfflineReason | null;
}

/** The first load of the account page takes the answer the start already asked for (client/data/start-account.ts). */
export async function fetchAccount(api: Api, signal?: AbortSignal): Promise<AccountView> {
  const { data, headers } = await (takeStartAccount<Snapshot>() ?? api<Snapshot>('/api/account', signal ? { signal } : {}));
  const offlineAsOf = headers.get(OFFLINE_HEADER);
  return { snapshot: data, offlineAsOf, offlineReason: offlineAsOf === null ? null : offlineReasonOf(headers.get(OFFLINE_REASON_HEADER)) };
}

/** The SW's reason header; an older SW sent none ("the server is not answering" is the safe wording). */
function offlineReasonOf(value: string | null): OfflineReason {
  return value === 'no-connection' ? 'no-connection' : 'server-not-answering';
}

/** The live snapshot the SW posted when the server's answer came after the offline one. */
export function liveView(snapshot: Snapshot): AccountView {
  return { snapshot, offlineAsOf: null, offlineReason: null };
}
