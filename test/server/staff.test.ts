/** Staff API ([docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)): desk records are not refused for patron-side rules, only for impossible states. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { placeHold } from '../../server/holds/patron-holds.ts';
import { checkIn } from '../../server/holds/desk-holds.ts';
import { startTestApp, type TestApp } from './helpers.ts';

const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function setup() {
  const t = await startTestApp({ now: '2026-04-27T01:00:00Z', openEveryDay: true });
  apps.push(t);
  const a = await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
  const b = await t.addPatron({ cardNumber: '2000000276', password: 'library2', cardExpiresOn: '2020-01-01' });
  return { t, a, b };
}

test('a checkout without dates runs from today for 21 days (a CD for 14)', async () => {
  const { t } = await setup();
  await t.addTitle({ title: '地底旅行', copies: [{ barcode: 'B1', branch: 'central' }] });
  await t.addTitle({ title: 'ショパン 夜想曲集', materialType: 'cd', category: 'cd', copies: [{ barcode: 'C1', branch: 'higashi' }] });
  assert.equal((await t.checkout({ cardNumber: '2000000326', barcode: 'B1' })).dueOn, '2026-05-18');
  assert.equal((await t.checkout({ cardNumber: '2000000326', barcode: 'C1' })).dueOn, '2026-05-11');
  const loans = (await (await t.login('2000000326', 'library1')).json('/api/account')).loans;
  assert.deepEqual(loans.map((l: any) => [l.barcode, l.branch, l.loanedOn]), [['B1', 'central', '2026-04-27'], ['C1', 'higashi', '2026-04-27']]);
});

test('a checkout to an expired card is recorded (staff are not refused for patron-side rules)', async () => {
  const { t } = await setup();
  await t.addTitle({ title: '地底旅行', copies: [{ barcode: 'B1', branch: 'central' }] });
  await t.staff('/api/staff/checkouts', { cardNumber: '2000000276', barcode: 'B1' }, 201);
});

test('a copy already on loan cannot be checked out again', async () => {
  const { t } = await setup();
  await t.addTitle({ title: '地底旅行', copies: [{ barcode: 'B1', branch: 'central' }] });
  await t.checkout({ cardNumber: '2000000326', barcode: 'B1' });
  const e = await t.staff('/api/staff/checkouts', { cardNumber: '2000000276', barcode: 'B1' }, 409);
  assert.equal(e.error.code, 'already_on_loan');
});

test('checking out the copy set aside for a ready hold fulfils the hold; nobody else can take it', async () => {
  const { t, a } = await setup();
  const { bibId } = await t.addTitle({ title: '地底旅行', copies: [{ barcode: 'B1', branch: 'central' }] });
  await t.checkout({ cardNumber: '2000000276', barcode: 'B1' });
  await placeHold(t.ctx, a.patronId, { bibId, pickupBranch: 'central' });
  await checkIn(t.ctx, 'B1', 'central');
  assert.equal((await t.staff('/api/staff/checkouts', { cardNumber: '2000000276', barcode: 'B1' }, 409)).error.code, 'already_held');
  await t.checkout({ cardNumber: '2000000326', barcode: 'B1' });
  const snap = await (await t.login('2000000326', 'library1')).json('/api/account');
  assert.deepEqual([snap.holds.length, snap.loans.length, snap.loans[0].barcode], [0, 1, 'B1']);
  const title = await t.ctx.store.get<any>(`title:${bibId}`);
  assert.deepEqual([title.queue.length, title.copies[0].status], [0, 'on_loan']);
});

test('a duplicate card number or barcode is 409 already_exists', async () => {
  const { t } = await setup();
  const e = await t.staff('/api/staff/patrons', { cardNumber: '2000000326', birthDate: '1990-01-01', cardExpiresOn: '2030-01-01' }, 409);
  assert.equal(e.error.code, 'already_exists');
  await t.addTitle({ title: '地底旅行', copies: [{ barcode: 'B1', branch: 'central' }] });
  const e2 = await t.staff('/api/staff/titles', { title: '別の本', materialType: 'book', category: 'general', copies: [{ barcode: 'B1', branch: 'central' }] }, 409);
  assert.equal(e2.error.code, 'already_exists');
});

test('a new title is searchable in the catalogue at once', async () => {
  const { t } = await setup();
  const { bibId } = await t.addTitle({ title: '闇の守り人', author: '上橋 菜穂子' });
  assert.deepEqual(t.ctx.catalog.search({ q: '守り人', page: 1, pageSize: 10 }).bibIds, [bibId]);
});

test('moving the clock answers the new instant and the Tokyo date', async () => {
  const { t } = await setup();
  const out = await t.staff('/api/staff/clock', { now: '2026-04-30T15:30:00Z' });
  assert.equal(out.today, '2026-05-01');
});
