/** Loan actions: renew (idempotent), add every loan to the want-to-read list. */
import type { Loan } from '../../common/api.ts';
import { IDEMPOTENCY_HEADER, type RenewalQueued } from '../../common/offline.ts';
import type { Api } from './api.ts';

export type RenewOutcome = { kind: 'renewed'; loan: Loan } | { kind: 'queued' };

/** `idempotencyKey` stays the same for retries of one attempt, so the server renews once. */
export async function renewLoan(api: Api, loanId: string, idempotencyKey: string): Promise<RenewOutcome> {
  const { status, data } = await api<{ loan: Loan } | RenewalQueued>(`/api/loans/${encodeURIComponent(loanId)}/renew`, {
    method: 'POST',
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
  });
  if (status === 202 || (data as RenewalQueued).queued) return { kind: 'queued' };
  return { kind: 'renewed', loan: (data as { loan: Loan }).loan };
}

export async function addLoansToWishlist(api: Api): Promise<void> {
  await api<unknown>('/api/wishlist/from-loans', { method: 'POST' });
}
