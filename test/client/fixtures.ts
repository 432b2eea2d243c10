/** Test data shaped exactly as common/api.ts: the seed's patron 2000000326 on 2020-04-28. */
import type { AccountSnapshot, Hold, Loan, Wishlist } from '../../common/api.ts';

export const TODAY = '2020-04-28';

export function loan(overrides: Partial<Loan> = {}): Loan {
  return {
    id: 'L1',
    bibId: 'B1',
    title: '夢の守り人',
    category: 'children',
    barcode: '107509002',
    branch: 'central',
    loanedOn: '2020-04-07',
    dueOn: '2020-04-28',
    renewals: 0,
    renewable: true,
    renewBlockedBy: null,
    renewWindow: { from: '2020-04-21', to: '2020-05-05' },
    overdue: false,
    interLibraryLoan: false,
    ...overrides,
  };
}

export function hold(overrides: Partial<Hold> = {}): Hold {
  const waiting = (overrides.status ?? 'waiting') === 'waiting';
  const rank = overrides.rank !== undefined ? overrides.rank : waiting ? 1 : null;
  return {
    id: 'H1',
    bibId: 'B10',
    title: '地底旅行',
    materialType: 'book',
    status: 'waiting',
    rank: 1,
    seriesNo: null,
    seriesOrder: null,
    placedOn: '2020-04-27',
    notNeededAfter: null,
    pickupBy: null,
    pickupBranch: 'central',
    contactMethod: 'email',
    cancellable: true,
    changeable: true,
    pausedUntil: null,
    // Nobody ahead of one copy: 0–28 days under the default policy (server/rules/queue.ts).
    queue: { position: rank, waiting: waiting ? 1 : 0, paused: 0, copies: 1, estimate: waiting ? { fromDays: 0, toDays: 28 } : null },
    ...overrides,
  };
}

export function snapshot(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    asOf: '2020-04-28T01:00:00.000Z',
    today: TODAY,
    patron: {
      id: 'p-326',
      cardMasked: '*****326',
      cardExpiresOn: '2024-04-27',
      cardExpired: false,
      email: 'patron@example.jp',
      defaults: { pickupBranch: 'central', contactMethod: 'email' },
    },
    loans: [
      loan(),
      loan({
        id: 'L2', bibId: 'B2', title: '哲学のことば', barcode: '105897995', loanedOn: '2020-04-27', dueOn: '2020-05-18',
        renewable: false, renewBlockedBy: 'outside_window', renewWindow: { from: '2020-05-11', to: '2020-05-25' },
      }),
    ],
    holds: [
      hold({ id: 'H1', title: '地底旅行', status: 'ready', rank: null, pickupBy: '2020-05-05', cancellable: false, changeable: false }),
      hold({ id: 'H2', title: 'お城へ行こう!', status: 'in_transit', rank: null, pickupBranch: 'nishinodai', cancellable: false, changeable: false }),
      hold({ id: 'H3', title: 'さいごの戦い', rank: 2 }),
      hold({ id: 'H4', title: 'イソップ', rank: 1 }),
    ],
    cancelledHolds: [
      { id: 'C1', bibId: 'B20', title: '週刊ベースボール', placedOn: '2020-04-20', notNeededAfter: null, pickupBranch: 'central', reason: 'pickup_expired', cancelledOn: '2020-04-27' },
      { id: 'C2', bibId: 'B21', title: 'ふしぎの国', placedOn: '2020-04-01', notNeededAfter: '2020-04-20', pickupBranch: 'higashi', reason: null, cancelledOn: '2020-04-10' },
    ],
    counts: {
      loans: { total: 2, general: { count: 2, limit: 9999 }, cd: { count: 0, limit: 5 } },
      holds: { total: 4, general: { count: 4, limit: 10 }, cd: { count: 0, limit: 5 } },
    },
    wishlistCount: 3,
    ...overrides,
  };
}

export function wishlist(): Wishlist {
  return {
    categories: [{ id: 'c1', name: '冒険' }],
    entries: [
      { id: 'w1', bibId: 'B30', title: 'ロビンソン漂流記', author: 'デフォー', materialType: 'book', categoryId: 'c1', addedAt: '2020-04-01T00:00:00Z' },
      { id: 'w2', bibId: 'B31', title: '星の王子さま', author: null, materialType: 'book', categoryId: null, addedAt: '2020-04-02T00:00:00Z' },
      { id: 'w3', bibId: 'B32', title: 'クラシック名曲集', author: null, materialType: 'cd', categoryId: null, addedAt: '2020-04-03T00:00:00Z' },
    ],
  };
}
