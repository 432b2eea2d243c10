/**
 * Keys a request cannot bend (README "Keys a request cannot bend"): every request value that
 * becomes part of a store key is checked against its shape at the edge, and the key builders
 * refuse what slipped past. Each hostile string on every route that takes one: the route's
 * ordinary refusal (400 / 401 / 404), never a 5xx, and never an alias of the real value — the
 * alias does not log in, does not find the title, does not add a second want-to-read entry.
 *
 * Adding a route that takes a key value = one line in ROUTES.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keys, KeyPartError, type PatronRecord } from '../../server/domain/records.ts';
import { errorOf, startTestApp, STAFF_TOKEN, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

const CARD = '7000000001';
const NO_PASSWORD_CARD = '7000000002';
const BIRTH = '2000-01-01';
const BIB = 'B1';
const BARCODE = 'X1';

/** ASCII → its full-width look-alike (７０００…, Ｂ１). */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The hostile strings of the issue, and aliases of a real value. */
function hostile(real: string): string[] {
  return [
    '..', '.', 'x/..', '?x', '/', '\\', '%2e%2e', '', `${real}/..`,
    `:${real}`, `${real}:`, `${real}?x`, `${real}/`, `/${real}`, `${real}\\`, `${real}%2F`, `${real}\u0000`,
    real.repeat(700), // very long
    fullWidth(real), // unicode look-alikes
  ];
}

interface World {
  t: TestApp;
  patron: PatronClient;
  patronId: string;
  loanId: string;
  holdIds: [string, string];
  entryId: string;
  categoryId: string;
}

type Send = (w: World, value: string) => Promise<Response>;

