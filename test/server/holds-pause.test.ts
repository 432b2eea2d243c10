/**
 * 一時停止, queue position and wait ([docs/rules.md#holds](../../docs/rules.md#holds)) through the HTTP API: PATCH /api/holds/:id
 * {pausedUntil}, the snapshot's `pausedUntil` and `queue`, check-in and set-aside passing paused
 * holds over, a paused series volume holding back the next, and a pause racing a check-in.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// 2026-04-27 (Monday) 10:00 in Tokyo. Every branch opens every day here: no pickup deadline moves.
const NOW = '2026-04-27T01:00:00Z';
const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

interface World {
  t: TestApp;
  patrons: PatronClient[];
  cards: string[];
}

async function world(n: number, env: Record<string, string> = {}): Promise<World> {
  const t = await startTestApp({ now: NOW, openEveryDay: true, env });
  apps.push(t);
  const patrons: PatronClient[] = [];
  const cards: string[] = [];
  for (let i = 0; i < n; i++) {
    const card = `45000000${String(i).padStart(2, '0')}`;
    await t.addPatron({ cardNumber: card, password: 'pause123', pickupBranch: 'central', contactMethod: 'phone' } as never);
    patrons.push(await t.login(card, 'pause123'));
    cards.push(card);
  }
  return { t, patrons, cards };
}

/** A title with `copies` copies at central, all on loan to a bystander (so holds wait). */
let titleSeq = 0;
async function titleOnLoan(t: TestApp, name: string, copies: number): Promise<{ bibId: string; barcodes: string[] }> {
  const seq = ++titleSeq;
  const barcodes = Array.from({ length: copies }, (_, i) => `P${seq}-${i}`);
  const { bibId } = await t.staff('/api/staff/titles', { title: name, materialType: 'book', category: 'general', copies: barcodes.map((barcode) => ({ barcode, branch: 'central' })) });
  for (const barcode of barcodes) await t.checkout({ cardNumber: '4599999999', barcode, loanedOn: '2026-04-20', dueOn: '2026-05-11' });
  return { bibId, barcodes };
}

async function placeHolds(w: World, bibId: string, who: number[]): Promise<string[]> {
  const ids: string[] = [];
  for (const i of who) {
    const r = await call(w.patrons[i]!, 'POST', '/api/holds', { bibId });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids.push(r.body.hold.id);
  }
  return ids;
}

async function holdOf(p: PatronClient, holdId: string) {
  const snap = await p.json('/api/account');
  return snap.holds.find((h: { id: string }) => h.id === holdId);
}

async function setup(n = 4, env: Record<string, string> = {}) {
  const w = await world(n, env);
  await w.t.addPatron({ cardNumber: '4599999999', password: 'bystand1' });
  return w;
}

test('PATCH {pausedUntil}: the hold keeps its place, shows the pause, and null resumes it', async () => {
  const w = await setup(2);
  const { bibId } = await titleOnLoan(w.t, 'ページ', 2);
  const [a, b] = await placeHolds(w, bibId, [0, 1]);
  const paused = await call(w.patrons[0]!, 'PATCH', `/api/holds/${a}`, { pausedUntil: '2026-05-10' });
  assert.equal(paused.status, 200, JSON.stringify(paused.body));
  assert.equal(paused.body.hold.pausedUntil, '2026-05-10');
  assert.deepEqual(paused.body.hold.queue, { position: 1, waiting: 2, paused: 1, copies: 2, estimate: { fromDays: 13, toDays: 28 } });
  const view = await holdOf(w.patrons[0]!, a!);
  assert.equal(view.pausedUntil, '2026-05-10');
  assert.equal(view.rank, 1, 'a pause keeps the place');
  // The hold behind it: the paused one ahead is not counted as ahead.
  const behind = await holdOf(w.patrons[1]!, b!);
  assert.deepEqual(behind.queue, { position: 2, waiting: 2, paused: 1, copies: 2, estimate: { fromDays: 0, toDays: 28 } });
  assert.equal(behind.pausedUntil, null);
  const resumed = await call(w.patrons[0]!, 'PATCH', `/api/holds/${a}`, { pausedUntil: null });
  assert.equal(resumed.status, 200);
  assert.equal(resumed.body.hold.pausedUntil, null);
  assert.equal(resumed.body.hold.queue.paused, 0);
});

