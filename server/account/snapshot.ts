/** GET /api/account: the patron's whole account as one consistent snapshot ([docs/api.md](../../docs/api.md)). */
import type { AccountSnapshot, Hold, Loan } from '../../common/api.ts';
import { addMonths } from '../../common/dates.ts';
import type { AppContext } from '../context.ts';
import type { Policy } from '../policy/policy.ts';
import { keys, type HoldRecord, type LoanRecord, type PatronRecord, type TitleRecord } from '../domain/records.ts';
import { toCancelledHoldView, toHoldView } from '../holds/hold-view.ts';
import { toLoanView } from '../loans/loan-view.ts';
import { isForgotten } from '../rules/maintenance.ts';
import { patronSummary } from '../rules/patron.ts';
import { BoundedCache } from '../storage/bounded-cache.ts';

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

/** The bibIds an account view shows, each once, in the patron record's order. */
function bibIdsOf(patron: PatronRecord): string[] {
  return [...new Set([...patron.loans, ...patron.holds, ...patron.cancelledHolds].map((x) => x.bibId))];
}

/**
 * The account view of one state: the patron record and its titles (null: a title gone from the
 * catalogue), at `now` on the library day `today`. Pure.
 */
export function buildAccountSnapshot(patron: PatronRecord, titleRecords: readonly (TitleRecord | null)[], now: Date, today: string, policy: Policy, withCardNumber: boolean): AccountSnapshot {
  const bibIds = bibIdsOf(patron);
  const titles = new Map<string, TitleRecord>();
  bibIds.forEach((bibId, i) => {
    const t = titleRecords[i];
    if (t) titles.set(bibId, t);
  });
  const titleOf = (bibId: string) => titles.get(bibId) ?? { ...MISSING_TITLE, bibId };
  const shownUntil = (cancelledOn: string) => addMonths(cancelledOn, policy.cancelledHoldsShownMonths);

  const loans = patron.loans.map((l) => {
    const title = titleOf(l.bibId);
    return memoView(loanViews, l, title, today, () => toLoanView(l, title, patron, today, policy));
  });
  const holds = patron.holds.map((h) => {
    const title = titleOf(h.bibId);
    return memoView(holdViews, h, title, today, () => toHoldView(h, title, { today, policy }));
  });
  const cancelledHolds = patron.cancelledHolds
    .filter((c) => !isForgotten(c, today, shownUntil))
    .map((c) => toCancelledHoldView(c, titles.get(c.bibId) ?? null));

  const isCd = (bibId: string) => titleOf(bibId).materialType === 'cd';
  const cdLoans = patron.loans.filter((l) => isCd(l.bibId)).length;
  const cdHolds = patron.holds.filter((h) => isCd(h.bibId)).length;
  const { loanLimits, holdLimits } = policy;
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
}

/**
 * The answer's JSON minus its first member (`asOf`, which changes every request), kept per patron
 * record: valid while the store hands out the same frozen patron and title records (it hands out a
 * new object for any change), on the same library day under the same policy.
 */
interface KeptAnswer {
  today: string;
  policy: Policy;
  titles: readonly (TitleRecord | null)[];
  /** The JSON after `{"asOf":"…"`, starting with its `,`. */
  rest: string;
}
// Two answers per patron record: with the whole card number (the patron's own device) and without (a kiosk).
const keptAnswers = { withCardNumber: new WeakMap<PatronRecord, KeptAnswer>(), masked: new WeakMap<PatronRecord, KeptAnswer>() };
const AS_OF_PLACEHOLDER = '';
const AS_OF_PREFIX = `{"asOf":${JSON.stringify(AS_OF_PLACEHOLDER)}`;

const sameRecords = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The title keys of the last view this process built for a patron: what the session gate reads
 * beside the patron (GateOptions.alongside), so the next view usually needs no read of its own.
 */
const viewTitleKeys = new BoundedCache<readonly string[]>(8 * 1024 * 1024, (patronId, titleKeys) => patronId.length + titleKeys.reduce((n, k) => n + k.length + 16, 64));
export const titleKeysOfLastView = (patronId: string): readonly string[] => viewTitleKeys.get(patronId) ?? [];

