/** GET /api/account, with the SW's offline mark and its reason. */
import type { AccountSnapshot, Loan } from '../../common/api.ts';
import { OFFLINE_HEADER, OFFLINE_REASON_HEADER, type OfflineReason, type PendingMark } from '../../common/offline.ts';
import type { Api } from './api.ts';

export type SnapshotLoan = Loan & PendingMark;
export type Snapshot = Omit<AccountSnapshot, 'loans'> & { loans: SnapshotLoan[] };

export interface AccountView {
  snapshot: Snapshot;
  /** Capture instant when the SW answered from its stored snapshot; null when live. */
  offlineAsOf: string | null;
  /** Why the SW answered from the snapshot (null when live). */
  offlineReason: OfflineReason | null;
}

declare global {
  interface Window {
    /** GET /api/account as asked by public/prepaint.js at start, until taken or dropped. */
    shioriStartAccount?: Promise<Response> | null;
  }
}

/** The start's GET /api/account, once (public/prepaint.js asks it when the account page is first). */
function takeStartAccount(): Promise<Response> | null {
  const start = window.shioriStartAccount ?? null;
  window.shioriStartAccount = null;
  return start;
}

/** The account page's first load reads the answer the start asked for; a 401 still goes to the login page (api). */
export async function fetchAccount(api: Api, signal?: AbortSignal): Promise<AccountView> {
  const response = takeStartAccount();
  const { data, headers } = await api<Snapshot>('/api/account', { ...(signal ? { signal } : {}), ...(response ? { response } : {}) });
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
