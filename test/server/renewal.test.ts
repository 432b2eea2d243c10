/** Renewal through the API ([docs/rules.md#renewal](../../docs/rules.md#renewal)): window boundaries, once only, refusals, idempotency, races. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { placeHold } from '../../server/holds/patron-holds.ts';
import { errorOf, startTestApp, type TestApp, type NewTitle } from './helpers.ts';
import type { SqliteEngine } from '../../server/storage/sqlite-engine.ts';

// LIBRARY_NOW 2026-04-27T01:00Z: today is 2026-04-27 in Tokyo.
const NOW = '2026-04-27T01:00:00Z';
const CARD = '2000000326';
const PASSWORD = 'library1';

const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function loanDue(dueOn: string, opts: { title?: Partial<NewTitle>; interLibraryLoan?: boolean; cardExpiresOn?: string } = {}) {
  const t = await startTestApp({ now: NOW, openEveryDay: true });
  apps.push(t);
  await t.addPatron({ cardNumber: CARD, password: PASSWORD, ...(opts.cardExpiresOn ? { cardExpiresOn: opts.cardExpiresOn } : {}) });
  const { bibId, barcodes } = await t.addTitle({ title: '夢の守り人', category: 'children', ...opts.title });
  const { loanId } = await t.checkout({ cardNumber: CARD, barcode: barcodes[0]!, loanedOn: '2026-04-01', dueOn, interLibraryLoan: opts.interLibraryLoan ?? false });
  const patron = await t.login(CARD, PASSWORD);
  const renew = (key?: string) => patron.fetch(`/api/loans/${loanId}/renew`, { method: 'POST', headers: key ? { 'idempotency-key': key } : {} });
  const loanInSnapshot = async () => (await patron.json('/api/account')).loans.find((l: { id: string }) => l.id === loanId);
  return { t, patron, loanId, bibId, renew, loanInSnapshot };
}

test('a loan due in 7 days can be renewed, and the new due date is the old one + 7 days', async () => {
  const { renew, loanInSnapshot } = await loanDue('2026-05-04');
  assert.equal((await loanInSnapshot()).renewable, true);
  const res = await renew();
  assert.equal(res.status, 200);
  const { loan } = (await res.json()) as any;
  assert.equal(loan.dueOn, '2026-05-11');
  assert.equal(loan.renewals, 1);
  assert.equal((await loanInSnapshot()).dueOn, '2026-05-11');
});

test('a loan due in 8 days is outside the window', async () => {
  const { renew, loanInSnapshot } = await loanDue('2026-05-05');
  const snap = await loanInSnapshot();
  assert.equal(snap.renewable, false);
  assert.equal(snap.renewBlockedBy, 'outside_window');
  assert.deepEqual(snap.renewWindow, { from: '2026-04-28', to: '2026-05-12' });
  const e = await errorOf(await renew());
  assert.deepEqual([e.status, e.code], [409, 'outside_window']);
  assert.equal((await loanInSnapshot()).dueOn, '2026-05-05');
});

test('a loan overdue by 7 days can still be renewed (due + 7 from the old due date)', async () => {
  const { renew, loanInSnapshot } = await loanDue('2026-04-20');
  const snap = await loanInSnapshot();
  assert.equal(snap.overdue, true);
  assert.equal(snap.renewable, true);
  const res = await renew();
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as any).loan.dueOn, '2026-04-27');
});

test('a loan overdue by 8 days is outside the window', async () => {
  const { renew } = await loanDue('2026-04-19');
  const e = await errorOf(await renew());
  assert.deepEqual([e.status, e.code], [409, 'outside_window']);
});

test('a second renewal is refused with renewal_limit', async () => {
  const { renew, loanInSnapshot } = await loanDue('2026-04-28');
  assert.equal((await renew()).status, 200);
  const e = await errorOf(await renew());
  assert.deepEqual([e.status, e.code], [409, 'renewal_limit']);
  const snap = await loanInSnapshot();
  assert.equal(snap.dueOn, '2026-05-05');
  assert.equal(snap.renewBlockedBy, 'renewal_limit');
});

test('a CD cannot be renewed (not_renewable_material)', async () => {
  const { renew, loanInSnapshot } = await loanDue('2026-04-28', { title: { materialType: 'cd', category: 'cd' } });
  assert.equal((await loanInSnapshot()).renewBlockedBy, 'not_renewable_material');
  const e = await errorOf(await renew());
  assert.deepEqual([e.status, e.code], [409, 'not_renewable_material']);
});

test('an inter-library loan cannot be renewed (inter_library_loan)', async () => {
  const { renew } = await loanDue('2026-04-28', { interLibraryLoan: true });
  const e = await errorOf(await renew());
  assert.deepEqual([e.status, e.code], [409, 'inter_library_loan']);
});

test('an expired card cannot renew (card_expired)', async () => {
  const { renew, patron } = await loanDue('2026-04-28', { cardExpiresOn: '2026-04-26' });
  const account = await patron.json('/api/account');
  assert.equal(account.patron.cardExpired, true);
  const e = await errorOf(await renew());
  assert.deepEqual([e.status, e.code], [409, 'card_expired']);
});

test('a card expiring today can still renew', async () => {
  const { renew } = await loanDue('2026-04-28', { cardExpiresOn: '2026-04-27' });
  assert.equal((await renew()).status, 200);
});

test('a title another patron waits for cannot be renewed (has_holds)', async () => {
  const { t, renew, bibId, loanInSnapshot } = await loanDue('2026-04-28');
  // Another patron places a hold through the same function as POST /api/holds.
  const { patronId } = await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
  await placeHold(t.ctx, patronId, { bibId });
  assert.equal((await loanInSnapshot()).renewBlockedBy, 'has_holds');
  const e = await errorOf(await renew());
  assert.deepEqual([e.status, e.code], [409, 'has_holds']);
});

test('a replay with the same Idempotency-Key returns the first answer and renews once', async () => {
  const { renew, loanInSnapshot } = await loanDue('2026-04-28');
  const first = await renew('key-1');
  const second = await renew('key-1');
  assert.equal(first.status, 200);
  assert.equal(second.status, 200);
  assert.deepEqual(await second.json(), await first.json());
  const snap = await loanInSnapshot();
  assert.equal(snap.renewals, 1);
  assert.equal(snap.dueOn, '2026-05-05');
  // A new key is a new request: now refused.
  assert.equal((await errorOf(await renew('key-2'))).code, 'renewal_limit');
});

test('a replayed refusal returns the same refusal', async () => {
  const { renew } = await loanDue('2026-05-20');
  const a = await errorOf(await renew('k'));
  const b = await errorOf(await renew('k'));
  assert.deepEqual(b, a);
  assert.equal(a.code, 'outside_window');
});

test('ten racing renewals of one loan: exactly one 200 and nine 409 renewal_limit', async () => {
  const { renew, loanInSnapshot } = await loanDue('2026-04-28');
  const results = await Promise.all(Array.from({ length: 10 }, () => renew().then(errorOrOk)));
  assert.equal(results.filter((r) => r === 200).length, 1);
  assert.equal(results.filter((r) => r === 'renewal_limit').length, 9);
  assert.equal((await loanInSnapshot()).dueOn, '2026-05-05');
});

async function errorOrOk(res: Response): Promise<number | string> {
  if (res.status === 200) return 200;
  return (await errorOf(res)).code;
}

test("another patron's loan is 404 not_found, and stays unrenewed", async () => {
  const { t, loanId, loanInSnapshot } = await loanDue('2026-04-28');
  await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
  const other = await t.login('2000000276', 'library2');
  const e = await errorOf(await other.fetch(`/api/loans/${loanId}/renew`, { method: 'POST' }));
  assert.deepEqual([e.status, e.code], [404, 'not_found']);
  assert.equal((await loanInSnapshot()).renewals, 0);
});

test('an unknown loan id is 404 not_found', async () => {
  const { patron } = await loanDue('2026-04-28');
  const e = await errorOf(await patron.fetch('/api/loans/nope123/renew', { method: 'POST' }));
  assert.deepEqual([e.status, e.code], [404, 'not_found']);
});

test('renewing without a session is 401 unauthenticated', async () => {
  const { t, loanId } = await loanDue('2026-04-28');
  const e = await errorOf(await t.fetch(`/api/loans/${loanId}/renew`, { method: 'POST' }));
  assert.deepEqual([e.status, e.code], [401, 'unauthenticated']);
});

test("an Idempotency-Key is per patron: another patron's same key is not their answer", async () => {
  const { t, renew } = await loanDue('2026-04-28');
  assert.equal((await renew('shared-key')).status, 200);
  await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
  const other = await t.login('2000000276', 'library2');
  const e = await errorOf(await other.fetch('/api/loans/whatever1/renew', { method: 'POST', headers: { 'idempotency-key': 'shared-key' } }));
  assert.deepEqual([e.status, e.code], [404, 'not_found']);
});

test('an Idempotency-Key answer is replayed for 30 days, then forgotten; the store keeps it with a 30-day lifetime', async () => {
  const { t, renew, loanId } = await loanDue('2026-04-28');
  const before = Date.now();
  assert.equal((await renew('old-key-1')).status, 200);
  // The answer expires from the store by itself (TTL, real time), no scan needed to forget it.
  const lifetime = answerLifetimeMs(t) - (Date.now() - before);
  assert.ok(Math.abs(lifetime - 30 * 24 * 3600_000) < 60_000, `lifetime ${lifetime} ms`);
  // Weeks later the first session has long gone idle: a replay comes with a new login.
  const replay = async () => (await t.login(CARD, PASSWORD)).fetch(`/api/loans/${loanId}/renew`, { method: 'POST', headers: { 'idempotency-key': 'old-key-1' } });
  await t.setClock('2026-05-27T01:00:00Z'); // 30 days later: still kept
  assert.equal((await replay()).status, 200, 'the first answer is still replayed');
  await t.setClock('2026-05-28T02:00:00Z'); // past 30 days
  // A replay now is a new request, and the loan shows its renewal: never a second one.
  assert.equal((await errorOf(await replay())).code, 'renewal_limit');
});

/** Milliseconds until the stored idempotency answer expires (SQLite's expires_at column). */
function answerLifetimeMs(t: TestApp): number {
  const db = (t.ctx.store.engine as SqliteEngine).db;
  const row = db.prepare("SELECT expires_at FROM kv WHERE key LIKE 'idem:%'").get() as { expires_at: number };
  return row.expires_at - Date.now();
}

