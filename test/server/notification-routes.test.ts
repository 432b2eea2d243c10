/**
 * The reminders API at the edge ([docs/rules.md#reminders](../../docs/rules.md#reminders)): settings read and changed, validated (400 invalid_input,
 * 409 email_not_registered), subscriptions validated (400 invalid_subscription: https only — loopback
 * http with PUSH_ALLOW_HTTP_LOOPBACK=1 —, a P-256 point, a 16-byte secret), one endpoint per patron,
 * and every route of the feature answering 404 on a kiosk, where nothing is stored.
 */
import assert from 'node:assert/strict';
import { createECDH, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { NOTIFICATION_EVENTS } from '../../common/notifications.ts';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

function keys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') };
}

describe('notification settings', () => {
  let t: TestApp;
  let patron: PatronClient;
  let noEmail: PatronClient;
  before(async () => {
    t = await startTestApp();
    await t.addPatron({ cardNumber: '4500000001', password: 'route123', email: 'saburo@example.jp' });
    await t.addPatron({ cardNumber: '4500000002', password: 'route456' });
    patron = await t.login('4500000001', 'route123');
    noEmail = await t.login('4500000002', 'route456');
  });
  after(() => t.close());

  it('starts from the defaults: every event on push, none on e-mail, 3 days, no 自動延長', async () => {
    const s = await patron.json('/api/notifications/settings');
    assert.deepEqual(Object.keys(s.events), [...NOTIFICATION_EVENTS]);
    for (const e of NOTIFICATION_EVENTS) assert.deepEqual(s.events[e], { push: true, email: false });
    assert.deepEqual([s.daysBefore, s.autoRenew, s.calendar, s.subscriptions], [3, false, { url: null, hideTitles: false, createdAt: null }, []]);
  });

  it('changes any subset and answers with the whole settings', async () => {
    const res = await call(patron, 'PUT', '/api/notifications/settings', { events: { overdue: { email: true }, hold_ready: { push: false } }, daysBefore: 7, autoRenew: true });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.events.overdue, { push: true, email: true });
    assert.deepEqual(res.body.events.hold_ready, { push: false, email: false });
    assert.deepEqual([res.body.daysBefore, res.body.autoRenew], [7, true]);
    const again = await patron.json('/api/notifications/settings');
    assert.deepEqual(again, res.body);
  });

  it('refuses bad settings with 400 invalid_input and writes nothing', async () => {
    const before = await patron.json('/api/notifications/settings');
    for (const body of [
      { daysBefore: 0 },
      { daysBefore: 8 },
      { daysBefore: 2.5 },
      { daysBefore: '3' },
      { events: { someday: { push: true } } },
      { events: { due_soon: { push: 'yes' } } },
      { events: { due_soon: { sms: true } } },
      { calendar: { hideTitles: true, url: 'x' } },
      { autoRenew: true, extra: 1 },
      [],
    ]) {
      const res = await call(patron, 'PUT', '/api/notifications/settings', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'invalid_input', JSON.stringify(body));
    }
    const raw = await patron.fetch('/api/notifications/settings', { method: 'PUT', body: '{"daysBefore":', headers: { 'content-type': 'application/json' } });
    assert.equal(raw.status, 400);
    const notJson = await patron.fetch('/api/notifications/settings', { method: 'PUT', body: 'daysBefore=3', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(notJson.status, 415);
    assert.deepEqual(await patron.json('/api/notifications/settings'), before);
  });

  it('refuses the e-mail channel without a registered address (409 email_not_registered)', async () => {
    const res = await call(noEmail, 'PUT', '/api/notifications/settings', { daysBefore: 2, events: { due_soon: { email: true } } });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'email_not_registered');
    assert.equal((await noEmail.json('/api/notifications/settings')).daysBefore, 3, 'nothing of the change was written');
    assert.equal((await call(noEmail, 'PUT', '/api/notifications/settings', { events: { due_soon: { push: false } } })).status, 200);
  });

  it('answers 401 without a session, as JSON', async () => {
    for (const [method, path] of [
      ['GET', '/api/notifications/settings'],
      ['POST', '/api/notifications/test'],
      ['GET', '/api/notices'],
      ['POST', '/api/calendar-feed'],
      ['DELETE', '/api/calendar-feed'],
      ['DELETE', '/api/push/subscriptions/s1'],
    ] as const) {
      const res = await call(t, method, path);
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal(res.body.error.code, 'unauthenticated');
    }
  });
});

