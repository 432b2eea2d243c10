/**
 * What the shell needs to know about the account page's data: whether renewals are waiting to be
 * sent (so ログアウト can warn before they are discarded).
 */
let pendingRenewals = 0;

export function setPendingRenewalCount(count: number): void {
  pendingRenewals = count;
}

export function pendingRenewalCount(): number {
  return pendingRenewals;
}