test('an Idempotency-Key answered for one loan is refused on another loan (422), and the other loan is untouched', async () => {
  const { t, patron, renew, loanId } = await loanDue('2026-04-28');
  const { barcodes } = await t.addTitle({ title: 'もう一冊' });
  const other = await t.checkout({ cardNumber: CARD, barcode: barcodes[0]!, loanedOn: '2026-04-01', dueOn: '2026-04-28' });
  assert.equal((await renew('same-key-1')).status, 200);
  const reused = await errorOf(await patron.fetch(`/api/loans/${other.loanId}/renew`, { method: 'POST', headers: { 'idempotency-key': 'same-key-1' } }));
  assert.deepEqual([reused.status, reused.code], [422, 'idempotency_key_reused']);
  const loans = (await patron.json('/api/account')).loans as { id: string; renewals: number }[];
  assert.equal(loans.find((l) => l.id === other.loanId)!.renewals, 0);
  // The first loan's replay still gets its own answer; the other loan renews with a key of its own.
  assert.equal((await renew('same-key-1')).status, 200);
  assert.equal((await patron.fetch(`/api/loans/${other.loanId}/renew`, { method: 'POST', headers: { 'idempotency-key': 'other-key-1' } })).status, 200);
  assert.equal(loans.find((l) => l.id === loanId)!.renewals, 1);
});

