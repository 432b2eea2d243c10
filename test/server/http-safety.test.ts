/** CSRF origin check, security headers, bad input ([docs/rules.md#bad-input-and-failure](../../docs/rules.md#bad-input-and-failure)): never a 500, never a partial write. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, startTestApp, STAFF_TOKEN, type TestApp } from './helpers.ts';

const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function setup() {
  const t = await startTestApp();
  apps.push(t);
  await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
  return t;
}

const json = (body: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});
const credentials = JSON.stringify({ cardNumber: '2000000326', password: 'library1' });

test('a login posted from another origin is 403 forbidden', async () => {
  const t = await setup();
  const e = await errorOf(await t.fetch('/api/session', json(credentials, { origin: 'https://evil.example' })));
  assert.deepEqual([e.status, e.code], [403, 'forbidden']);
});

test('a state-changing request marked Sec-Fetch-Site: cross-site is 403', async () => {
  const t = await setup();
  const p = await t.login('2000000326', 'library1');
  const res = await p.fetch('/api/session', { method: 'DELETE', headers: { 'sec-fetch-site': 'cross-site' } });
  assert.equal(res.status, 403);
  assert.equal((await p.fetch('/api/session')).status, 200);
});

test('a login from the same origin is accepted', async () => {
  const t = await setup();
  const res = await t.fetch('/api/session', json(credentials, { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' }));
  assert.equal(res.status, 200);
});

test('security headers are on successes, errors and static files', async () => {
  const t = await setup();
  for (const res of [await t.fetch('/api/session'), await t.fetch('/api/nothing'), await t.fetch('/'), await t.fetch('/api/session', json('{'))]) {
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'.*frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  }
});

test('malformed JSON is 400 invalid_input', async () => {
  const t = await setup();
  const e = await errorOf(await t.fetch('/api/session', json('{"cardNumber": ')));
  assert.deepEqual([e.status, e.code], [400, 'invalid_input']);
});

test('wrong types are 400 invalid_input', async () => {
  const t = await setup();
  const e = await errorOf(await t.fetch('/api/session', json(JSON.stringify({ cardNumber: 2000000326, password: ['x'] }))));
  assert.deepEqual([e.status, e.code], [400, 'invalid_input']);
});

test('an unknown field is 400 invalid_input', async () => {
  const t = await setup();
  const e = await errorOf(await t.fetch('/api/session', json(JSON.stringify({ cardNumber: '2000000326', password: 'library1', admin: true }))));
  assert.deepEqual([e.status, e.code], [400, 'invalid_input']);
});

test('a body over 16 KiB is 413 payload_too_large', async () => {
  const t = await setup();
  const e = await errorOf(await t.fetch('/api/session', json(JSON.stringify({ cardNumber: '1', password: 'x'.repeat(17 * 1024) }))));
  assert.deepEqual([e.status, e.code], [413, 'payload_too_large']);
});

test('error messages are Japanese by default and English with Accept-Language: en', async () => {
  const t = await setup();
  const ja = await errorOf(await t.fetch('/api/account'));
  const en = await errorOf(await t.fetch('/api/account', { headers: { 'accept-language': 'en-US,en;q=0.9' } }));
  assert.equal(ja.message, 'ログインしてください。');
  assert.equal(en.message, 'Please log in.');
});

test('an unknown /api path is a 404 JSON error', async () => {
  const t = await setup();
  const e = await errorOf(await t.fetch('/api/does-not-exist'));
  assert.deepEqual([e.status, e.code], [404, 'not_found']);
});

test('a staff checkout of an unknown barcode is 404 and writes nothing', async () => {
  const t = await setup();
  const before = (await t.ctx.store.keys('')).sort();
  await t.staff('/api/staff/checkouts', { cardNumber: '2000000326', barcode: 'NOPE1' }, 404);
  assert.deepEqual((await t.ctx.store.keys('')).sort(), before);
});

test('a staff title with a bad branch in its second copy is 400 and writes nothing', async () => {
  const t = await setup();
  const before = (await t.ctx.store.keys('')).sort();
  const e = await t.staff(
    '/api/staff/titles',
    { title: '地底旅行', materialType: 'book', category: 'general', copies: [{ barcode: 'A1', branch: 'central' }, { barcode: 'A2', branch: 'mars' }] },
    400,
  );
  assert.equal(e.error.field, 'copies.1.branch');
  assert.deepEqual((await t.ctx.store.keys('')).sort(), before);
});

test('hostile inputs never produce a 500', async () => {
  const t = await setup();
  const p = await t.login('2000000326', 'library1');
  const bodies = ['null', '[]', '"x"', '1e999', '{"__proto__":{"x":1}}', '\u0000', '{"cardNumber":{"$gt":""}}', ''];
  for (const body of bodies) {
    for (const path of ['/api/session', '/api/staff/patrons', '/api/staff/titles', '/api/staff/checkouts', '/api/staff/clock', '/api/loans/%00/renew', '/api/loans/../renew']) {
      const res = await p.fetch(path, { method: 'POST', body, headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
      assert.ok(res.status < 500, `${path} ${JSON.stringify(body)} → ${res.status}`);
    }
  }
});

test('the staff API is 401 without the bearer token and when STAFF_TOKEN is unset', async () => {
  const t = await setup();
  assert.equal((await t.fetch('/api/staff/clock', json(JSON.stringify({ now: '2026-04-28T00:00:00Z' })))).status, 401);
  assert.equal((await t.fetch('/api/staff/clock', json(JSON.stringify({ now: '2026-04-28T00:00:00Z' }), { authorization: 'Bearer wrong' }))).status, 401);
  const noStaff = await startTestApp({ staffToken: null });
  apps.push(noStaff);
  const res = await noStaff.fetch('/api/staff/clock', json(JSON.stringify({ now: '2026-04-28T00:00:00Z' }), { authorization: `Bearer ${STAFF_TOKEN}` }));
  assert.equal(res.status, 401);
});

test('moving the clock is 409 clock_fixed without LIBRARY_NOW', async () => {
  const t = await startTestApp({ env: { LIBRARY_NOW: '' } });
  apps.push(t);
  const e = await t.staff('/api/staff/clock', { now: '2026-04-28T00:00:00Z' }, 409);
  assert.equal(e.error.code, 'clock_fixed');
});

test('an unexpected exception becomes 500 internal JSON with the security headers', async () => {
  const t = await setup();
  t.app.get('/api/test-only-boom', () => {
    throw new Error('boom (expected in this test)');
  });
  const errors: unknown[] = [];
  t.ctx.log.error = (m, x) => void errors.push([m, x]);
  const res = await t.fetch('/api/test-only-boom');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  const e = await errorOf(res);
  assert.deepEqual([e.status, e.code], [500, 'internal']);
  assert.doesNotMatch(JSON.stringify(e.body), /boom/);
  assert.equal(errors.length, 1);
});