/** A frozen (shared, unchanging) record's title keys, computed once: every view of it compares them. */
const titleKeysMemo = new WeakMap<PatronRecord, readonly string[]>();
function titleKeysOf(patron: PatronRecord): readonly string[] {
  const memo = titleKeysMemo.get(patron);
  if (memo) return memo;
  const titleKeys = bibIdsOf(patron).map((bibId) => keys.title(bibId));
  if (Object.isFrozen(patron)) titleKeysMemo.set(patron, titleKeys);
  return titleKeys;
}

/** Values read with `seen` in one state (the gate's read), under these keys. */
interface SeenWith {
  keys: readonly string[];
  values: readonly unknown[];
}

/**
 * GET /api/account's body: the snapshot as JSON, from one state of the store. `seen` is the
 * patron record the session gate has just read (the store's shared copy), and `seenWith` what it
 * read beside it in the same step: when those are the patron's titles, they are the view's one
 * state and nothing more is read. Otherwise, when `seen` is still the current record, the patron
 * and its titles are read in one step. `withCardNumber`: the patron's own device asks
 * (http/kiosk-request.ts); otherwise the answer's `cardNumber` is null.
 */
export async function accountSnapshotJson(
  ctx: AppContext,
  patronId: string,
  { seen, seenWith, withCardNumber = false }: { seen?: PatronRecord; seenWith?: SeenWith; withCardNumber?: boolean } = {},
): Promise<string | null> {
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  if (seen && seenWith && sameRecords(seenWith.keys, titleKeysOf(seen))) {
    return answerJson(ctx, seen, seenWith.values as (TitleRecord | null)[], now, today, withCardNumber);
  }
  // A read-only view: the patron and its titles are checked to be one state; nothing is written.
  return ctx.store.read(async (tx) => {
    const patronKey = keys.patron(patronId);
    let patron = seen ?? (await tx.get<PatronRecord>(patronKey));
    if (!patron) return null;
    // The patron again with its titles: on Redis one read call then holds the whole view.
    const readWithTitles = (p: PatronRecord) => tx.getMany<PatronRecord | TitleRecord>([patronKey, ...titleKeysOf(p)]);
    let [current, ...titles] = await readWithTitles(patron);
    if (current !== patron) {
      // The gate's copy is older (or the patron changed in between): read its titles anew. Should it
      // have changed once more, this attempt saw two states and the store runs it again.
      if (!current) return null;
      patron = current as PatronRecord;
      [current, ...titles] = await readWithTitles(patron);
    }
    viewTitleKeys.set(patron.id, titleKeysOf(patron));
    return answerJson(ctx, patron, titles as (TitleRecord | null)[], now, today, withCardNumber);
  });
}

/** The answer for a patron record and its titles of one state (kept while they stay the same objects). */
function answerJson(ctx: AppContext, patron: PatronRecord, titleRecords: (TitleRecord | null)[], now: Date, today: string, withCardNumber: boolean): string {
  const asOf = JSON.stringify(now.toISOString());
  const answers = withCardNumber ? keptAnswers.withCardNumber : keptAnswers.masked;
  const kept = answers.get(patron);
  if (kept && kept.today === today && kept.policy === ctx.policy && sameRecords(kept.titles, titleRecords)) return `{"asOf":${asOf}${kept.rest}`;
  const json = JSON.stringify({ ...buildAccountSnapshot(patron, titleRecords, now, today, ctx.policy, withCardNumber), asOf: AS_OF_PLACEHOLDER });
  const rest = json.slice(AS_OF_PREFIX.length);
  // Only the store's frozen shared records stay the same object exactly while unchanged.
  if (Object.isFrozen(patron) && titleRecords.every((t) => t === null || Object.isFrozen(t))) {
    answers.set(patron, { today, policy: ctx.policy, titles: titleRecords, rest });
  }
  return `{"asOf":${asOf}${rest}`;
}