test("a refusal's words carry the library's own window and renewals (LIBRARY_CONFIG 3 days before / 2 after, 2 renewals), replayed the same", async () => {
  const t = await startTestApp({ now: NOW, openEveryDay: true, policy: { renewal: { daysBeforeDue: 3, daysAfterDue: 2, maxRenewals: 2, extensionDays: 10 } } });
  apps.push(t);
  await t.addPatron({ cardNumber: CARD, password: PASSWORD });
  const early = await t.addTitle({ title: '夢の守り人' });
  const { loanId } = await t.checkout({ cardNumber: CARD, barcode: early.barcodes[0]!, loanedOn: '2026-04-20', dueOn: '2026-05-01' });
  const patron = await t.login(CARD, PASSWORD);
  for (const [lang, words] of [['ja', /2026\/04\/28から2026\/05\/03まで/], ['en', /from 2026\/04\/28 to 2026\/05\/03/]] as const) {
    for (let i = 0; i < 2; i++) {
      const res = await patron.fetch(`/api/loans/${loanId}/renew`, { method: 'POST', headers: { 'accept-language': lang, 'idempotency-key': `window-${lang}` } });
      const body = (await res.json()) as { error: { code: string; message: string; from: string; to: string } };
      assert.deepEqual([res.status, body.error.code, body.error.from, body.error.to], [409, 'outside_window', '2026-04-28', '2026-05-03'], `${lang} #${i}`);
      assert.match(body.error.message, words);
      assert.doesNotMatch(body.error.message, /7日|7 days/);
    }
  }
});