test('a pause is refused for a past date, beyond holds.maxPauseDays, a bad value, a hold set aside, or another patron’s hold', async () => {
  const w = await setup(2);
  const { bibId, barcodes } = await titleOnLoan(w.t, 'キョヒ', 1);
  const [a] = await placeHolds(w, bibId, [0]);
  const bad = async (body: unknown, status: number, code: string, who = 0, id = a) => {
    const r = await call(w.patrons[who]!, 'PATCH', `/api/holds/${id}`, body);
    assert.equal(r.status, status, `${JSON.stringify(body)} → ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, code);
  };
  await bad({ pausedUntil: '2026-04-26' }, 400, 'invalid_input');
  await bad({ pausedUntil: '2027-04-28' }, 400, 'invalid_input'); // 366 days ahead
  await bad({ pausedUntil: '2026-02-30' }, 400, 'invalid_input');
  await bad({ pausedUntil: 20260510 }, 400, 'invalid_input');
  await bad({ pausedUntil: '2026-05-10', extra: 1 }, 400, 'invalid_input');
  await bad({ pausedUntil: '2026-05-10' }, 404, 'not_found', 1);
  assert.equal((await call(w.patrons[0]!, 'PATCH', `/api/holds/${a}`, { pausedUntil: '2027-04-27' })).status, 200, '365 days ahead is allowed');
  assert.equal((await call(w.patrons[0]!, 'PATCH', `/api/holds/${a}`, { pausedUntil: '2026-04-27' })).body.hold.pausedUntil, null, 'until today = not paused');
  // Checked in at another branch: in transit to central → not changeable; then ready → not changeable.
  await w.t.staff('/api/staff/checkins', { barcode: barcodes[0], branch: 'midori' });
  assert.equal((await holdOf(w.patrons[0]!, a!)).status, 'in_transit');
  await bad({ pausedUntil: '2026-05-10' }, 409, 'not_changeable');
  await w.t.staff(`/api/staff/holds/${a}/arrive`, {});
  assert.equal((await holdOf(w.patrons[0]!, a!)).status, 'ready');
  await bad({ pausedUntil: '2026-05-10' }, 409, 'not_changeable');
  await bad({ pausedUntil: null }, 409, 'not_changeable');
  const snap = await w.patrons[0]!.json('/api/account');
  assert.equal(snap.holds[0].queue.estimate, null, 'no estimate once set aside');
  assert.equal(snap.holds[0].queue.position, null);
});

test('check-in passes a paused hold over to the next one, which keeps first come first served; on its day the pause is over', async () => {
  const w = await setup(3);
  const { bibId, barcodes } = await titleOnLoan(w.t, 'トバス', 3);
  const [a, b, c] = await placeHolds(w, bibId, [0, 1, 2]);
  assert.equal((await call(w.patrons[0]!, 'PATCH', `/api/holds/${a}`, { pausedUntil: '2026-05-01' })).status, 200);
  const first = await w.t.staff('/api/staff/checkins', { barcode: barcodes[0] });
  assert.equal(first.hold.id, b, 'the first hold not paused gets the copy');
  assert.equal((await holdOf(w.patrons[0]!, a!)).status, 'waiting');
  assert.equal((await holdOf(w.patrons[0]!, a!)).rank, 1);
  assert.equal((await holdOf(w.patrons[2]!, c!)).rank, 2);
  // Staff cannot take a copy for the paused hold, but may for the one behind it.
  const refused = await call(w.t, 'POST', `/api/staff/holds/${a}/set-aside`, {}, { authorization: 'Bearer test-staff-token' });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.code, 'hold_paused');
  // 2026-05-01: the pause is over by itself; the next copy goes to A, first in line.
  await w.t.setClock('2026-05-01T01:00:00Z');
  const again = await (await w.t.login(w.cards[0]!, 'pause123')).json('/api/account');
  assert.equal(again.holds[0].pausedUntil, null);
  const second = await w.t.staff('/api/staff/checkins', { barcode: barcodes[1] });
  assert.equal(second.hold.id, a);
});

test('the queue: position among the waiting, the paused counted, copies, and an estimate without the paused ahead', async () => {
  const w = await setup(4);
  const { bibId } = await titleOnLoan(w.t, 'ジュンバン', 2);
  const ids = await placeHolds(w, bibId, [0, 1, 2, 3]);
  // Nobody paused: the 3rd has 2 ahead of 2 copies → 14–28 days (約2〜4週間).
  assert.deepEqual((await holdOf(w.patrons[2]!, ids[2]!)).queue, { position: 3, waiting: 4, paused: 0, copies: 2, estimate: { fromDays: 14, toDays: 28 } });
  assert.deepEqual((await holdOf(w.patrons[3]!, ids[3]!)).queue.estimate, { fromDays: 28, toDays: 56 });
  await call(w.patrons[1]!, 'PATCH', `/api/holds/${ids[1]}`, { pausedUntil: '2026-06-01' });
  assert.deepEqual((await holdOf(w.patrons[2]!, ids[2]!)).queue, { position: 3, waiting: 4, paused: 1, copies: 2, estimate: { fromDays: 14, toDays: 28 } });
  assert.deepEqual((await holdOf(w.patrons[3]!, ids[3]!)).queue.estimate, { fromDays: 14, toDays: 28 }, 'the paused one ahead no longer counts');
  // The paused one's own range starts when its pause ends (35 days).
  assert.deepEqual((await holdOf(w.patrons[1]!, ids[1]!)).queue.estimate, { fromDays: 35, toDays: 35 });
});

test('a paused series volume holds back the later volume: its copy goes to the next patron', async () => {
  const w = await setup(2);
  const v1 = await titleOnLoan(w.t, 'カン1', 1);
  const v2 = await titleOnLoan(w.t, 'カン2', 1);
  const [h1] = await placeHolds(w, v1.bibId, [0]);
  const [h2] = await placeHolds(w, v2.bibId, [0]);
  const [other] = await placeHolds(w, v2.bibId, [1]);
  assert.equal((await call(w.patrons[0]!, 'POST', '/api/holds/series', { holdIds: [h1, h2] })).status, 201);
  assert.equal((await call(w.patrons[0]!, 'PATCH', `/api/holds/${h1}`, { pausedUntil: '2026-06-01' })).status, 200);
  // Volume 1 comes back: its only hold is paused, so it goes back on the shelf.
  assert.equal((await w.t.staff('/api/staff/checkins', { barcode: v1.barcodes[0] })).hold, undefined);
  // Volume 2 comes back: the series patron is first but held back by the paused volume 1.
  assert.equal((await w.t.staff('/api/staff/checkins', { barcode: v2.barcodes[0] })).hold.id, other);
  assert.equal((await holdOf(w.patrons[0]!, h2!)).status, 'waiting');
});

test('a pause racing a check-in: either the pause lands first and the copy goes to the next hold, or the copy does and the pause is 409', async () => {
  // Room for a hold per round on each patron.
  const dir = await mkdtemp(join(tmpdir(), 'shiori-race-'));
  await writeFile(join(dir, 'library.json'), JSON.stringify({ holdLimits: { total: 100, cd: 5 } }));
  const w = await setup(2, { LIBRARY_CONFIG: join(dir, 'library.json') });
  const outcomes = new Set<string>();
  for (let round = 0; round < 12; round++) {
    const { bibId, barcodes } = await titleOnLoan(w.t, `キョウソウ${round}`, 1);
    const [a, b] = await placeHolds(w, bibId, [0, 1]);
    const pauseIt = () => call(w.patrons[0]!, 'PATCH', `/api/holds/${a}`, { pausedUntil: '2026-06-01' });
    const checkIn = () => call(w.t, 'POST', '/api/staff/checkins', { barcode: barcodes[0] }, { authorization: 'Bearer test-staff-token' });
    // Both in flight at once; the pause starts at once, after a turn of the event loop, or after a
    // timer, so each order of commits (and a transaction run again on the other's commit) happens.
    const start = [(f: typeof pauseIt) => f(), (f: typeof pauseIt) => new Promise<void>((r) => setImmediate(r)).then(f), (f: typeof pauseIt) => new Promise<void>((r) => setTimeout(r, 1)).then(f)][round % 3]!;
    const [pause, checkin] = await Promise.all([start(pauseIt), checkIn()]);
    assert.equal(checkin.status, 200, JSON.stringify(checkin.body));
    const ha = await holdOf(w.patrons[0]!, a!);
    if (pause.status === 200) {
      assert.equal(checkin.body.hold.id, b, 'the pause came first: the copy passed A over');
      assert.deepEqual([ha.status, ha.pausedUntil, ha.rank], ['waiting', '2026-06-01', 1]);
      outcomes.add('paused first');
    } else {
      assert.equal(pause.status, 409);
      assert.equal(pause.body.error.code, 'not_changeable');
      assert.equal(checkin.body.hold.id, a, 'the check-in came first: A got the copy');
      assert.equal(ha.status, 'ready');
      assert.equal(ha.pausedUntil, null);
      outcomes.add('check-in first');
    }
    const hb = await holdOf(w.patrons[1]!, b!);
    assert.equal(hb.status === 'ready', pause.status === 200, 'exactly one hold got the copy');
  }
  // Each round checked its outcome is one of the two one-at-a-time outcomes; both orders happened.
  assert.equal(outcomes.size, 2, [...outcomes].join(', '));
});
