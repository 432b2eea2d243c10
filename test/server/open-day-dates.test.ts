/**
 * Due dates on open days ([docs/rules.md#opening-days](../../docs/rules.md#opening-days)) through the HTTP API, on the Koganei calendar (every branch
 * closed on Mondays) with closed dates from LIBRARY_CONFIG: a checkout's default due date, a
 * renewal's new due date and a 取置期限日 move to the branch's next open day; the renewal window
 * counts from the moved date; GET /api/library lists each branch's next 30 days.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';
import { KOGANEI_POLICY } from '../../server/policy/defaults.ts';

let t: TestApp;
// 2026-04-27 (Monday) 10:00 in Tokyo. 本館 also closed on 5/12 (Tue), 東分館 on 5/5 (Tue).
before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shiori-opendays-'));
  const branches = KOGANEI_POLICY.branches.map((b) =>
    b.code === 'central' ? { ...b, closedDates: ['2026-05-12'] } : b.code === 'higashi' ? { ...b, closedDates: ['2026-05-05'] } : b,
  );
  await writeFile(join(dir, 'library.json'), JSON.stringify({ branches }));
  t = await startTestApp({ now: '2026-04-27T01:00:00Z', env: { LIBRARY_CONFIG: join(dir, 'library.json') } });
  await t.addPatron({ cardNumber: '4600000001', password: 'days1234' });
  await t.addPatron({ cardNumber: '4600000002', password: 'days5678', pickupBranch: 'higashi' } as never);
});
after(() => t.close());

test('a checkout’s default due date on a closed Monday moves to Tuesday; an explicit one is kept', async () => {
  const a = await t.addTitle({ title: '月曜の本' });
  // 4/6 + 21 days = Monday 4/27.
  const moved = await t.checkout({ cardNumber: '4600000001', barcode: a.barcodes[0]!, loanedOn: '2026-04-06' });
  assert.equal(moved.dueOn, '2026-04-28');
  const b = await t.addTitle({ title: '指定の本' });
  const kept = await t.checkout({ cardNumber: '4600000001', barcode: b.barcodes[0]!, loanedOn: '2026-04-13', dueOn: '2026-05-04' });
  assert.equal(kept.dueOn, '2026-05-04', 'what the desk gave is recorded as given');
});

test('a renewal’s new due date moves past a closed Monday and a closed date; the window counts from the moved due date', async () => {
  const patron = await t.login('4600000001', 'days1234');
  const snap = await patron.json('/api/account');
  const monday = snap.loans.find((l: { title: string }) => l.title === '月曜の本');
  assert.deepEqual(monday.renewWindow, { from: '2026-04-21', to: '2026-05-05' }, '±7 days around the moved 4/28');
  const given = snap.loans.find((l: { title: string }) => l.title === '指定の本');
  // 5/4 + 7 = Monday 5/11 → Tuesday 5/12, closed at 本館 → Wednesday 5/13.
  const renewed = await call(patron, 'POST', `/api/loans/${given.id}/renew`, undefined, { 'idempotency-key': 'od-1' });
  assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
  assert.equal(renewed.body.loan.dueOn, '2026-05-13');
  // 5/5: the 7th day after the moved 4/28 (the 8th after the unmoved 4/27): still renewable.
  await t.setClock('2026-05-05T01:00:00Z');
  const again = await t.login('4600000001', 'days1234');
  const late = await call(again, 'POST', `/api/loans/${monday.id}/renew`, undefined, { 'idempotency-key': 'od-2' });
  assert.equal(late.status, 200, JSON.stringify(late.body));
  assert.equal(late.body.loan.dueOn, '2026-05-05', '4/28 + 7 = Tuesday 5/5, open at 本館');
  await t.setClock('2026-04-27T01:00:00Z');
});

test('a 取置期限日 on a closed day moves to the pickup branch’s next open day', async () => {
  const patron = await t.login('4600000002', 'days5678');
  // Ready at 東分館 on 4/27: + 7 = Monday 5/4 → 5/5 is 東分館's closed date → 5/6.
  const x = await t.addTitle({ title: '取置の本', copies: [{ barcode: 'OD-HIGASHI', branch: 'higashi' }] });
  await t.checkout({ cardNumber: '4600000001', barcode: 'OD-HIGASHI', loanedOn: '2026-04-13', dueOn: '2026-05-04' });
  const placed = await call(patron, 'POST', '/api/holds', { bibId: x.bibId });
  assert.equal(placed.status, 201);
  const served = await t.staff('/api/staff/checkins', { barcode: 'OD-HIGASHI' });
  assert.equal(served.hold.status, 'ready');
  assert.equal(served.hold.pickupBy, '2026-05-06');
  // In transit to 本館, arriving on 4/27: + 7 = Monday 5/4 → Tuesday 5/5 (open at 本館).
  const y = await t.addTitle({ title: '回送の本', copies: [{ barcode: 'OD-MIDORI', branch: 'midori' }] });
  await t.checkout({ cardNumber: '4600000002', barcode: 'OD-MIDORI', loanedOn: '2026-04-13', dueOn: '2026-05-04' });
  const other = await t.login('4600000001', 'days1234');
  const h = await call(other, 'POST', '/api/holds', { bibId: y.bibId, pickupBranch: 'central' });
  assert.equal((await t.staff('/api/staff/checkins', { barcode: 'OD-MIDORI' })).hold.status, 'in_transit');
  const arrived = await t.staff(`/api/staff/holds/${h.body.hold.id}/arrive`, {});
  assert.equal(arrived.hold.pickupBy, '2026-05-05');
});

test('GET /api/library lists each branch’s next 30 days: open with hours, or 休館 with the reason', async () => {
  const info = (await call(t, 'GET', '/api/library')).body;
  assert.deepEqual(Object.keys(info.openDays), KOGANEI_POLICY.branches.map((b) => b.code));
  for (const days of Object.values(info.openDays) as { date: string }[][]) {
    assert.equal(days.length, 30);
    assert.equal(days[0]!.date, '2026-04-27');
    assert.equal(days[29]!.date, '2026-05-26');
  }
  const central = info.openDays.central;
  assert.deepEqual(central[0], { date: '2026-04-27', hours: null, closedFor: null }, 'Monday: 休館');
  assert.deepEqual(central[1], { date: '2026-04-28', hours: '10:00~17:00', closedFor: null });
  assert.deepEqual(central[2], { date: '2026-04-29', hours: '10:00~20:00', closedFor: null, note: '17:00以降は1階のみ' });
  assert.deepEqual(central.find((d: { date: string }) => d.date === '2026-05-12'), { date: '2026-05-12', hours: null, closedFor: '臨時休館' });
  assert.equal(info.openDays.nishinodai[1].hours, '9:00~17:00');
});
