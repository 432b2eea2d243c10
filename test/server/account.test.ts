/** GET /api/account: the snapshot as typed in common/api.ts ([docs/rules.md#account](../../docs/rules.md#account), [docs/api.md#account](../../docs/api.md#account)). */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountSnapshot } from '../../common/api.ts';
import { cancelHold, placeHold } from '../../server/holds/patron-holds.ts';
import { checkIn } from '../../server/holds/desk-holds.ts';
import { startTestApp, type TestApp } from './helpers.ts';

const NOW = '2026-04-27T01:00:00Z'; // 2026-04-27 in Tokyo
let t: TestApp;
let snap: AccountSnapshot;
const ids: Record<string, string> = {};

before(async () => {
  t = await startTestApp({ now: NOW });
  const a = await t.addPatron({ cardNumber: '2000000326', password: 'library1', cardExpiresOn: '2028-03-31', email: 'a@example.jp' });
  await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
  const c = await t.addPatron({ cardNumber: '2000000418', birthDate: '2012-05-05' });
  const title = async (name: string, barcode: string, extra: object = {}) => (await t.addTitle({ title: name, copies: [{ barcode, branch: 'central' }], ...extra })).bibId;
  const lentToB = async (name: string, barcode: string, extra: object = {}) => {
    const bibId = await title(name, barcode, extra);
    await t.checkout({ cardNumber: '2000000276', barcode, loanedOn: '2026-04-01', dueOn: '2026-05-20' });
    return bibId;
  };

  // Loans of patron A: a children's book and a CD.
  await title('夢の守り人', 'M1', { category: 'children' });
  await t.checkout({ cardNumber: '2000000326', barcode: 'M1', loanedOn: '2026-04-07', dueOn: '2026-04-28' });
  await title('ベートーヴェン 交響曲第9番', 'CD1', { materialType: 'cd', category: 'cd' });
  await t.checkout({ cardNumber: '2000000326', barcode: 'CD1', loanedOn: '2026-04-20', dueOn: '2026-05-04' });

  // Holds, placed through the same functions as the holds API, at earlier times.
  await t.setClock('2026-04-20T01:00:00Z');
  const chitei = await lentToB('地底旅行', 'X1');
  ids['ready'] = (await placeHold(t.ctx, a.patronId, { bibId: chitei })).id;
  const oshiro = await lentToB('お城へ行こう!', 'Y1');
  ids['transit'] = (await placeHold(t.ctx, a.patronId, { bibId: oshiro, pickupBranch: 'nishinodai' })).id;
  const saigo = await lentToB('さいごの戦い', 'Z1');
  await placeHold(t.ctx, c.patronId, { bibId: saigo });
  ids['rank2'] = (await placeHold(t.ctx, a.patronId, { bibId: saigo })).id;
  const aesop = await lentToB('イソップ', 'W1');
  ids['rank1'] = (await placeHold(t.ctx, a.patronId, { bibId: aesop })).id;
  const cdHold = await lentToB('ショパン 夜想曲集', 'CD2', { materialType: 'cd', category: 'cd' });
  ids['cd'] = (await placeHold(t.ctx, a.patronId, { bibId: cdHold })).id;
  const baseball = await title('週刊ベースボール', 'V1', { materialType: 'magazine', category: 'magazine' });
  const old1 = await title('古い雑誌', 'V2', { materialType: 'magazine', category: 'magazine' });
  const old2 = await title('境目の雑誌', 'V3', { materialType: 'magazine', category: 'magazine' });
  const h1 = await placeHold(t.ctx, a.patronId, { bibId: baseball });
  const h2 = await placeHold(t.ctx, a.patronId, { bibId: old1 });
  const h3 = await placeHold(t.ctx, a.patronId, { bibId: old2 });
  await t.setClock('2026-03-20T01:00:00Z');
  await cancelHold(t.ctx, a.patronId, h2.id); // shown until 2026-04-20: gone today
  await t.setClock('2026-03-27T01:00:00Z');
  await cancelHold(t.ctx, a.patronId, h3.id); // shown until 2026-04-27: still shown today
  await t.setClock('2026-04-24T01:00:00Z');
  await cancelHold(t.ctx, a.patronId, h1.id);

  // Copies come back: 地底旅行 at its pickup branch (ready), お城 at central (in transit to 西之台).
  await t.setClock('2026-04-26T01:00:00Z');
  await checkIn(t.ctx, 'X1', 'central');
  await checkIn(t.ctx, 'Y1', 'central');

  await t.setClock(NOW);
  const patron = await t.login('2000000326', 'library1');
  snap = await patron.json('/api/account');
});
after(() => t.close());

