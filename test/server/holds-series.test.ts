/** シリーズ予約 through the API ([docs/rules.md#holds](../../docs/rules.md#holds)): grouping, order at check-in, regroup and release. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

const NOW = '2026-04-27T01:00:00Z';
const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function setup() {
  const t = await startTestApp({ now: NOW });
  apps.push(t);
  await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
  await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
  const alice = await t.login('2000000326', 'library1');
  const bob = await t.login('2000000276', 'library2');
  // Three volumes, one copy each at central (the default pickup branch).
  const vols = [];
  for (const n of [1, 2, 3]) vols.push(await t.addTitle({ title: `守り人 ${n}`, copies: [{ barcode: `V${n}`, branch: 'central' }] }));
  return { t, alice, bob, vols };
}

const place = async (client: PatronClient, bibId: string) => {
  const res = await call(client, 'POST', '/api/holds', { bibId });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.hold.id as string;
};
const holdsOf = async (client: PatronClient) => (await client.json('/api/account')).holds as any[];
const seriesOf = async (client: PatronClient) =>
  Object.fromEntries((await holdsOf(client)).map((h) => [h.title, [h.seriesNo, h.seriesOrder]]));

test('grouping two or more waiting holds gives series numbers 1, 2 … and the order given', async () => {
  const { alice, bob, vols } = await setup();
  const [h1, h2, h3] = [await place(alice, vols[0]!.bibId), await place(alice, vols[1]!.bibId), await place(alice, vols[2]!.bibId)];
  const res = await call(alice, 'POST', '/api/holds/series', { holdIds: [h2, h1] });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.seriesNo, 1);
  assert.deepEqual(res.body.holds.map((h: any) => [h.id, h.seriesOrder]), [[h2, 1], [h1, 2]]);
  assert.deepEqual(await seriesOf(alice), { '守り人 1': [1, 2], '守り人 2': [1, 1], '守り人 3': [null, null] });

  for (const [body, status, code] of [
    [{ holdIds: [h3] }, 400, 'invalid_input'],
    [{ holdIds: [h3, h3] }, 400, 'invalid_input'],
    [{ holdIds: [h3, 'h-nope'] }, 404, 'not_found'],
    [{ holdIds: [h3, h1] }, 400, 'invalid_input'], // h1 is in series 1 already
    [{ holds: [h3, h1] }, 400, 'invalid_input'],
  ] as const) {
    const e = await call(alice, 'POST', '/api/holds/series', body);
    assert.deepEqual([e.status, e.body.error.code], [status, code], JSON.stringify(body));
  }
  // Another patron's holds are not found.
  const b1 = await place(bob, vols[0]!.bibId);
  const b2 = await place(bob, vols[1]!.bibId);
  const foreign = await call(alice, 'POST', '/api/holds/series', { holdIds: [h3, b1] });
  assert.deepEqual([foreign.status, foreign.body.error.code], [404, 'not_found']);
  // Series numbers are per patron.
  const bobs = await call(bob, 'POST', '/api/holds/series', { holdIds: [b1, b2] });
  assert.equal(bobs.body.seriesNo, 1);
  assert.equal((await call(bob, 'DELETE', '/api/holds/series/1')).status, 204);
  const again = await call(bob, 'POST', '/api/holds/series', { holdIds: [b2, b1] });
  assert.equal(again.body.seriesNo, 2);
  // Another patron's series number is not found.
  assert.equal((await call(alice, 'DELETE', '/api/holds/series/2')).status, 404);
});

test('a later volume is never set aside before the earlier one is picked up; check-in serves the next in line', async () => {
  const { t, alice, bob, vols } = await setup();
  const v1 = await place(alice, vols[0]!.bibId);
  const v2 = await place(alice, vols[1]!.bibId);
  assert.equal((await call(alice, 'POST', '/api/holds/series', { holdIds: [v1, v2] })).status, 201);
  const bobV2 = await place(bob, vols[1]!.bibId);

  // Volume 2 comes back first: alice (rank 1) is held back, bob gets it.
  const first = await t.staff('/api/staff/checkins', { barcode: 'V2' });
  assert.equal(first.hold.id, bobV2);
  assert.equal(first.hold.status, 'ready');
  const aliceV2 = (await holdsOf(alice)).find((h) => h.id === v2);
  assert.deepEqual([aliceV2.status, aliceV2.rank], ['waiting', 1]);

  // Bob borrows and returns it; alice's volume 1 is still not picked up: the copy goes to the shelf.
  await t.checkout({ cardNumber: '2000000276', barcode: 'V2' });
  assert.deepEqual(await t.staff('/api/staff/checkins', { barcode: 'V2' }), {});
  const blocked = await t.staff(`/api/staff/holds/${v2}/set-aside`, {}, 409);
  assert.equal(blocked.error.code, 'series_order');

  // Volume 1 ready, still not picked up: volume 2 still held back.
  const v1Ready = await t.staff('/api/staff/holds/' + v1 + '/set-aside', {});
  assert.equal(v1Ready.hold.status, 'ready');
  assert.equal((await t.staff(`/api/staff/holds/${v2}/set-aside`, {}, 409)).error.code, 'series_order');

  // Picked up: volume 2 may now be set aside.
  await t.checkout({ cardNumber: '2000000326', barcode: 'V1' });
  const v2Ready = await t.staff(`/api/staff/holds/${v2}/set-aside`, {});
  assert.deepEqual([v2Ready.hold.id, v2Ready.hold.status], [v2, 'ready']);
});

test('cancelling the earlier volume frees the later one at the next check-in', async () => {
  const { t, alice, vols } = await setup();
  const v1 = await place(alice, vols[0]!.bibId);
  const v2 = await place(alice, vols[1]!.bibId);
  await call(alice, 'POST', '/api/holds/series', { holdIds: [v1, v2] });
  await t.checkout({ cardNumber: '2000000276', barcode: 'V2' });
  assert.deepEqual(await t.staff('/api/staff/checkins', { barcode: 'V2' }), {});
  await t.checkout({ cardNumber: '2000000276', barcode: 'V2' });
  assert.equal((await call(alice, 'DELETE', `/api/holds/${v1}`)).status, 200);
  const served = await t.staff('/api/staff/checkins', { barcode: 'V2' });
  assert.equal(served.hold.id, v2);
});

test('regroup (reorder, add, remove) and release only while every hold involved is waiting', async () => {
  const { t, alice, vols } = await setup();
  const [h1, h2, h3] = [await place(alice, vols[0]!.bibId), await place(alice, vols[1]!.bibId), await place(alice, vols[2]!.bibId)];
  await call(alice, 'POST', '/api/holds/series', { holdIds: [h1, h2] });

  const regroup = await call(alice, 'PUT', '/api/holds/series/1', { holdIds: [h3, h1] });
  assert.equal(regroup.status, 200, JSON.stringify(regroup.body));
  assert.deepEqual(regroup.body.holds.map((h: any) => [h.id, h.seriesOrder]), [[h3, 1], [h1, 2]]);
  assert.deepEqual(await seriesOf(alice), { '守り人 1': [1, 2], '守り人 2': [null, null], '守り人 3': [1, 1] });
  assert.equal((await call(alice, 'PUT', '/api/holds/series/9', { holdIds: [h1, h2] })).status, 404);

  // h3 (first in the series) becomes ready: no regroup, no release.
  await t.staff(`/api/staff/holds/${h3}/set-aside`, {});
  const e1 = await call(alice, 'PUT', '/api/holds/series/1', { holdIds: [h1, h2] });
  assert.deepEqual([e1.status, e1.body.error.code], [409, 'not_waiting']);
  const e2 = await call(alice, 'PUT', '/api/holds/series/1', { holdIds: [h1, h3] });
  assert.deepEqual([e2.status, e2.body.error.code], [409, 'not_waiting']);
  const e3 = await call(alice, 'DELETE', '/api/holds/series/1');
  assert.deepEqual([e3.status, e3.body.error.code], [409, 'not_waiting']);
  const e4 = await call(alice, 'POST', '/api/holds/series', { holdIds: [h2, h3] });
  assert.equal(e4.status, 409);
  assert.deepEqual(await seriesOf(alice), { '守り人 1': [1, 2], '守り人 2': [null, null], '守り人 3': [1, 1] });

  // Picked up: the rest of the series can be released.
  await t.checkout({ cardNumber: '2000000326', barcode: 'V3' });
  assert.equal((await call(alice, 'DELETE', '/api/holds/series/1')).status, 204);
  assert.equal((await call(alice, 'DELETE', '/api/holds/series/1')).status, 404);
  assert.deepEqual(await seriesOf(alice), { '守り人 1': [null, null], '守り人 2': [null, null] });
});
