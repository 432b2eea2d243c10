/**
 * What a password change, a long day and the service worker's own requests do to sessions
 * (docs/rules.md#sessions): a credential generation refuses sessions whose password check raced a change;
 * an absolute lifetime ends any session sessionLifetimeHours after login; requests marked
 * X-Shiori-Background are served but leave the idle clock alone; malformed cookies mean no session.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sessionActivity } from '../../server/auth/sessions.ts';
import { errorOf, startTestApp, type StartOptions, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

const NOW = '2026-04-27T01:00:00Z';
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
const CARD = '2000000326';
const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function withPatron(opts: StartOptions = {}) {
  const t = await startTestApp({ now: NOW, ...opts });
  apps.push(t);
  await t.addPatron({ cardNumber: CARD, password: 'library1' });
  return t;
}

const postLogin = (t: TestApp, password: string, cookie?: string) =>
  t.fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ cardNumber: CARD, password }),
  });

const sessionCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('shiori_session='))?.split(';')[0];

test('logins with the old password in flight during a change: after the 204 none of their sessions works', async (tc) => {
  // Parallel right passwords must not trip the card's lock (each counts until its check is done).
  const t = await withPatron({ policy: { loginThrottle: { maxFailuresPerCard: 10_000, maxFailuresPerAddress: 10_000 } } });
  const passwords = ['library1', 'change2', 'change3'];
  let answered = 0;
  let racedLogins = 0;
  for (let round = 0; round + 1 < passwords.length; round++) {
    const [old, next] = [passwords[round]!, passwords[round + 1]!];
    const changer = await t.login(CARD, old);
    const logins: Promise<Response>[] = [];
    let done = false;
    const change = call(changer, 'PUT', '/api/password', { currentPassword: old, newPassword: next, newPasswordConfirm: next }).finally(() => {
      done = true;
    });
    // Three at once, then one every few milliseconds until the change is answered (at most 30).
    for (let i = 0; i < 3; i++) logins.push(postLogin(t, old));
    while (!done && logins.length < 30) {
      logins.push(postLogin(t, old));
      await sleep(4);
    }
    assert.equal((await change).status, 204);
    const answers = await Promise.all(logins);
    racedLogins += answers.length;
    for (const res of answers) {
      assert.ok(res.status === 200 || res.status === 401, `a login answered ${res.status}`);
      if (res.status === 401) assert.equal((await errorOf(res)).code, 'invalid_credentials');
      const cookie = sessionCookieOf(res);
      if (res.status !== 200 || !cookie) continue;
      answered += 1;
      const after = await t.fetch('/api/session', { headers: { cookie } });
      assert.equal(after.status, 401, `round ${round + 1}: a session from the old password still works after the change`);
    }
    assert.equal((await changer.fetch('/api/session')).status, 200, 'the session that changed the password goes on');
  }
  assert.ok(racedLogins >= 12, `${racedLogins} logins in flight`);
  tc.diagnostic(`${racedLogins} logins raced ${passwords.length - 1} password changes; ${answered} got a session, all ended`);
});

test('the session that changed the password works with the new generation; a new login with the new password too', async () => {
  const t = await withPatron();
  const here = await t.login(CARD, 'library1');
  const other = await t.login(CARD, 'library1');
  const res = await call(here, 'PUT', '/api/password', { currentPassword: 'library1', newPassword: 'fresh12', newPasswordConfirm: 'fresh12' });
  assert.equal(res.status, 204);
  assert.equal((await here.fetch('/api/account')).status, 200);
  assert.equal((await other.fetch('/api/account')).status, 401);
  const again = await t.login(CARD, 'fresh12');
  assert.equal((await again.fetch('/api/account')).status, 200);
});

test('a session ends 12 hours after login however active it is (401 unauthenticated)', async () => {
  const t = await withPatron();
  const p = await t.login(CARD, 'library1');
  for (let m = 50; m < 12 * 60; m += 50) {
    await t.setClock(at(m));
    assert.equal((await p.fetch('/api/account')).status, 200, `at ${m} minutes`);
  }
  await t.setClock(at(12 * 60 - 1));
  assert.equal((await p.fetch('/api/session')).status, 200, 'at 11:59');
  await t.setClock(at(12 * 60 + 1));
  const e = await errorOf(await p.fetch('/api/account'));
  assert.deepEqual([e.status, e.code], [401, 'unauthenticated']);
  // …for good: the session was ended, not just refused.
  await t.setClock(at(60));
  assert.equal((await p.fetch('/api/session')).status, 401);
});

test('the absolute lifetime comes from the policy (sessionLifetimeHours)', async () => {
  const t = await withPatron({ policy: { sessionLifetimeHours: 2 } });
  const p = await t.login(CARD, 'library1');
  await t.setClock(at(55));
  assert.equal((await p.fetch('/api/session')).status, 200);
  await t.setClock(at(110));
  assert.equal((await p.fetch('/api/session')).status, 200);
  await t.setClock(at(121));
  assert.equal((await p.fetch('/api/session')).status, 401);
});

test("the service worker's background requests are served but do not move the idle clock", async () => {
  const t = await withPatron();
  const p = await t.login(CARD, 'library1');
  const background = { 'X-Shiori-Background': '1' };
  await t.setClock(at(30));
  assert.equal((await p.fetch('/api/account')).status, 200, "the patron's last own request");
  for (const m of [45, 60, 75, 85, 89.5]) {
    await t.setClock(at(m));
    assert.equal((await p.fetch('/api/session', { headers: background })).status, 200, `background GET /api/session at ${m} minutes`);
  }
  await p.fetch('/api/loans/nothing/renew', { method: 'POST', headers: { ...background, 'Idempotency-Key': 'k1' } });
  // Nothing of them reaches the store either (a flush, then a check that reads the stored time).
  await sessionActivity(t.ctx).flush();
  await t.setClock(at(91));
  const e = await errorOf(await p.fetch('/api/session', { headers: background }));
  assert.deepEqual([e.status, e.code], [401, 'unauthenticated'], '61 minutes after the last request of the patron');
});

test('a request without the background mark still counts as activity', async () => {
  const t = await withPatron();
  const p = await t.login(CARD, 'library1');
  await t.setClock(at(50));
  assert.equal((await p.fetch('/api/session', { headers: { 'X-Shiori-Background': '0' } })).status, 200);
  await t.setClock(at(100));
  assert.equal((await p.fetch('/api/session')).status, 200);
});

test("a malformed cookie, ours or another app's, means no session on every session route — never a 500", async () => {
  const t = await withPatron();
  const cookies = [
    'analytics=100%',
    'shiori_session=%E0%A4%A',
    'shiori_session="unterminated',
    'analytics=100%; shiori_session=abc%; shiori_device=%%%',
    'shiori_session=' + 'a'.repeat(41),
    '=; ;;shiori_session',
  ];
  for (const cookie of cookies) {
    const get = await t.fetch('/api/session', { headers: { cookie } });
    assert.deepEqual([get.status, (await errorOf(get)).code], [401, 'unauthenticated'], `GET with ${cookie}`);
    const account = await t.fetch('/api/account', { headers: { cookie } });
    assert.equal(account.status, 401, `GET /api/account with ${cookie}`);
    const del = await t.fetch('/api/session', { method: 'DELETE', headers: { cookie } });
    assert.equal(del.status, 204, `DELETE with ${cookie}`);
    const login = await postLogin(t, 'library1', cookie);
    assert.equal(login.status, 200, `POST with ${cookie}: ${await login.clone().text()}`);
    const fresh = sessionCookieOf(login)!;
    if (!cookie.includes('shiori_session')) {
      assert.equal((await t.fetch('/api/session', { headers: { cookie: `${cookie}; ${fresh}` } })).status, 200, `the new session beside ${cookie}`);
    }
  }
});
