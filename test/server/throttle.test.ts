/** Login throttling: per card and per client address (policy: 5 / 20 failures in 15 min → 15 min lock). */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, startTestApp, type TestApp } from './helpers.ts';

const NOW = '2026-04-27T01:00:00Z';
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function setup() {
  const t = await startTestApp({ now: NOW });
  apps.push(t);
  await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
  const login = (password: string, cardNumber = '2000000326') =>
    t.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cardNumber, password }) });
  return { t, login };
}

test('the 6th attempt on a card after 5 failures is 429 with Retry-After', async () => {
  const { login } = await setup();
  for (let i = 0; i < 5; i++) assert.equal((await login('wrong' + i)).status, 401);
  const res = await login('wrong');
  assert.equal(res.status, 429);
  const retryAfter = Number(res.headers.get('retry-after'));
  assert.ok(retryAfter > 895 && retryAfter <= 900, String(retryAfter));
  const e = await errorOf(res);
  assert.equal(e.code, 'too_many_attempts');
  assert.equal(e.body.error.retryAfterSeconds, retryAfter);
});

test('a throttled card refuses even the right password', async () => {
  const { login } = await setup();
  for (let i = 0; i < 5; i++) await login('wrong' + i);
  assert.equal((await login('library1')).status, 429);
});

test('after the lock has cooled down the right password works again', async () => {
  const { t, login } = await setup();
  for (let i = 0; i < 4; i++) await login('wrong' + i);
  // The 5th failure starts the lock: at NOW exactly, however long the setup and the first four took.
  await t.setClock(at(0));
  await login('wrong4');
  await t.setClock(at(14));
  const still = await login('library1');
  assert.equal(still.status, 429);
  // The clock runs on in real time, so a few milliseconds have passed since the 5th failure.
  assert.ok(['60', '61'].includes(still.headers.get('retry-after') ?? ''), still.headers.get('retry-after') ?? '');
  await t.setClock(at(15.1));
  assert.equal((await login('library1')).status, 200);
});

test('a successful login resets the card count', async () => {
  const { login } = await setup();
  for (let i = 0; i < 4; i++) await login('wrong' + i);
  assert.equal((await login('library1')).status, 200);
  for (let i = 0; i < 4; i++) assert.equal((await login('wrong' + i)).status, 401);
});

test('failures older than the window are forgotten', async () => {
  const { t, login } = await setup();
  for (let i = 0; i < 4; i++) await login('wrong' + i);
  await t.setClock(at(16));
  assert.equal((await login('wrong')).status, 401);
  assert.equal((await login('library1')).status, 200);
});

test("25 failures on made-up cards from one address do not refuse another patron's right password there", async () => {
  const { t, login } = await setup();
  for (let i = 0; i < 25; i++) {
    // Past the 20th failure each attempt has a slot up to 30 s after the previous one: move the
    // library clock to it instead of waiting (all 25 stay inside the 15-minute window).
    if (i >= 20) await t.setClock(at(0.5 * (i - 19)));
    assert.equal((await login('x', `30000000${String(i).padStart(2, '0')}`)).status, 401, `failure ${i + 1}`);
  }
  await t.setClock(at(3.5));
  assert.equal((await login('library1')).status, 200);
});

test('parallel guesses cannot get past the limit', async () => {
  const { login } = await setup();
  const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => login('wrong' + i).then((r) => r.status)));
  assert.equal(statuses.filter((s) => s === 401).length, 5);
  assert.equal(statuses.filter((s) => s === 429).length, 7);
});
