/**
 * Holds at the desk ([docs/rules.md#holds](../../docs/rules.md#holds), [docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)): check-in passes the copy to the next hold in line (in transit
 * or ready at once), arrival, set-aside of a shelved copy, pickup, and the maintenance pass on the
 * library clock.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';
import { startMaintenance } from '../../server/maintenance/schedule.ts';

// 2026-04-27 10:00 in Tokyo.
const NOW = '2026-04-27T01:00:00Z';
const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

interface World {
  t: TestApp;
  alice: PatronClient;
  bob: PatronClient;
  carol: PatronClient;
}

async function world(): Promise<World> {
  const t = await startTestApp({ now: NOW, openEveryDay: true });
  apps.push(t);
  const login = async (cardNumber: string, pickupBranch: string) => {
    await t.addPatron({ cardNumber, password: 'library1', pickupBranch, contactMethod: 'phone' } as never);
    return staySignedIn(t, cardNumber);
  };
  return {
    t,
    alice: await login('2000000326', 'central'),
    bob: await login('2000000276', 'midori'),
    carol: await login('2000000277', 'central'),
  };
}

/**
 * A patron client that logs in again when the session has ended: these tests move the library
 * clock by days, past the 60-minute idle timeout.
 */
async function staySignedIn(t: TestApp, cardNumber: string): Promise<PatronClient> {
  let session = await t.login(cardNumber, 'library1');
  const client: PatronClient = {
    get cookie() {
      return session.cookie;
    },
    get setCookie() {
      return session.setCookie;
    },
    async fetch(path, init) {
      const res = await session.fetch(path, init);
      if (res.status !== 401) return res;
      session = await t.login(cardNumber, 'library1');
      return session.fetch(path, init);
    },
    async json(path) {
      const res = await client.fetch(path);
      const text = await res.text();
      assert.equal(res.status, 200, text);
      return JSON.parse(text);
    },
  };
  return client;
}

