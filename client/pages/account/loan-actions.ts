/**
 * What the loans panel's buttons do once pressed: renew a loan (with an Idempotency-Key kept across
 * retries of the same attempt) and add every loan to the want-to-read list. Its own chunk, loaded
 * with 【貸出延長確認】 or by 全て今度読みたい資料に追加する: off the loans page's first load.
 */
import { msg } from '@lit/localize';
import type { LibraryPolicy, Loan } from '../../../common/api.ts';
import { attempt } from '../../app/attempt.ts';
import { failureText } from '../../app/page-load.ts';
import { ApiFailure, type Api } from '../../data/api.ts';
import { addLoansToWishlist, renewLoan } from '../../data/loans.ts';

export interface RenewalRun {
  api: Api;
  policy: LibraryPolicy | undefined;
  /** One key per renewal attempt (loan id → key), reused when the same attempt is retried. */
  attemptKeys: Map<string, string>;
  /** Hears loan-renewed and loan-queued (the panel). */
  events: EventTarget;
}

/** The server's refusal of a renewal: 延長済 when it has had all its renewals, else the refusal's words. */
function refusalText(failure: ApiFailure, loan: Loan, policy: LibraryPolicy | undefined): Promise<string> | string {
  if (failure.code === 'renewal_limit') return msg('延長済', { id: 'renew.done.badge' });
  return failureText(failure, { policy, loan });
}

/** Renews one loan; says what happened, in words. */
export async function renewOne(run: RenewalRun, loan: Loan): Promise<{ text: string; ok: boolean }> {
  let key = run.attemptKeys.get(loan.id);
  if (!key) {
    key = crypto.randomUUID();
    run.attemptKeys.set(loan.id, key);
  }
  try {
    const outcome = await renewLoan(run.api, loan.id, key);
    run.attemptKeys.delete(loan.id);
    if (outcome.kind === 'queued') {
      run.events.dispatchEvent(new CustomEvent('loan-queued', { detail: { loanId: loan.id }, bubbles: true, composed: true }));
      return { text: msg('送信待ち', { id: 'renew.pending' }), ok: true };
    }
    run.events.dispatchEvent(new CustomEvent('loan-renewed', { detail: outcome.loan, bubbles: true, composed: true }));
    return { text: msg('延長しました', { id: 'renew.done' }), ok: true };
  } catch (err) {
    const failure = err instanceof ApiFailure ? err : new ApiFailure(0, 'unexpected', '');
    // A network failure keeps the key: trying again is the same attempt.
    if (failure.code !== 'network') run.attemptKeys.delete(loan.id);
    return { text: await refusalText(failure, loan, run.policy), ok: false };
  }
}

/** 全て今度読みたい資料に追加する: the outcome to show, or null (the session ended: the login page takes over). */
export function addAllToWishlist(api: Api) {
  return attempt(() => addLoansToWishlist(api), msg('今度読みたい資料に追加しました', { id: 'loans.wishlist.added' }));
}
