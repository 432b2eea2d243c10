/** GET /api/account: the patron's whole account as one consistent snapshot (SPEC §7). */
import type { AccountSnapshot } from '../../common/api.ts';
import { addMonths } from '../../common/dates.ts';
import type { AppContext } from '../context.ts';
import { keys, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import { toCancelledHoldView, toHoldView } from '../holds/hold-view.ts';
import { toLoanView } from '../loans/loan-view.ts';
import { isForgotten } from '../rules/maintenance.ts';
import { patronSummary } from '../rules/patron.ts';

const MISSING_TITLE: TitleRecord = {
  bibId: '',
  title: '',
  author: null,
  publisher: null,
  year: null,
  materialType: 'book',
  category: 'general',
  copies: [],
  queue: [],
};

export async function accountSnapshot(ctx: AppContext, patronId: string): Promise<AccountSnapshot | null> {
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  // A read-only view: the patron and its titles are checked to be one state; nothing is written.
  return ctx.store.read(async (tx) => {
    const patron = await tx.get<PatronRecord>(keys.patron(patronId));
    if (!patron) return null;
    const titles = new Map<string, TitleRecord>();
    const bibIds = [...new Set([...patron.loans, ...patron.holds, ...patron.cancelledHolds].map((x) => x.bibId))];
    const records = await tx.getMany<TitleRecord>(bibIds.map((bibId) => keys.title(bibId)));
    bibIds.forEach((bibId, i) => {
      const t = records[i];
      if (t) titles.set(bibId, t);
    });
    const titleOf = (bibId: string) => titles.get(bibId) ?? { ...MISSING_TITLE, bibId };
    const shownUntil = (cancelledOn: string) => addMonths(cancelledOn, ctx.policy.cancelledHoldsShownMonths);

    const loans = patron.loans.map((l) => toLoanView(l, titleOf(l.bibId), patron, today, ctx.policy));
    const holds = patron.holds.map((h) => toHoldView(h, titleOf(h.bibId)));
    const cancelledHolds = patron.cancelledHolds
      .filter((c) => !isForgotten(c, today, shownUntil))
      .map((c) => toCancelledHoldView(c, titles.get(c.bibId) ?? null));

    const isCd = (bibId: string) => titleOf(bibId).materialType === 'cd';
    const cdLoans = patron.loans.filter((l) => isCd(l.bibId)).length;
    const cdHolds = patron.holds.filter((h) => isCd(h.bibId)).length;
    const { loanLimits, holdLimits } = ctx.policy;
    return {
      asOf: now.toISOString(),
      today,
      patron: patronSummary(patron, today),
      loans,
      holds,
      cancelledHolds,
      counts: {
        // Loans: 一般・他 excludes CDs. Holds: 一般・他 counts every hold, CDs too (うちCD).
        loans: {
          total: patron.loans.length,
          general: { count: patron.loans.length - cdLoans, limit: loanLimits.total },
          cd: { count: cdLoans, limit: loanLimits.cd },
        },
        holds: {
          total: patron.holds.length,
          general: { count: patron.holds.length, limit: holdLimits.total },
          cd: { count: cdHolds, limit: holdLimits.cd },
        },
      },
      wishlistCount: patron.wishlist.entries.length,
    };
  });
}