const path = (value: string) => encodeURIComponent(value);
const staffPost = (w: World, url: string, body: unknown) =>
  w.t.fetch(url, { method: 'POST', headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const asPatron = (w: World, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
  w.patron.fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** [what, the real value the hostile strings imitate, how to send one, the route's ordinary refusal]. */
const ROUTES: [string, (w: World) => string, Send, number, string][] = [
  ['login cardNumber', () => CARD, (w, v) => w.t.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cardNumber: v, password: 'library1' }) }), 401, 'invalid_credentials'],
  ['issuance cardNumber', () => NO_PASSWORD_CARD, (w, v) => w.t.fetch('/api/password-issuance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cardNumber: v, birthDate: BIRTH, newPassword: 'abc123', newPasswordConfirm: 'abc123' }) }), 401, 'verification_failed'],
  ['staff patrons cardNumber', () => CARD, (w, v) => staffPost(w, '/api/staff/patrons', { cardNumber: v, birthDate: BIRTH, cardExpiresOn: '2030-03-31' }), 400, 'invalid_input'],
  ['staff titles bibId', () => BIB, (w, v) => staffPost(w, '/api/staff/titles', { bibId: v, title: '別の本', materialType: 'book', category: 'general', copies: [] }), 400, 'invalid_input'],
  ['staff titles barcode', () => BARCODE, (w, v) => staffPost(w, '/api/staff/titles', { title: '別の本', materialType: 'book', category: 'general', copies: [{ barcode: v, branch: 'central' }] }), 400, 'invalid_input'],
  ['staff checkouts cardNumber', () => CARD, (w, v) => staffPost(w, '/api/staff/checkouts', { cardNumber: v, barcode: BARCODE }), 400, 'invalid_input'],
  ['staff checkouts barcode', () => BARCODE, (w, v) => staffPost(w, '/api/staff/checkouts', { cardNumber: CARD, barcode: v }), 400, 'invalid_input'],
  ['staff checkins barcode', () => BARCODE, (w, v) => staffPost(w, '/api/staff/checkins', { barcode: v }), 400, 'invalid_input'],
  ['staff holds/:id/arrive', (w) => w.holdIds[0], (w, v) => staffPost(w, `/api/staff/holds/${path(v)}/arrive`, undefined), 404, 'not_found'],
  ['staff holds/:id/set-aside', (w) => w.holdIds[0], (w, v) => staffPost(w, `/api/staff/holds/${path(v)}/set-aside`, undefined), 404, 'not_found'],
  ['staff set-aside barcode', () => BARCODE, (w, v) => staffPost(w, `/api/staff/holds/${w.holdIds[0]}/set-aside`, { barcode: v }), 400, 'invalid_input'],
  ['catalog/:bibId', () => BIB, (w, v) => w.t.fetch(`/api/catalog/${path(v)}`), 404, 'not_found'],
  ['holds bibId', () => BIB, (w, v) => asPatron(w, 'POST', '/api/holds', { bibId: v }), 400, 'invalid_input'],
  ['PATCH holds/:id', (w) => w.holdIds[0], (w, v) => asPatron(w, 'PATCH', `/api/holds/${path(v)}`, { contactMethod: 'none' }), 404, 'not_found'],
  ['DELETE holds/:id', (w) => w.holdIds[0], (w, v) => asPatron(w, 'DELETE', `/api/holds/${path(v)}`), 404, 'not_found'],
  ['holds/series holdIds', (w) => w.holdIds[0], (w, v) => asPatron(w, 'POST', '/api/holds/series', { holdIds: [v, w.holdIds[1]] }), 400, 'invalid_input'],
  ['PUT holds/series/:seriesNo', () => '1', (w, v) => asPatron(w, 'PUT', `/api/holds/series/${path(v)}`, { holdIds: w.holdIds }), 404, 'not_found'],
  ['DELETE holds/series/:seriesNo', () => '1', (w, v) => asPatron(w, 'DELETE', `/api/holds/series/${path(v)}`), 404, 'not_found'],
  ['wishlist entries bibIds', () => BIB, (w, v) => asPatron(w, 'POST', '/api/wishlist/entries', { bibIds: [v] }), 400, 'invalid_input'],
  ['wishlist entries categoryId', (w) => w.categoryId, (w, v) => asPatron(w, 'POST', '/api/wishlist/entries', { bibIds: ['B2'], categoryId: v }), 400, 'invalid_input'],
  ['PATCH wishlist/entries/:id', (w) => w.entryId, (w, v) => asPatron(w, 'PATCH', `/api/wishlist/entries/${path(v)}`, { categoryId: null }), 404, 'not_found'],
  ['PATCH wishlist/entries categoryId', (w) => w.categoryId, (w, v) => asPatron(w, 'PATCH', `/api/wishlist/entries/${w.entryId}`, { categoryId: v }), 400, 'invalid_input'],
  ['DELETE wishlist/entries/:id', (w) => w.entryId, (w, v) => asPatron(w, 'DELETE', `/api/wishlist/entries/${path(v)}`), 404, 'not_found'],
  ['PATCH wishlist/categories/:id', (w) => w.categoryId, (w, v) => asPatron(w, 'PATCH', `/api/wishlist/categories/${path(v)}`, { name: '別の名前' }), 404, 'not_found'],
  ['DELETE wishlist/categories/:id', (w) => w.categoryId, (w, v) => asPatron(w, 'DELETE', `/api/wishlist/categories/${path(v)}`), 404, 'not_found'],
  ['loans/:id/renew', (w) => w.loanId, (w, v) => asPatron(w, 'POST', `/api/loans/${path(v)}/renew`), 404, 'not_found'],
  ['renew Idempotency-Key', () => 'key-0001', (w, v) => asPatron(w, 'POST', `/api/loans/${w.loanId}/renew`, undefined, { 'idempotency-key': v }), 400, 'invalid_input'],
];

/** A value `fetch` can carry in a header at all (a NUL or full-width digit never arrives as one). */
function sendableAsHeader(value: string): boolean {
  try {
    new Headers({ x: value });
    return true;
  } catch {
    return false;
  }
}

/** A test app whose policy file sets the login throttle's per-address limit. */
async function appWithAddressLimit(maxFailuresPerAddress: number): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'shiori-policy-'));
  const policy = join(dir, 'policy.json');
  await writeFile(policy, JSON.stringify({ loginThrottle: { maxFailuresPerAddress } }));
  const t = await startTestApp({ now: '2026-04-27T01:00:00Z', env: { LIBRARY_CONFIG: policy } });
  const close = t.close;
  t.close = async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  };
  return t;
}