const place = async (client: PatronClient, bibId: string, extra: Record<string, unknown> = {}) => {
  const res = await call(client, 'POST', '/api/holds', { bibId, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.hold.id as string;
};
const holdsOf = async (client: PatronClient) => (await client.json('/api/account')).holds as any[];
const holdOf = async (client: PatronClient, id: string) => (await holdsOf(client)).find((h) => h.id === id);
const checkin = (t: TestApp, barcode: string, branch?: string) =>
  t.staff('/api/staff/checkins', branch ? { barcode, branch } : { barcode });

test('check-in → in transit → arrive → ready → pickup_expired, the copy going to the next patron', async () => {
  const { t, alice, bob, carol } = await world();
  const { bibId, barcodes } = await t.addTitle({ title: 'お城へ行こう!', copies: [{ barcode: 'B1', branch: 'central' }] });
  await t.checkout({ cardNumber: '2000000277', barcode: 'B1' });
  const bobHold = await place(bob, bibId); // pickup at midori
  await t.setClock('2026-04-27T02:00:00Z');
  const aliceHold = await place(alice, bibId); // pickup at central

  // Returned at central: bob is first and picks up at midori → in transit.
  const back = await checkin(t, barcodes[0]!);
  assert.equal(back.hold.id, bobHold);
  assert.equal(back.hold.status, 'in_transit');
  assert.equal(back.cardNumber, '2000000276');
  assert.equal((await carol.json('/api/account')).loans.length, 0, 'the loan ended');
  const inTransit = await holdOf(bob, bobHold);
  assert.deepEqual([inTransit.status, inTransit.rank, inTransit.pickupBy], ['in_transit', null, null]);
  assert.deepEqual([inTransit.cancellable, inTransit.changeable], [false, false]);
  assert.equal((await holdOf(alice, aliceHold)).rank, 1);

  // Not cancellable / changeable on the web once set aside.
  const cancel = await call(bob, 'DELETE', `/api/holds/${bobHold}`);
  assert.deepEqual([cancel.status, cancel.body.error.code], [409, 'not_cancellable']);

  // Arrives at midori the next day: ready, pick up within 7 days.
  await t.setClock('2026-04-28T01:00:00Z');
  const arrived = await t.staff(`/api/staff/holds/${bobHold}/arrive`);
  assert.deepEqual([arrived.hold.status, arrived.hold.pickupBy], ['ready', '2026-05-05']);
  await t.staff(`/api/staff/holds/${bobHold}/arrive`, undefined, 409);
  const ready = await holdOf(bob, bobHold);
  assert.deepEqual([ready.status, ready.pickupBy], ['ready', '2026-05-05']);
  const change = await call(bob, 'PATCH', `/api/holds/${bobHold}`, { contactMethod: 'none' });
  assert.deepEqual([change.status, change.body.error.code], [409, 'not_changeable']);
  const cancelReady = await call(bob, 'DELETE', `/api/holds/${bobHold}`);
  assert.deepEqual([cancelReady.status, cancelReady.body.error.code], [409, 'not_cancellable']);

  // The last pickup day passes nothing yet.
  await t.setClock('2026-05-05T14:00:00Z'); // 23:00 in Tokyo, still 05-05
  assert.deepEqual(await t.staff('/api/staff/maintenance'), { pickupExpired: 0, waitExpired: 0, forgotten: 0, passedOn: 0 });
  // The day after: 取置期限経過; the copy (at midori) goes to alice, who picks up at central → in transit.
  await t.setClock('2026-05-05T15:00:00Z'); // 00:00 on 05-06 in Tokyo
  assert.deepEqual(await t.staff('/api/staff/maintenance'), { pickupExpired: 1, waitExpired: 0, forgotten: 0, passedOn: 1 });
  const bobSnap = await bob.json('/api/account');
  assert.equal(bobSnap.holds.length, 0);
  assert.deepEqual(
    bobSnap.cancelledHolds.map((c: any) => [c.id, c.reason, c.cancelledOn]),
    [[bobHold, 'pickup_expired', '2026-05-06']],
  );
  const aliceNow = await holdOf(alice, aliceHold);
  assert.deepEqual([aliceNow.status, aliceNow.rank], ['in_transit', null]);
  // Picked up by alice at central once it arrives: a loan.
  await t.staff(`/api/staff/holds/${aliceHold}/arrive`);
  await t.checkout({ cardNumber: '2000000326', barcode: 'B1' });
  const aliceSnap = await alice.json('/api/account');
  assert.equal(aliceSnap.holds.length, 0);
  assert.deepEqual(aliceSnap.loans.map((l: any) => [l.barcode, l.branch]), [['B1', 'central']]);
});

test('a copy checked in at the pickup branch is ready at once; with no one waiting it goes back on the shelf', async () => {
  const { t, alice, carol } = await world();
  const { bibId } = await t.addTitle({ title: '地底旅行', copies: [{ barcode: 'C1', branch: 'higashi' }] });
  await t.checkout({ cardNumber: '2000000277', barcode: 'C1' });
  const hold = await place(alice, bibId); // central
  const back = await checkin(t, 'C1', 'central');
  assert.deepEqual([back.hold.id, back.hold.status, back.hold.pickupBy], [hold, 'ready', '2026-05-04']);
  // A second scan changes nothing.
  const again = await checkin(t, 'C1', 'central');
  assert.deepEqual([again.hold.id, again.hold.status], [hold, 'ready']);

  await t.checkout({ cardNumber: '2000000326', barcode: 'C1' });
  const shelved = await checkin(t, 'C1');
  assert.deepEqual(shelved, {});
  const detail = await call(carol, 'GET', `/api/catalog/${bibId}`);
  assert.equal(detail.body.copyList[0].status, 'on_shelf');
});

test('staff can set a shelved copy aside for a waiting hold, first come first served', async () => {
  const { t, alice, bob } = await world();
  const { bibId } = await t.addTitle({ title: '棚の本', copies: [{ barcode: 'S1', branch: 'central' }] });
  const first = await place(alice, bibId); // central
  const second = await place(bob, bibId);
  const notFirst = await call(t, 'POST', `/api/staff/holds/${second}/set-aside`);
  assert.equal(notFirst.status, 401, 'staff token needed');
  const e = await t.staff(`/api/staff/holds/${second}/set-aside`, {}, 409);
  assert.equal(e.error.code, 'not_next_in_line');
  const done = await t.staff(`/api/staff/holds/${first}/set-aside`, {});
  assert.deepEqual([done.hold.status, done.hold.pickupBy], ['ready', '2026-05-04']);
  const none = await t.staff(`/api/staff/holds/${second}/set-aside`, {}, 409);
  assert.equal(none.error.code, 'no_copy_available');
  await t.staff('/api/staff/holds/h-unknown/set-aside', {}, 404);
  assert.equal((await holdOf(bob, second)).rank, 1);
});

test('a waiting hold by another patron blocks renewal (has_holds); the borrower\'s own view says so', async () => {
  const { t, alice, bob } = await world();
  const { bibId, barcodes } = await t.addTitle({ title: '哲学のことば' });
  const { loanId } = await t.checkout({ cardNumber: '2000000326', barcode: barcodes[0]!, loanedOn: '2026-04-10', dueOn: '2026-04-30' });
  await place(bob, bibId);
  const loan = (await alice.json('/api/account')).loans[0];
  assert.equal(loan.renewBlockedBy, 'has_holds');
  const res = await call(alice, 'POST', `/api/loans/${loanId}/renew`);
  assert.deepEqual([res.status, res.body.error.code], [409, 'has_holds']);
});

test('maintenance: wait_expired, cancelled holds forgotten after one calendar month, running twice changes nothing more', async () => {
  const { t, alice, bob } = await world();
  const a = await t.addTitle({ title: '待ち期限' });
  const b = await t.addTitle({ title: '取消済み' });
  const waitHold = await place(alice, a.bibId, { notNeededAfter: '2026-04-30' });
  await place(bob, a.bibId);
  const cancelled = await place(alice, b.bibId);
  await call(alice, 'DELETE', `/api/holds/${cancelled}`); // cancelledOn 2026-04-27

  await t.setClock('2026-04-30T01:00:00Z');
  assert.equal((await t.staff('/api/staff/maintenance')).waitExpired, 0);
  await t.setClock('2026-05-01T01:00:00Z');
  assert.deepEqual(await t.staff('/api/staff/maintenance'), { pickupExpired: 0, waitExpired: 1, forgotten: 0, passedOn: 0 });
  assert.deepEqual(await t.staff('/api/staff/maintenance'), { pickupExpired: 0, waitExpired: 0, forgotten: 0, passedOn: 0 });
  let snap = await alice.json('/api/account');
  assert.equal(snap.holds.length, 0);
  assert.deepEqual(
    snap.cancelledHolds.map((c: any) => [c.id, c.title, c.reason, c.cancelledOn]),
    [[cancelled, '取消済み', null, '2026-04-27'], [waitHold, '待ち期限', 'wait_expired', '2026-05-01']],
  );
  assert.equal((await holdsOf(bob))[0].rank, 1, 'the expired hold left the queue');

  // Shown through 05-27 (one calendar month), gone on 05-28.
  await t.setClock('2026-05-27T01:00:00Z');
  assert.equal((await t.staff('/api/staff/maintenance')).forgotten, 0);
  assert.equal((await alice.json('/api/account')).cancelledHolds.length, 2);
  await t.setClock('2026-05-28T01:00:00Z');
  const first = await t.staff('/api/staff/maintenance');
  const second = await t.staff('/api/staff/maintenance');
  assert.deepEqual([first.forgotten, second.forgotten], [1, 0]);
  snap = await alice.json('/api/account');
  assert.deepEqual(snap.cancelledHolds.map((c: any) => c.title), ['待ち期限']);
});

test('maintenance beside patron requests leaves a consistent queue', async () => {
  const { t, alice, bob } = await world();
  const titles = [];
  for (let i = 0; i < 5; i++) titles.push(await t.addTitle({ title: `同時 ${i}` }));
  for (const { bibId } of titles) await place(alice, bibId, { notNeededAfter: '2026-04-27' });
  await t.setClock('2026-04-28T01:00:00Z');
  const [counts] = await Promise.all([
    t.staff('/api/staff/maintenance'),
    ...titles.map(({ bibId }) => call(bob, 'POST', '/api/holds', { bibId })),
  ]);
  assert.equal(counts.waitExpired, 5);
  const bobs = await holdsOf(bob);
  assert.equal(bobs.length, 5);
  assert.ok(bobs.every((h) => h.rank === 1));
  assert.equal((await holdsOf(alice)).length, 0);
});

test('the staff circulation API refuses bad input and missing tokens', async () => {
  const { t } = await world();
  assert.equal((await call(t, 'POST', '/api/staff/checkins', { barcode: 'X' })).status, 401);
  assert.equal((await t.staff('/api/staff/checkins', { barcode: 'NOPE' }, 404)).error.code, 'not_found');
  await t.addTitle({ title: 'x', copies: [{ barcode: 'Z1', branch: 'central' }] });
  assert.equal((await t.staff('/api/staff/checkins', { barcode: 'Z1', branch: 'mars' }, 400)).error.code, 'invalid_input');
  assert.equal((await t.staff('/api/staff/checkins', { barcode: 'Z1', extra: true }, 400)).error.code, 'invalid_input');
  assert.equal((await t.staff('/api/staff/holds/nope/arrive', undefined, 404)).error.code, 'not_found');
});

test('the scheduled maintenance runs a pass as soon as it starts', async () => {
  const { t, alice } = await world();
  const { bibId } = await t.addTitle({ title: '期限切れ' });
  await place(alice, bibId, { notNeededAfter: '2026-04-27' });
  await t.setClock('2026-04-28T01:00:00Z');
  const stop = startMaintenance(t.ctx, 60 * 60 * 1000);
  try {
    let cancelled: any[] = [];
    for (let i = 0; i < 50 && cancelled.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      cancelled = (await alice.json('/api/account')).cancelledHolds;
    }
    assert.deepEqual(cancelled.map((c) => c.reason), ['wait_expired']);
  } finally {
    await stop();
  }
});

test('a check-in skips a hold whose 予約待ち期限日 has passed even before maintenance cancels it', async () => {
  const { t, alice, bob } = await world();
  const { bibId } = await t.addTitle({ title: '間に合わず', copies: [{ barcode: 'W1', branch: 'central' }] });
  await t.checkout({ cardNumber: '2000000277', barcode: 'W1' });
  const stale = await place(alice, bibId, { notNeededAfter: '2026-04-28' });
  const next = await place(bob, bibId);
  await t.setClock('2026-04-29T01:00:00Z');
  const back = await checkin(t, 'W1');
  assert.equal(back.hold.id, next);
  assert.equal((await holdOf(alice, stale)).status, 'waiting');
  assert.equal((await t.staff('/api/staff/maintenance')).waitExpired, 1);
});
