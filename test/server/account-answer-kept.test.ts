/**
 * GET /api/account keeps the JSON of an unchanged account between requests (server/account/snapshot.ts):
 * the kept answer must follow every change — the clock (asOf), the library day, the patron's record,
 * a title's record and another patron's request — and never serve one patron's answer to another.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountSnapshot } from '../../common/api.ts';
import { keys, type TitleRecord } from '../../server/domain/records.ts';
import { placeHold } from '../../server/holds/patron-holds.ts';
import { startTestApp, type TestApp } from './helpers.ts';

const NOW = '2026-04-27T01:00:00Z'; // 2026-04-27 in Tokyo
let t: TestApp;
let bibId: string;
let patronId: string;

before(async () => {
  t = await startTestApp({ now: NOW });
  ({ patronId } = await t.addPatron({ cardNumber: '2000000326', password: 'library1' }));
  await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
  ({ bibId } = await t.addTitle({ title: '夢の守り人', copies: [{ barcode: 'M1', branch: 'central' }] }));
  await t.checkout({ cardNumber: '2000000326', barcode: 'M1', loanedOn: '2026-04-07', dueOn: '2026-04-28' });
});
after(() => t.close());

test('an unchanged account answers the same JSON, with the time of each request', async () => {
  const patron = await t.login('2000000326', 'library1');
  const first = await patron.fetch('/api/account');
  assert.equal(first.status, 200);
  assert.match(first.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(first.headers.get('cache-control'), 'no-store');
  const a = (await first.json()) as AccountSnapshot;
  const b = await patron.json<AccountSnapshot>('/api/account');
  assert.deepEqual({ ...b, asOf: a.asOf }, a);
  // The library clock runs on from LIBRARY_NOW: each answer says its own time.
  assert.ok(Date.parse(a.asOf) >= Date.parse(NOW) && Date.parse(b.asOf) >= Date.parse(a.asOf));

  await t.setClock('2026-04-27T01:30:00Z');
  const c = await patron.json<AccountSnapshot>('/api/account');
  assert.ok(Date.parse(c.asOf) >= Date.parse('2026-04-27T01:30:00Z'));
  assert.deepEqual({ ...c, asOf: a.asOf }, a);
});

test('the next library day gives a new answer (days, renewal window, overdue)', async () => {
  await t.setClock(NOW);
  const before = await (await t.login('2000000326', 'library1')).json<AccountSnapshot>('/api/account');
  assert.equal(before.loans[0]!.overdue, false);
  assert.equal(before.loans[0]!.renewable, true);
  await t.setClock('2026-05-10T01:00:00Z'); // due 4/28: overdue, past the window's end
  // (Two weeks on, the session has idled out: a new login, the same patron record.)
  const later = await (await t.login('2000000326', 'library1')).json<AccountSnapshot>('/api/account');
  assert.equal(later.today, '2026-05-10');
  assert.equal(later.loans[0]!.overdue, true);
  assert.equal(later.loans[0]!.renewable, false);
  await t.setClock(NOW);
});

test('a change to a title shows at once, though the patron is unchanged', async () => {
  const patron = await t.login('2000000326', 'library1');
  assert.equal((await patron.json<AccountSnapshot>('/api/account')).loans[0]!.title, '夢の守り人');
  await t.ctx.store.transaction(async (tx) => {
    const title = (await tx.get<TitleRecord>(keys.title(bibId)))!;
    tx.set(keys.title(bibId), { ...title, title: '夢の守り人（新装版）' });
  });
  assert.equal((await patron.json<AccountSnapshot>('/api/account')).loans[0]!.title, '夢の守り人（新装版）');
});

test('a change to the patron (a new hold) shows at once, and each patron gets their own answer', async () => {
  const patron = await t.login('2000000326', 'library1');
  const other = await t.login('2000000276', 'library2');
  assert.equal((await patron.json<AccountSnapshot>('/api/account')).holds.length, 0);
  const { bibId: held } = await t.addTitle({ title: '地底旅行', copies: [{ barcode: 'X1', branch: 'central' }] });
  await t.checkout({ cardNumber: '2000000276', barcode: 'X1', loanedOn: '2026-04-20', dueOn: '2026-05-20' });
  await placeHold(t.ctx, patronId, { bibId: held });
  const mine = await patron.json<AccountSnapshot>('/api/account');
  assert.deepEqual(mine.holds.map((h) => h.title), ['地底旅行']);
  const theirs = await other.json<AccountSnapshot>('/api/account');
  assert.equal(theirs.patron.cardMasked, '*****276');
  assert.deepEqual(theirs.holds, []);
  assert.deepEqual(theirs.loans.map((l) => l.title), ['地底旅行']);
  assert.equal((await patron.json<AccountSnapshot>('/api/account')).patron.cardMasked, '*****326');
});
