/**
 * What the 貸出更新 cell shows for a loan ([docs/rules.md#renewal](../../../docs/rules.md#renewal)).
 * Online the server's `renewable` / `renewBlockedBy` decide; offline we predict from the loan's
 * renewal window (the server's, from the library's policy) and today's date — the server still
 * decides on replay. How many renewals a loan may have is the policy's (`maxRenewals`).
 */
import type { IsoDate, Loan, RenewBlock } from '../../../common/api.ts';
import { compareDates } from '../../../common/dates.ts';

export type RenewCell =
  | { kind: 'renewable' }
  | { kind: 'renewed' }
  | { kind: 'pending' }
  | { kind: 'not_yet'; from: IsoDate }
  | { kind: 'window_passed' }
  | { kind: 'blocked'; reason: Exclude<RenewBlock, 'outside_window' | 'renewal_limit'> }
  | { kind: 'none' };

/** Renewals the SW has queued from this page: loan id → how many renewals the loan had when queued. */
export type PendingRenewals = ReadonlyMap<string, number>;

/** Blocks that do not depend on the date, so they still hold offline. */
const LASTING_BLOCKS = new Set<RenewBlock>(['has_holds', 'not_renewable_material', 'inter_library_loan', 'card_expired']);

function byWindow(loan: Loan, today: IsoDate): RenewCell {
  if (compareDates(today, loan.renewWindow.from) < 0) return { kind: 'not_yet', from: loan.renewWindow.from };
  if (compareDates(today, loan.renewWindow.to) > 0) return { kind: 'window_passed' };
  return { kind: 'renewable' };
}

/**
 * `maxRenewals`: the policy's, when known — a loan with that many renewals is 延長済 (the server
 * says so too, as renewal_limit); one renewed fewer times may be renewed again.
 */
export function renewCell(loan: Loan & { pendingRenewal?: boolean }, today: IsoDate, offline: boolean, pending: boolean, maxRenewals?: number): RenewCell {
  if (pending || loan.pendingRenewal) return { kind: 'pending' };
  if (loan.renewBlockedBy === 'renewal_limit' || (maxRenewals !== undefined && loan.renewals >= maxRenewals)) return { kind: 'renewed' };
  const block = loan.renewBlockedBy;
  if (block && LASTING_BLOCKS.has(block)) return { kind: 'blocked', reason: block as Exclude<RenewBlock, 'outside_window' | 'renewal_limit'> };
  if (offline) return byWindow(loan, today);
  if (loan.renewable) return { kind: 'renewable' };
  if (block === 'outside_window') {
    const cell = byWindow(loan, today);
    return cell.kind === 'renewable' ? { kind: 'none' } : cell;
  }
  return { kind: 'none' };
}
