/** Login, session cookie, idle timeout on the library clock, logout ([docs/rules.md#sessions](../../docs/rules.md#sessions)). */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, startTestApp, type TestApp } from './helpers.ts';

const NOW = '2026-04-27T01:00:00Z';
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function withPatron() {
  const t = await startTestApp({ now: NOW });
  apps.push(t);
  await t.addPatron({ cardNumber: '2000000326', password: 'library1', cardExpiresOn: '2028-03-31' });
  await t.addPatron({ cardNumber: '2000000418', birthDate: '2012-05-05' }); // no password yet
  return t;
}

const login = (t: TestApp, body: unknown) =>
  t.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('login answers the patron summary with the masked card number', async () => {
  const t = await withPatron();
  const res = await login(t, { cardNumber: '2000000326', password: 'library1' });
  assert.equal(res.status, 200);
  const info = (await res.json()) as any;
  assert.equal(info.patron.cardMasked, '*****326');
  assert.equal(info.patron.cardExpiresOn, '2028-03-31');
  assert.equal(info.patron.cardExpired, false);
  assert.equal(info.kiosk, false);
  assert.equal(info.idleTimeoutSeconds, 3600);
  assert.equal(typeof info.patron.id, 'string');
});

test('the session cookie is a browser-session cookie: HttpOnly, SameSite=Lax, no Max-Age or Expires', async () => {
  const t = await withPatron();
  const { setCookie } = await t.login('2000000326', 'library1');
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Lax/);
  assert.doesNotMatch(setCookie, /Max-Age/i);
  assert.doesNotMatch(setCookie, /Expires/i);
  assert.doesNotMatch(setCookie, /Secure/); // plain http
});

test('the session cookie is Secure over HTTPS', async () => {
  const t = await withPatron();
  const res = await t.app.fetch(
    new Request('https://library.example/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cardNumber: '2000000326', password: 'library1' }),
    }),
  );
  assert.match(res.headers.get('set-cookie') ?? '', /; Secure/);
});

test('unknown card, wrong password and a card without a password get the same 401 invalid_credentials', async () => {
  const t = await withPatron();
  const answers = await Promise.all([
    login(t, { cardNumber: '9999999999', password: 'library1' }).then(errorOf),
    login(t, { cardNumber: '2000000326', password: 'wrong1' }).then(errorOf),
    login(t, { cardNumber: '2000000418', password: 'library1' }).then(errorOf),
  ]);
  for (const a of answers) assert.deepEqual(a, answers[0]);
  assert.deepEqual([answers[0]!.status, answers[0]!.code], [401, 'invalid_credentials']);
});

test('every login gets a new session id', async () => {
  const t = await withPatron();
  const a = await t.login('2000000326', 'library1');
  const b = await t.login('2000000326', 'library1');
  assert.notEqual(a.cookie, b.cookie);
});

test('GET /api/session without a cookie is 401 unauthenticated', async () => {
  const t = await withPatron();
  const e = await errorOf(await t.fetch('/api/session'));
  assert.deepEqual([e.status, e.code], [401, 'unauthenticated']);
});

test('logout answers 204 and the session no longer works', async () => {
  const t = await withPatron();
  const p = await t.login('2000000326', 'library1');
  const res = await p.fetch('/api/session', { method: 'DELETE' });
  assert.equal(res.status, 204);
  assert.equal((await p.fetch('/api/account')).status, 401);
});

test('a session idle for 59 minutes is still alive', async () => {
  const t = await withPatron();
  const p = await t.login('2000000326', 'library1');
  await t.setClock(at(59));
  assert.equal((await p.fetch('/api/session')).status, 200);
});

test('a session idle for 61 minutes has ended', async () => {
  const t = await withPatron();
  const p = await t.login('2000000326', 'library1');
  await t.setClock(at(61));
  const e = await errorOf(await p.fetch('/api/account'));
  assert.deepEqual([e.status, e.code], [401, 'unauthenticated']);
  // …for good, even if the clock went back.
  await t.setClock(at(1));
  assert.equal((await p.fetch('/api/session')).status, 401);
});

test('a session used every 50 minutes stays alive past 60 minutes', async () => {
  const t = await withPatron();
  const p = await t.login('2000000326', 'library1');
  for (const m of [50, 100, 150]) {
    await t.setClock(at(m));
    assert.equal((await p.fetch('/api/account')).status, 200, `at ${m} minutes`);
  }
});

test('a kiosk session ends after 3 idle minutes', async () => {
  const t = await withPatron();
  const p = await t.login('2000000326', 'library1', { kiosk: true });
  assert.equal((await p.json('/api/session')).idleTimeoutSeconds, 180);
  await t.setClock(at(2));
  assert.equal((await p.fetch('/api/session')).status, 200);
  await t.setClock(at(5.5));
  assert.equal((await p.fetch('/api/session')).status, 401);
});

test('a cookie from another server (unknown session id) is 401', async () => {
  const t = await withPatron();
  const res = await t.fetch('/api/account', { headers: { cookie: 'shiori_session=abcdefghijklmnop' } });
  assert.equal(res.status, 401);
});
