/** GET /api/account: the patron's whole account as one consistent snapshot ([docs/api.md](../../docs/api.md)). */
import type { AccountSnapshot, Hold, Loan } from '../../common/api.ts';
import { addMonths } from '../../common/dates.ts';
import type { AppContext } from '../context.ts';
import { keys, type HoldRecord, type LoanRecord, type PatronRecord, type TitleRecord } from '../domain/records.ts';
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

/**
 * A view depends only on its record, the title, the patron (whose record holds the loan or hold)
 * and the day; the store hands out frozen records that stay the same object while unchanged. So
 * the views of an unchanged account are computed once a day, not on every GET.
 */
function memoView<R extends object, V>(memo: WeakMap<R, { title: TitleRecord; today: string; view: V }>, record: R, title: TitleRecord, today: string, make: () => V): V {
  if (!Object.isFrozen(record) || !Object.isFrozen(title)) return make();
  const hit = memo.get(record);
  if (hit && hit.title === title && hit.today === today) return hit.view;
  const view = make();
  memo.set(record, { title, today, view });
  return view;
}
const loanViews = new WeakMap<LoanRecord, { title: TitleRecord; today: string; view: Loan }>();
const holdViews = new WeakMap<HoldRecord, { title: TitleRecord; today: string; view: Hold }>();

/** `withCardNumber`: the patron's own device asks (account/card-number.ts); otherwise it is null. */
export async function accountSnapshot(ctx: AppContext, patronId: string, { withCardNumber = false } = {}): Promise<AccountSnapshot | null> {
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  // A read-only view: the patron and its titles are checked to be one state; nothing is written.
  return ctx.store.read(async (tx) => {
    const patron = await tx.get<PatronRecord>(keys.patron(patronId));
    if (!patron) return null;
    const titles = new Map<string, TitleRecord>();
    const bibIds = [...new Set([...patron.loans, ...patron.holds, ...patron.cancelledHolds].map((x) => x.bibId))];
    // The patron again with its titles: on Redis one MGET then holds the whole view (no check
    // needed); a patron changed in between makes the view torn, and it runs again.
    const [, ...records] = await tx.getMany<PatronRecord | TitleRecord>([keys.patron(patronId), ...bibIds.map((bibId) => keys.title(bibId))]);
    bibIds.forEach((bibId, i) => {
      const t = records[i] as TitleRecord | null;
      if (t) titles.set(bibId, t);
    });
    const titleOf = (bibId: string) => titles.get(bibId) ?? { ...MISSING_TITLE, bibId };
    const shownUntil = (cancelledOn: string) => addMonths(cancelledOn, ctx.policy.cancelledHoldsShownMonths);

    const loans = patron.loans.map((l) => {
      const title = titleOf(l.bibId);
      return memoView(loanViews, l, title, today, () => toLoanView(l, title, patron, today, ctx.policy));
    });
    const holds = patron.holds.map((h) => {
      const title = titleOf(h.bibId);
      return memoView(holdViews, h, title, today, () => toHoldView(h, title, { today, policy: ctx.policy }));
    });
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
      patron: { ...patronSummary(patron, today), cardNumber: withCardNumber ? patron.cardNumber : null },
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
