/** Placing, changing and cancelling holds through the API ([docs/rules.md#holds](../../docs/rules.md#holds), [docs/api.md](../../docs/api.md)): limits, races, queue ranks. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

// 2026-04-27 10:00 in Tokyo.
const NOW = '2026-04-27T01:00:00Z';
const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function setup(): Promise<{ t: TestApp; alice: PatronClient }> {
  const t = await startTestApp({ now: NOW });
  apps.push(t);
  await t.staff('/api/staff/patrons', {
    cardNumber: '2000000326', password: 'library1', birthDate: '1990-01-01', cardExpiresOn: '2030-03-31',
    email: 'alice@example.jp', pickupBranch: 'nishinodai', contactMethod: 'email',
  });
  return { t, alice: await t.login('2000000326', 'library1') };
}

async function patron(t: TestApp, cardNumber: string, extra: Record<string, unknown> = {}): Promise<PatronClient> {
  await t.addPatron({ cardNumber, password: 'library1', ...extra });
  return t.login(cardNumber, 'library1');
}

const place = (client: PatronClient, body: unknown) => call(client, 'POST', '/api/holds', body);
const holdsOf = async (client: PatronClient) => (await client.json('/api/account')).holds as any[];

test('a hold takes the patron\'s 初期設定 and shows as 予約取消可能 with rank 1', async () => {
  const { t, alice } = await setup();
  const { bibId } = await t.addTitle({ title: 'さいごの戦い' });
  const res = await place(alice, { bibId });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const hold = res.body.hold;
  assert.equal(hold.status, 'waiting');
  assert.equal(hold.rank, 1);
  assert.equal(hold.pickupBranch, 'nishinodai');
  assert.equal(hold.contactMethod, 'email');
  assert.equal(hold.placedOn, '2026-04-27');
  assert.equal(hold.title, 'さいごの戦い');
  assert.deepEqual([hold.cancellable, hold.changeable], [true, true]);
  const [shown] = await holdsOf(alice);
  assert.equal(shown.id, hold.id);
  assert.equal(shown.rank, 1);
});

test('explicit branch, contact method and 予約待ち期限日 are kept; bad ones are 400, unknown titles 404', async () => {
  const { t, alice } = await setup();
  const { bibId } = await t.addTitle({ title: 'イソップ' });
  for (const bad of [
    { bibId, pickupBranch: 'atlantis' },
    { bibId, contactMethod: 'fax' },
    { bibId, notNeededAfter: '2026-02-30' },
    { bibId, notNeededAfter: '2026-04-26' },
    { bibId, extra: 1 },
    { bibId: 42 },
  ]) {
    const res = await place(alice, bad);
    assert.deepEqual([res.status, res.body.error.code], [400, 'invalid_input'], JSON.stringify(bad));
  }
  const unknown = await place(alice, { bibId: 'no-such-title' });
  assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'not_found']);
  assert.equal((await holdsOf(alice)).length, 0);

  const res = await place(alice, { bibId, pickupBranch: 'midori', contactMethod: 'phone', notNeededAfter: '2026-04-27' });
  assert.equal(res.status, 201);
  assert.deepEqual(
    [res.body.hold.pickupBranch, res.body.hold.contactMethod, res.body.hold.notNeededAfter],
    ['midori', 'phone', '2026-04-27'],
  );
});

test('already_held, already_on_loan, card_expired, email_not_registered', async () => {
  const { t, alice } = await setup();
  const held = await t.addTitle({ title: '地底旅行' });
  const lent = await t.addTitle({ title: '夢の守り人' });
  assert.equal((await place(alice, { bibId: held.bibId })).status, 201);
  const again = await place(alice, { bibId: held.bibId });
  assert.deepEqual([again.status, again.body.error.code], [409, 'already_held']);

  await t.checkout({ cardNumber: '2000000326', barcode: lent.barcodes[0]! });
  const onLoan = await place(alice, { bibId: lent.bibId });
  assert.deepEqual([onLoan.status, onLoan.body.error.code], [409, 'already_on_loan']);

  const expired = await patron(t, '2000000111', { cardExpiresOn: '2026-04-26' });
  const e1 = await place(expired, { bibId: held.bibId });
  assert.deepEqual([e1.status, e1.body.error.code], [409, 'card_expired']);
  // The expiry date itself is still a valid day.
  const lastDay = await patron(t, '2000000112', { cardExpiresOn: '2026-04-27' });
  assert.equal((await place(lastDay, { bibId: held.bibId })).status, 201);

  const noMail = await patron(t, '2000000113');
  const e2 = await place(noMail, { bibId: held.bibId, contactMethod: 'email' });
  assert.deepEqual([e2.status, e2.body.error.code], [409, 'email_not_registered']);
  assert.equal((await holdsOf(noMail)).length, 0);
});

test('the 6th CD hold is cd_hold_limit, the 11th hold is hold_limit (CDs count in both)', async () => {
  const { t, alice } = await setup();
  for (let i = 0; i < 5; i++) {
    const { bibId } = await t.addTitle({ title: `CD ${i}`, materialType: 'cd', category: 'cd' });
    assert.equal((await place(alice, { bibId })).status, 201);
  }
  const sixthCd = await t.addTitle({ title: 'CD 5', materialType: 'cd', category: 'cd' });
  const e1 = await place(alice, { bibId: sixthCd.bibId });
  assert.deepEqual([e1.status, e1.body.error.code], [409, 'cd_hold_limit']);
  for (let i = 0; i < 5; i++) {
    const { bibId } = await t.addTitle({ title: `本 ${i}` });
    assert.equal((await place(alice, { bibId })).status, 201);
  }
  const eleventh = await t.addTitle({ title: '本 5' });
  const e2 = await place(alice, { bibId: eleventh.bibId });
  assert.deepEqual([e2.status, e2.body.error.code], [409, 'hold_limit']);
  const snap = await alice.json('/api/account');
  assert.deepEqual(snap.counts.holds, { total: 10, general: { count: 10, limit: 10 }, cd: { count: 5, limit: 5 } });
});

test('12 racing holds against the limit of 10 create exactly 10', async () => {
  const { t, alice } = await setup();
  const titles = [];
  for (let i = 0; i < 12; i++) titles.push(await t.addTitle({ title: `並行 ${i}` }));
  const answers = await Promise.all(titles.map(({ bibId }) => place(alice, { bibId })));
  const statuses = answers.map((a) => a.status).sort();
  assert.deepEqual(statuses, [...Array(10).fill(201), 409, 409]);
  assert.ok(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'hold_limit'));
  assert.equal((await holdsOf(alice)).length, 10);
});

test('racing holds on one title by one patron create one hold', async () => {
  const { t, alice } = await setup();
  const { bibId } = await t.addTitle({ title: '二重' });
  const answers = await Promise.all([1, 2, 3].map(() => place(alice, { bibId })));
  assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409]);
  assert.equal((await holdsOf(alice)).length, 1);
});

test('ranks follow the order holds were placed across three patrons; cancelling moves the others up', async () => {
  const { t, alice } = await setup();
  const { bibId } = await t.addTitle({ title: '人気の本' });
  const bob = await patron(t, '2000000276');
  const carol = await patron(t, '2000000277');
  const b = await place(bob, { bibId });
  await t.setClock('2026-04-27T01:05:00Z');
  const c = await place(carol, { bibId });
  await t.setClock('2026-04-27T01:10:00Z');
  const a = await place(alice, { bibId });
  assert.deepEqual([b.body.hold.rank, c.body.hold.rank, a.body.hold.rank], [1, 2, 3]);
  assert.equal((await holdsOf(alice))[0].rank, 3);

  const cancel = await call(bob, 'DELETE', `/api/holds/${b.body.hold.id}`);
  assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
  assert.equal((await holdsOf(carol))[0].rank, 1);
  assert.equal((await holdsOf(alice))[0].rank, 2);
});

test('cancelling a waiting hold: 予約取消 with a blank reason and today\'s date, optional confirmation mail', async () => {
  const { t, alice } = await setup();
  const { bibId } = await t.addTitle({ title: 'イソップ' });
  const { body } = await place(alice, { bibId, notNeededAfter: '2026-06-30' });
  const res = await call(alice, 'DELETE', `/api/holds/${body.hold.id}`, { sendConfirmationEmail: true });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body.cancelledHold, {
    id: body.hold.id, bibId, title: 'イソップ', placedOn: '2026-04-27', notNeededAfter: '2026-06-30',
    pickupBranch: 'nishinodai', reason: null, cancelledOn: '2026-04-27',
  });
  const snap = await alice.json('/api/account');
  assert.equal(snap.holds.length, 0);
  assert.deepEqual(snap.cancelledHolds.map((c: any) => [c.id, c.reason]), [[body.hold.id, null]]);
  const again = await call(alice, 'DELETE', `/api/holds/${body.hold.id}`);
  assert.deepEqual([again.status, again.body.error.code], [404, 'not_found']);
  // The title can be held again.
  assert.equal((await place(alice, { bibId })).status, 201);
  const { readdir } = await import('node:fs/promises');
  const outbox = await readdir(`${t.dataDir}/outbox`).catch(() => []);
  assert.equal(outbox.length, 1);
});

test('changing a waiting hold: branch and contact method; メール needs a registered address', async () => {
  const { t, alice } = await setup();
  const { bibId } = await t.addTitle({ title: '変更' });
  const { body } = await place(alice, { bibId, contactMethod: 'phone' });
  const res = await call(alice, 'PATCH', `/api/holds/${body.hold.id}`, { pickupBranch: 'higashi', contactMethod: 'none' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual([res.body.hold.pickupBranch, res.body.hold.contactMethod], ['higashi', 'none']);
  const bad = await call(alice, 'PATCH', `/api/holds/${body.hold.id}`, { pickupBranch: 'nowhere' });
  assert.equal(bad.status, 400);
  const empty = await call(alice, 'PATCH', `/api/holds/${body.hold.id}`, {});
  assert.equal(empty.status, 400);

  const noMail = await patron(t, '2000000113');
  const h = await place(noMail, { bibId, contactMethod: 'phone' });
  const e = await call(noMail, 'PATCH', `/api/holds/${h.body.hold.id}`, { contactMethod: 'email' });
  assert.deepEqual([e.status, e.body.error.code], [409, 'email_not_registered']);
  assert.equal((await holdsOf(noMail))[0].contactMethod, 'phone');
});

test('another patron\'s hold is 404 for change and cancel, and is left alone', async () => {
  const { t, alice } = await setup();
  const { bibId } = await t.addTitle({ title: '秘密' });
  const { body } = await place(alice, { bibId });
  const bob = await patron(t, '2000000276');
  const change = await call(bob, 'PATCH', `/api/holds/${body.hold.id}`, { contactMethod: 'none' });
  const cancel = await call(bob, 'DELETE', `/api/holds/${body.hold.id}`);
  assert.deepEqual([change.status, change.body.error.code], [404, 'not_found']);
  assert.deepEqual([cancel.status, cancel.body.error.code], [404, 'not_found']);
  const [mine] = await holdsOf(alice);
  assert.deepEqual([mine.id, mine.contactMethod], [body.hold.id, 'email']);
});

test('hold routes need a session', async () => {
  const { t } = await setup();
  const res = await call(t, 'POST', '/api/holds', { bibId: 'x' });
  assert.equal(res.status, 401);
});
