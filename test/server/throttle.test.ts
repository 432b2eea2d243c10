/**
 * Login throttling (policy loginThrottle): per card for devices that never logged in to it (5
 * failures in 15 min → a 15 min lock), per known device on that card (the same numbers), and per
 * client address (after 20 failures in 15 min, attempts are spaced out: served in turn, not refused).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { keys } from '../../server/domain/records.ts';
import type { SqliteEngine } from '../../server/storage/sqlite-engine.ts';
import { recordTtlSeconds, spacedAttempt, spacingStepMs, type SpacingLimit } from '../../server/auth/throttle.ts';
import { errorOf, startTestApp, type StartOptions, type TestApp } from './helpers.ts';

const NOW = '2026-04-27T01:00:00Z';
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function setup(opts: StartOptions = {}) {
  const t = await startTestApp({ now: NOW, ...opts });
  apps.push(t);
  await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
  await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
  const login = (password: string, cardNumber = '2000000326', extra: { cookie?: string; kiosk?: boolean } = {}) =>
    t.fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(extra.cookie ? { cookie: extra.cookie } : {}) },
      body: JSON.stringify({ cardNumber, password, ...(extra.kiosk ? { kiosk: true } : {}) }),
    });
  return { t, login };
}

const sqlite = (t: TestApp) => (t.ctx.store.engine as SqliteEngine).db;
const knownDeviceRows = (t: TestApp, card: string) =>
  sqlite(t).prepare('SELECT key, value, expires_at FROM kv WHERE key LIKE ?').all(`known-device:${card}:%`) as { key: string; value: string; expires_at: number }[];
const deviceCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('shiori_device='));

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

test("five wrong guesses on a card do not lock out its owner's known device; an unknown device is locked", async () => {
  const { t, login } = await setup();
  const owner = await t.login('2000000326', 'library1');
  assert.ok(owner.deviceCookie, 'the login gave a device cookie');
  for (let i = 0; i < 5; i++) assert.equal((await login('guess' + i)).status, 401);
  const stranger = await login('library1');
  assert.equal(stranger.status, 429, 'a device that never logged in to the card waits out the lock, right password or not');
  assert.equal((await errorOf(stranger)).code, 'too_many_attempts');
  const known = await login('library1', '2000000326', { cookie: owner.deviceCookie! });
  assert.equal(known.status, 200, "the owner's device gets in with the right password");
  // A token of the right shape that never logged in to this card is an unknown device.
  const forged = `shiori_device=${'A'.repeat(43)}`;
  assert.equal((await login('library1', '2000000326', { cookie: forged })).status, 429);
  // The device logged in to another card is unknown to this one.
  const other = await t.login('2000000276', 'library2');
  assert.equal((await login('library1', '2000000326', { cookie: other.deviceCookie! })).status, 429);
});

test("a known device's own failures lock that device on that card, and nobody else", async () => {
  const { t, login } = await setup();
  const mine = await t.login('2000000326', 'library1');
  const theirs = await t.login('2000000326', 'library1');
  for (let i = 0; i < 5; i++) assert.equal((await login('guess' + i, '2000000326', { cookie: mine.deviceCookie! })).status, 401);
  assert.equal((await login('library1', '2000000326', { cookie: mine.deviceCookie! })).status, 429, 'this device is locked');
  assert.equal((await login('library1', '2000000326', { cookie: theirs.deviceCookie! })).status, 200, 'another known device is not');
  assert.equal((await login('library1')).status, 200, 'nor are unknown devices: their own count is untouched');
  await t.setClock(at(15.1));
  assert.equal((await login('library1', '2000000326', { cookie: mine.deviceCookie! })).status, 200, 'the lock ends');
});

test('the device cookie: HttpOnly, SameSite=Strict, long-lived, recorded per card; none for a kiosk login', async () => {
  const { t, login } = await setup();
  const res = await login('library1');
  const device = deviceCookieOf(res)!;
  assert.match(device, /^shiori_device=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=15552000$/);
  const token = device.split(';')[0]!.split('=')[1]!;
  const rows = knownDeviceRows(t, '2000000326');
  assert.equal(rows.length, 1);
  assert.ok(!rows[0]!.key.includes(token) && !rows[0]!.value.includes(token), 'the store keeps a hash, never the token');
  const days = (rows[0]!.expires_at - Date.now()) / 86_400_000;
  assert.ok(days > 179.9 && days <= 180, `the record expires with the cookie (${days} days)`);
  // The same browser again: the same token, renewed.
  const again = await login('library1', '2000000326', { cookie: device.split(';')[0]! });
  assert.equal(deviceCookieOf(again)!.split(';')[0], device.split(';')[0]);
  const kiosk = await login('library1', '2000000326', { kiosk: true });
  assert.equal(kiosk.status, 200);
  assert.equal(deviceCookieOf(kiosk), undefined, 'a shared machine is nobody’s own device');
});

test('a kiosk login does not honour a device cookie during a lock', async () => {
  const { t, login } = await setup();
  const owner = await t.login('2000000326', 'library1');
  for (let i = 0; i < 5; i++) await login('guess' + i);
  assert.equal((await login('library1', '2000000326', { cookie: owner.deviceCookie!, kiosk: true })).status, 429);
});

test('past the address limit a right password waits for its turn, then gets in; a burst beyond the longest wait is 429', async () => {
  const { login } = await setup({ policy: { loginThrottle: { maxFailuresPerAddress: 3, addressDelayMaxSeconds: 2 } } });
  for (let i = 0; i < 4; i++) assert.equal((await login('x', `300000000${i}`)).status, 401);
  // The 4th failure took the first spaced slot; the next attempt's slot is 1 s after it.
  const started = Date.now();
  const right = await login('library2', '2000000276');
  const waited = Date.now() - started;
  assert.equal(right.status, 200);
  assert.ok(waited >= 500, `answered after ${waited} ms`);
  // Three at once: the first waits for its slot (under 2 s), the others would wait longer: refused.
  const burst = await Promise.all([1, 2, 3].map((i) => login('x', `310000000${i}`)));
  const statuses = burst.map((r) => r.status).sort();
  assert.deepEqual(statuses, [401, 429, 429]);
  const refused = burst.find((r) => r.status === 429)!;
  assert.ok(Number(refused.headers.get('retry-after')) >= 2, refused.headers.get('retry-after') ?? '');
  assert.equal((await errorOf(refused)).code, 'too_many_attempts');
});

test('spacing: nothing before the limit, then 1 s doubling to the maximum; a slot further than that is refused', () => {
  const limit: SpacingLimit = { kind: 'spacing', freeFailures: 20, windowMs: 15 * 60_000, maxDelayMs: 30_000 };
  assert.deepEqual([19, 20, 21, 22, 24, 25, 60].map((n) => spacingStepMs(n, limit)), [0, 1000, 2000, 4000, 16_000, 30_000, 30_000]);
  const now = new Date(NOW);
  const failures = Array.from({ length: 20 }, () => NOW);
  const first = spacedAttempt({ failures, lockedUntil: null }, limit, now);
  assert.deepEqual([first.refuse, first.waitMs], [false, 0]);
  const second = spacedAttempt(first.refuse ? null : first.record, limit, now);
  assert.deepEqual([second.refuse, second.waitMs], [false, 1000]);
  const far = spacedAttempt({ failures, lockedUntil: null, nextSlotAt: new Date(now.getTime() + 31_000).toISOString() }, limit, now);
  assert.deepEqual([far.refuse, far.waitMs], [true, 31_000]);
  // Failures older than the window no longer count.
  const old = spacedAttempt({ failures, lockedUntil: null, nextSlotAt: at(0.5) }, limit, new Date(at(16)));
  assert.deepEqual([old.refuse, old.waitMs], [false, 0]);
});

test('throttle records expire by themselves: the window plus the lock or the longest wait', async () => {
  const { t, login } = await setup();
  const owner = await t.login('2000000326', 'library1');
  await login('guess', '2000000326');
  await login('guess', '2000000326', { cookie: owner.deviceCookie! });
  const ttl = (key: string) => {
    const row = sqlite(t).prepare('SELECT expires_at FROM kv WHERE key = ?').get(key) as { expires_at: number | null };
    return Math.round((row.expires_at! - Date.now()) / 1000);
  };
  const card = ttl(keys.throttle('login-card', '2000000326'));
  assert.ok(card > 1790 && card <= 1800, `card: ${card} s`);
  const address = ttl(keys.throttle('login-addr', 'unknown'));
  assert.ok(address > 920 && address <= 930, `address: ${address} s`);
  const deviceKey = (sqlite(t).prepare("SELECT key FROM kv WHERE key LIKE 'throttle:login-device:%'").get() as { key: string }).key;
  assert.ok(ttl(deviceKey) > 1790, 'device');
  assert.equal(recordTtlSeconds({ kind: 'spacing', freeFailures: 20, windowMs: 900_000, maxDelayMs: 30_000 }), 930);
});
