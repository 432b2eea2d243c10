/**
 * 利用者カード's card number: the whole number reaches the patron's own snapshot only — never a
 * kiosk (a kiosk login, a /kiosk/ page, a device with the kiosk flag cookie, a KIOSK=1 server),
 * never another patron, never the session answers the header reads. And policy `card.barcode`:
 * validated at start, published in GET /api/library.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountSnapshot, LibraryInfo } from '../../common/api.ts';
import { KIOSK_COOKIE } from '../../common/kiosk.ts';
import { loadPolicy } from '../../server/policy/load-policy.ts';
import { startTestApp, type TestApp } from './helpers.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const A = { cardNumber: '2000000326', password: 'library1' };
const B = { cardNumber: '2000000276', password: 'library2' };

describe('the card number in GET /api/account', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await t.addPatron({ ...A, cardExpiresOn: '2028-03-31' });
    await t.addPatron(B);
  });
  after(() => t.close());

  async function snapshotOf(client: { fetch(path: string, init?: RequestInit): Promise<Response> }, headers: Record<string, string> = {}): Promise<{ snap: AccountSnapshot; text: string }> {
    const res = await client.fetch('/api/account', { headers });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    // The answer says whether it went to a kiosk (the SW keeps nothing of one): exactly when the number is left out.
    const snap = JSON.parse(text) as AccountSnapshot;
    assert.equal(res.headers.get('x-shiori-kiosk'), snap.patron.cardNumber === null ? '1' : null);
    return { snap, text };
  }

  it("the patron's own session on a personal device gets the whole number", async () => {
    const a = await t.login(A.cardNumber, A.password);
    const { snap } = await snapshotOf(a);
    assert.equal(snap.patron.cardNumber, '2000000326');
    assert.equal(snap.patron.cardMasked, '*****326');
    assert.equal(snap.patron.cardExpiresOn, '2028-03-31');
  });

  it('another patron gets their own number, never the first one', async () => {
    const a = await t.login(A.cardNumber, A.password);
    const b = await t.login(B.cardNumber, B.password);
    assert.equal((await snapshotOf(a)).snap.patron.cardNumber, '2000000326');
    const { snap, text } = await snapshotOf(b);
    assert.equal(snap.patron.cardNumber, '2000000276');
    assert.doesNotMatch(text, /2000000326/);
  });

  it('a kiosk login never gets it: the number appears nowhere in the answer', async () => {
    const kiosk = await t.login(A.cardNumber, A.password, { kiosk: true });
    const { snap, text } = await snapshotOf(kiosk);
    assert.equal(snap.patron.cardNumber, null);
    assert.equal(snap.patron.cardMasked, '*****326');
    assert.doesNotMatch(text, /2000000326/);
  });

  it('a /kiosk/ page (X-Shiori-Kiosk) or a device with the kiosk flag cookie never gets it, on a personal login too', async () => {
    const a = await t.login(A.cardNumber, A.password);
    const kioskPage = await snapshotOf(a, { 'x-shiori-kiosk': '1' });
    // The client's own fetch sets its session cookie alone: this request carries the flag beside it.
    const flaggedDevice = await snapshotOf(t, { cookie: `${a.cookie}; ${KIOSK_COOKIE}=1` });
    for (const { snap, text } of [kioskPage, flaggedDevice]) {
      assert.equal(snap.patron.cardMasked, '*****326');
      assert.equal(snap.patron.cardNumber, null);
      assert.doesNotMatch(text, /2000000326/);
    }
    // An X-Shiori-Kiosk of 0 is no kiosk (common/kiosk.ts): the number is there.
    assert.equal((await snapshotOf(a, { 'x-shiori-kiosk': '0' })).snap.patron.cardNumber, '2000000326');
  });

  it('the session answers (the header line) carry the masked number only', async () => {
    const login = await t.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(A) });
    assert.equal(login.status, 200);
    const loginText = await login.text();
    assert.doesNotMatch(loginText, /2000000326/);
    const a = await t.login(A.cardNumber, A.password);
    const session = await a.fetch('/api/session');
    assert.equal(session.status, 200);
    assert.doesNotMatch(await session.text(), /2000000326/);
  });

  it('without a session there is no snapshot at all', async () => {
    const res = await t.fetch('/api/account');
    assert.equal(res.status, 401);
    assert.doesNotMatch(await res.text(), /2000000326/);
  });
});

describe('on a KIOSK=1 server', () => {
  it('no session gets the number, a personal login neither', async () => {
    const t = await startTestApp({ env: { KIOSK: '1' } });
    try {
      await t.addPatron(A);
      const a = await t.login(A.cardNumber, A.password);
      const res = await a.fetch('/api/account');
      const text = await res.text();
      assert.equal(res.status, 200, text);
      assert.equal((JSON.parse(text) as AccountSnapshot).patron.cardNumber, null);
      assert.equal(res.headers.get('x-shiori-kiosk'), '1', 'the answer says it went to a kiosk');
      assert.doesNotMatch(text, /2000000326/);
    } finally {
      await t.close();
    }
  });
});

describe('policy card.barcode', () => {
  it('is codabar (NW-7) by default, published in GET /api/library', async () => {
    assert.equal(loadPolicy(undefined).card.barcode, 'codabar');
    const t = await startTestApp();
    try {
      const info = (await (await t.fetch('/api/library')).json()) as LibraryInfo;
      assert.deepEqual(info.policy.card, { barcode: 'codabar' });
    } finally {
      await t.close();
    }
  });

  it("follows the library's config", async () => {
    const t = await startTestApp({ policy: { card: { barcode: 'qrcode' } } });
    try {
      const info = (await (await t.fetch('/api/library')).json()) as LibraryInfo;
      assert.deepEqual(info.policy.card, { barcode: 'qrcode' });
    } finally {
      await t.close();
    }
  });

  it('an unknown symbology stops the start, naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiori-card-policy-'));
    try {
      const path = join(dir, 'library.json');
      await writeFile(path, JSON.stringify({ card: { barcode: 'ean13' } }));
      assert.throws(() => loadPolicy(path), /card\.barcode: expected one of codabar, code39, code128, qrcode/);
      await writeFile(path, JSON.stringify({ card: { barcode: 'codabar', colour: 'red' } }));
      assert.throws(() => loadPolicy(path), /card\.colour/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('policy holds.maxPauseDays', () => {
  it('is published for the pause dialog', async () => {
    const t = await startTestApp({ policy: { holds: { maxPauseDays: 60 } } });
    try {
      const info = (await (await t.fetch('/api/library')).json()) as LibraryInfo;
      assert.deepEqual(info.policy.holds, { maxPauseDays: 60 });
    } finally {
      await t.close();
    }
  });
});