describe('request values that become store keys', () => {
  let w: World;

  before(async () => {
    // Every hostile login counts as a failure of the address: a roomy limit keeps them all answered.
    const app = await appWithAddressLimit(10_000);
    const { patronId } = await app.addPatron({ cardNumber: CARD, password: 'library1' });
    await app.addPatron({ cardNumber: NO_PASSWORD_CARD, birthDate: BIRTH });
    await app.addTitle({ bibId: BIB, title: '夢の守り人', copies: [{ barcode: BARCODE, branch: 'central' }] });
    const onLoan = await app.addTitle({ bibId: 'B2', title: '哲学のことば' });
    await app.addTitle({ bibId: 'B3', title: '地底旅行' });
    const { loanId } = await app.checkout({ cardNumber: CARD, barcode: onLoan.barcodes[0]!, dueOn: '2026-04-30' });
    const patron = await app.login(CARD, 'library1');
    const h1 = await call(patron, 'POST', '/api/holds', { bibId: 'B3' });
    const h2 = await call(patron, 'POST', '/api/holds', { bibId: BIB });
    assert.deepEqual([h1.status, h2.status], [201, 201], JSON.stringify([h1.body, h2.body]));
    const category = await call(patron, 'POST', '/api/wishlist/categories', { name: 'こんど読む' });
    const entry = await call(patron, 'POST', '/api/wishlist/entries', { bibIds: [BIB], categoryId: category.body.id });
    assert.equal(entry.status, 201, JSON.stringify(entry.body));
    w = {
      t: app,
      patron,
      patronId,
      loanId,
      holdIds: [h1.body.hold.id, h2.body.hold.id],
      entryId: entry.body.added[0].id,
      categoryId: category.body.id,
    };
  });
  after(() => w.t.close());

  for (const [what, real, send, status, code] of ROUTES) {
    it(`${what}: each hostile string is ${status} ${code}`, async () => {
      const header = what.includes('Idempotency-Key');
      for (const value of hostile(real(w)).filter((v) => !header || sendableAsHeader(v))) {
        const e = await errorOf(await send(w, value));
        assert.deepEqual([e.status, e.code], [status, code], `${what} ${JSON.stringify(value.slice(0, 40))}`);
      }
    });
  }

  it('no alias took effect: one patron per card, one title per bibId, one list entry, the loan unrenewed', async () => {
    assert.equal((await w.t.ctx.store.keys('patron:')).length, 2);
    assert.deepEqual((await w.t.ctx.store.keys('title:')).sort(), ['title:B1', 'title:B2', 'title:B3']);
    const list = await w.patron.json('/api/wishlist');
    assert.deepEqual(list.entries.map((e: { bibId: string }) => e.bibId), [BIB]);
    const account = await w.patron.json('/api/account');
    assert.equal(account.loans.find((l: { id: string }) => l.id === w.loanId).renewals, 0);
    const stored = await w.t.ctx.store.get<PatronRecord>(keys.patron(w.patronId));
    assert.deepEqual(stored!.holds.map((h) => [h.id, h.contactMethod, h.seriesNo]).sort(), w.holdIds.map((id) => [id, 'phone', null]).sort());
    // The card without a password still has none: no hostile issuance reached it.
    assert.equal((await errorOf(await w.t.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cardNumber: NO_PASSWORD_CARD, password: 'abc123' }) }))).status, 401);
  });

  it('the real values still work (the refusals above are about the shape, not the route)', async () => {
    assert.equal((await w.t.fetch(`/api/catalog/${BIB}`)).status, 200);
    const again = await w.t.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cardNumber: ` ${CARD} `, password: 'library1' }) });
    assert.equal(again.status, 200, 'surrounding blanks (a paste artefact) are not part of the card number');
    const renewed = await asPatron(w, 'POST', `/api/loans/${w.loanId}/renew`, undefined, { 'idempotency-key': crypto.randomUUID() });
    assert.equal(renewed.status, 200, 'the key the page and the service worker send (crypto.randomUUID()) has the shape');
  });
});

describe('a malformed card number is a failed attempt like a wrong password', () => {
  it('counts against the address (not against any card)', async () => {
    const app = await appWithAddressLimit(3);
    try {
      await app.addPatron({ cardNumber: CARD, password: 'library1' });
      const login = (cardNumber: string, password = 'library1') =>
        app.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cardNumber, password }) });
      for (const bad of [`${CARD}?x`, '..', fullWidth(CARD)]) assert.equal((await login(bad)).status, 401, bad);
      // In-process requests have no socket address: the address's key part is `unknown`.
      const address = await app.ctx.store.get<{ failures: string[] }>(keys.throttle('login-addr', 'unknown'));
      assert.equal(address?.failures.length, 3);
      assert.equal(await app.ctx.store.get(keys.throttle('login-card', CARD)), null);
    } finally {
      await app.close();
    }
  });
});

describe('key builders (second line of defence)', () => {
  it('build the documented layout from well-formed parts', () => {
    assert.equal(keys.card(CARD), 'card:7000000001');
    assert.equal(keys.idempotency('pAbc_-1', '0b8c-4e'), 'idem:pAbc_-1:0b8c-4e');
    assert.equal(keys.seq('series', 'pAbc'), 'seq:series:pAbc');
  });

  it('throw KeyPartError for any part outside the key alphabet', () => {
    const builders: [string, (v: string) => string][] = [
      ['patron', keys.patron],
      ['card', keys.card],
      ['title', keys.title],
      ['barcode', keys.barcode],
      ['session', keys.session],
      ['idempotency', (v) => keys.idempotency('pAbc', v)],
      ['throttle', (v) => keys.throttle('login-card', v)],
      ['seq', (v) => keys.seq('series', v)],
    ];
    for (const [name, build] of builders) {
      for (const value of [...hostile('B1'), '1.2.3.4', '::1', 'a b', 'x'.repeat(129)]) {
        assert.throws(() => build(value), KeyPartError, `${name} ${JSON.stringify(value.slice(0, 40))}`);
      }
    }
  });
});