describe('push subscriptions', () => {
  let t: TestApp;
  let patron: PatronClient;
  let other: PatronClient;
  before(async () => {
    t = await startTestApp({ env: { PUSH_ALLOW_HTTP_LOOPBACK: '1' } });
    await t.addPatron({ cardNumber: '4500000011', password: 'subs1234' });
    await t.addPatron({ cardNumber: '4500000012', password: 'subs5678' });
    patron = await t.login('4500000011', 'subs1234');
    other = await t.login('4500000012', 'subs5678');
  });
  after(() => t.close());

  const subscribe = (client: PatronClient, body: unknown) => call(client, 'POST', '/api/push/subscriptions', body);

  it('accepts https endpoints, and loopback http with PUSH_ALLOW_HTTP_LOOPBACK=1', async () => {
    for (const endpoint of ['https://fcm.googleapis.com/fcm/send/abc', 'https://updates.push.services.mozilla.com/wpush/v2/x', 'http://127.0.0.1:9/push', 'http://[::1]:9/push']) {
      const res = await subscribe(patron, { endpoint, keys: keys(), deviceName: 'テスト端末' });
      assert.equal(res.status, 201, `${endpoint}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.id, /^[A-Za-z0-9_-]+$/);
    }
  });

  it('refuses other endpoints and bad keys with 400 invalid_subscription', async () => {
    const good = keys();
    const offCurve = Buffer.from(good.p256dh, 'base64url');
    offCurve[64] ^= 1;
    const cases: [string, unknown][] = [
      ['plain http', { endpoint: 'http://push.example.com/x', keys: good }],
      ['http to another host', { endpoint: 'http://10.0.0.1/x', keys: good }],
      ['a private address', { endpoint: 'https://10.0.0.5/admin', keys: good }],
      ['link-local', { endpoint: 'https://169.254.169.254/latest', keys: good }],
      ['localhost', { endpoint: 'https://localhost/x', keys: good }],
      ['loopback v6 over https', { endpoint: 'https://[::1]/x', keys: good }],
      ['credentials', { endpoint: 'https://user:pw@push.example.com/x', keys: good }],
      ['not a URL', { endpoint: 'push me', keys: good }],
      ['javascript:', { endpoint: 'javascript:alert(1)', keys: good }],
      ['too long', { endpoint: `https://push.example.com/${'a'.repeat(2100)}`, keys: good }],
      ['p256dh off the curve', { endpoint: 'https://push.example.com/x', keys: { ...good, p256dh: offCurve.toString('base64url') } }],
      ['p256dh compressed', { endpoint: 'https://push.example.com/x', keys: { ...good, p256dh: Buffer.from(good.p256dh, 'base64url').subarray(0, 33).toString('base64url') } }],
      ['p256dh not base64url', { endpoint: 'https://push.example.com/x', keys: { ...good, p256dh: `${good.p256dh.slice(0, -2)}+/` } }],
      ['auth of 15 bytes', { endpoint: 'https://push.example.com/x', keys: { ...good, auth: randomBytes(15).toString('base64url') } }],
      ['auth padded', { endpoint: 'https://push.example.com/x', keys: { ...good, auth: `${randomBytes(16).toString('base64url')}==` } }],
      ['no keys', { endpoint: 'https://push.example.com/x' }],
      ['an unknown field', { endpoint: 'https://push.example.com/x', keys: good, extra: true }],
      ['a language we do not have', { endpoint: 'https://push.example.com/x', keys: good, lang: 'fr' }],
    ];
    const before = (await patron.json('/api/notifications/settings')).subscriptions.length;
    for (const [what, body] of cases) {
      const res = await subscribe(patron, body);
      assert.equal(res.status, 400, what);
      assert.equal(res.body.error.code, 'invalid_subscription', what);
    }
    assert.equal((await patron.json('/api/notifications/settings')).subscriptions.length, before, 'nothing stored');
  });

  it('without PUSH_ALLOW_HTTP_LOOPBACK a loopback http endpoint is refused', async () => {
    const strict = await startTestApp();
    try {
      await strict.addPatron({ cardNumber: '4500000013', password: 'strict12' });
      const p = await strict.login('4500000013', 'strict12');
      const res = await subscribe(p, { endpoint: 'http://127.0.0.1:9/push', keys: keys() });
      assert.deepEqual([res.status, res.body.error.code], [400, 'invalid_subscription']);
    } finally {
      await strict.close();
    }
  });

  it('the same endpoint again updates the subscription (same id); on another patron it moves to them', async () => {
    const endpoint = 'https://push.example.com/shared-tablet';
    const first = await subscribe(patron, { endpoint, keys: keys(), deviceName: '居間のタブレット' });
    const again = await subscribe(patron, { endpoint, keys: keys(), deviceName: 'タブレット' });
    assert.equal(again.body.id, first.body.id);
    const mine = (await patron.json('/api/notifications/settings')).subscriptions;
    assert.equal(mine.filter((s: { id: string }) => s.id === first.body.id).length, 1);
    assert.equal(mine.find((s: { id: string }) => s.id === first.body.id).deviceName, 'タブレット');
    const moved = await subscribe(other, { endpoint, keys: keys() });
    assert.equal(moved.status, 201);
    assert.equal((await patron.json('/api/notifications/settings')).subscriptions.some((s: { id: string }) => s.id === first.body.id), false);
    assert.equal((await other.json('/api/notifications/settings')).subscriptions.length, 1);
  });

  it('deletes one of the patron’s own subscriptions (204), and another patron’s is 404', async () => {
    const { id } = (await subscribe(patron, { endpoint: 'https://push.example.com/to-delete', keys: keys() })).body;
    assert.equal((await call(other, 'DELETE', `/api/push/subscriptions/${id}`)).status, 404);
    assert.equal((await call(patron, 'DELETE', `/api/push/subscriptions/${id}`)).status, 204);
    assert.equal((await call(patron, 'DELETE', `/api/push/subscriptions/${id}`)).status, 404);
    assert.equal((await call(patron, 'DELETE', '/api/push/subscriptions/..%2Fx')).status, 404);
  });

  it('keeps at most 10 devices: the 11th replaces the oldest', async () => {
    for (let i = 0; i < 12; i++) await subscribe(patron, { endpoint: `https://push.example.com/many/${i}`, keys: keys() });
    assert.equal((await patron.json('/api/notifications/settings')).subscriptions.length, 10);
  });
});

describe('on a kiosk: as if there were no such feature', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { PUSH_ALLOW_HTTP_LOOPBACK: '1' } });
    await t.addPatron({ cardNumber: '4500000021', password: 'kiosk123' });
  });
  after(() => t.close());

  const routes = (body: unknown) =>
    [
      ['GET', '/api/notifications/settings', undefined],
      ['PUT', '/api/notifications/settings', { daysBefore: 2 }],
      ['POST', '/api/notifications/test', undefined],
      ['GET', '/api/notices', undefined],
      ['GET', '/api/push/vapid-public-key', undefined],
      ['POST', '/api/push/subscriptions', body],
      ['POST', '/api/calendar-feed', undefined],
      ['DELETE', '/api/calendar-feed', undefined],
    ] as const;

  it('a kiosk session gets 404 from every route, and nothing is stored', async () => {
    const kiosk = await t.login('4500000021', 'kiosk123', { kiosk: true });
    for (const [method, path, body] of routes({ endpoint: 'http://127.0.0.1:9/k', keys: keys() })) {
      const res = await call(kiosk, method, path, body);
      if (path === '/api/push/vapid-public-key') continue; // public: the session plays no part (see the header case)
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.body.error.code, 'not_found');
    }
    const keysInStore = await t.ctx.store.keys('');
    assert.equal(keysInStore.some((k) => k.startsWith('push-') || k.startsWith('notify') || k.startsWith('feed:')), false, keysInStore.join());
  });

  it('a /kiosk/ page (X-Shiori-Kiosk) gets 404, the public key included', async () => {
    const plain = await t.login('4500000021', 'kiosk123');
    for (const [method, path, body] of routes({ endpoint: 'http://127.0.0.1:9/k', keys: keys() })) {
      const res = await call(plain, method, path, body, { 'x-shiori-kiosk': '1' });
      assert.equal(res.status, 404, `${method} ${path}`);
    }
  });

  it('a KIOSK=1 server answers 404, the feed too', async () => {
    const kioskServer = await startTestApp({ env: { KIOSK: '1' } });
    try {
      for (const [method, path, body] of routes({ endpoint: 'https://push.example.com/k', keys: keys() })) {
        const res = await call(kioskServer, method, path, body);
        assert.equal(res.status, 404, `${method} ${path}`);
      }
      assert.equal((await kioskServer.fetch(`/calendar/${'A'.repeat(43)}.ics`)).status, 404);
    } finally {
      await kioskServer.close();
    }
  });
});