test('the snapshot says when and which day it is', () => {
  assert.equal(snap.today, '2026-04-27');
  assert.equal(Date.parse(snap.asOf) >= Date.parse(NOW), true);
});

test('the patron summary masks the card number and gives the expiry date', () => {
  assert.equal(snap.patron.cardMasked, '*****326');
  assert.equal(snap.patron.cardExpiresOn, '2028-03-31');
  assert.equal(snap.patron.cardExpired, false);
  assert.equal(snap.patron.email, 'a@example.jp');
  assert.deepEqual(snap.patron.defaults, { pickupBranch: 'central', contactMethod: 'email' });
  assert.doesNotMatch(snap.patron.id, /2000000326/);
});

test('loans carry title, category, dates and the renewal decision', () => {
  const yume = snap.loans.find((l) => l.title === '夢の守り人')!;
  assert.deepEqual(
    { category: yume.category, barcode: yume.barcode, branch: yume.branch, loanedOn: yume.loanedOn, dueOn: yume.dueOn, renewable: yume.renewable, renewBlockedBy: yume.renewBlockedBy, overdue: yume.overdue },
    { category: 'children', barcode: 'M1', branch: 'central', loanedOn: '2026-04-07', dueOn: '2026-04-28', renewable: true, renewBlockedBy: null, overdue: false },
  );
  assert.deepEqual(yume.renewWindow, { from: '2026-04-21', to: '2026-05-05' });
  const cd = snap.loans.find((l) => l.category === 'cd')!;
  assert.equal(cd.renewBlockedBy, 'not_renewable_material');
});

test('holds show status, rank in the queue, pickup deadline and what can be done', () => {
  const byId = (id: string) => snap.holds.find((h) => h.id === ids[id])!;
  const ready = byId('ready');
  assert.deepEqual([ready.status, ready.rank, ready.pickupBy, ready.cancellable, ready.changeable], ['ready', null, '2026-05-03', false, false]);
  const transit = byId('transit');
  assert.deepEqual([transit.status, transit.pickupBranch, transit.cancellable], ['in_transit', 'nishinodai', false]);
  assert.deepEqual([byId('rank2').status, byId('rank2').rank, byId('rank2').cancellable, byId('rank2').changeable], ['waiting', 2, true, true]);
  assert.equal(byId('rank1').rank, 1);
  assert.equal(byId('rank1').placedOn, '2026-04-20');
});

test('cancelled holds are shown for one calendar month from the cancel date', () => {
  const titles = snap.cancelledHolds.map((c) => c.title).sort();
  assert.deepEqual(titles, ['境目の雑誌', '週刊ベースボール'].sort());
  const baseball = snap.cancelledHolds.find((c) => c.title === '週刊ベースボール')!;
  assert.deepEqual([baseball.cancelledOn, baseball.reason, baseball.placedOn], ['2026-04-24', null, '2026-04-20']);
});

test('counts: loans split general/CD; holds count every hold in general and CDs again in CD', () => {
  assert.deepEqual(snap.counts, {
    loans: { total: 2, general: { count: 1, limit: 9999 }, cd: { count: 1, limit: 5 } },
    holds: { total: 5, general: { count: 5, limit: 10 }, cd: { count: 1, limit: 5 } },
  });
  assert.equal(snap.wishlistCount, 0);
});

test('the account of another patron is not visible: each session sees its own', async () => {
  const other = await t.login('2000000276', 'library2');
  const theirs = await other.json<AccountSnapshot>('/api/account');
  assert.equal(theirs.patron.cardMasked, '*****276');
  assert.equal(theirs.holds.length, 0);
  assert.ok(theirs.loans.every((l) => !snap.loans.some((m) => m.id === l.id)));
});
