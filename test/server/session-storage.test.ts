/**
 * Sessions on the store: the idle clock kept in memory and flushed in batches (a request that only
 * reads writes nothing), the per-patron session index ("end my other sessions" and login touch only
 * that patron's records), TTLs, restarts, and cookies that are not ours.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startTestApp, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';
import { keys } from '../../server/domain/records.ts';
import { saveSession, type SessionRecord } from '../../server/auth/session-store.ts';
import { sessionActivity } from '../../server/auth/sessions.ts';
import { FLUSH_EVERY_MS } from '../../server/auth/session-activity.ts';
import type { SqliteEngine } from '../../server/storage/sqlite-engine.ts';
import type { EngineTx } from '../../server/storage/engine.ts';

const NOW = '2026-04-27T01:00:00Z';
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
const CARD = '2000000326';
const apps: TestApp[] = [];
const dirs: string[] = [];
after(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function app(opts: { now?: string; dataDir?: string } = {}) {
  const t = await startTestApp({ now: opts.now ?? NOW, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
  apps.push(t);
  return t;
}

const db = (t: TestApp) => (t.ctx.store.engine as SqliteEngine).db;
const totalChanges = (t: TestApp) => db(t).prepare('SELECT total_changes() AS n').get() as { n: number };
const storedSession = (t: TestApp, cookie: string) => t.ctx.store.get<SessionRecord>(keys.session(cookie.split('=')[1]!));

/** Every key the engine is asked for (reads, transaction reads, scans) while `fn` runs: a spy on the real engine. */
async function keysRead(t: TestApp, fn: () => Promise<unknown>): Promise<{ read: string[]; scanned: string[] }> {
  const engine = t.ctx.store.engine as unknown as Record<string, (...a: any[]) => any>;
  const read: string[] = [];
  const scanned: string[] = [];
  const { readMany, begin, scanKeys } = engine;
  engine['readMany'] = (ks: string[]) => (read.push(...ks), readMany!.call(engine, ks));
  engine['scanKeys'] = (prefix: string, n: number) => (scanned.push(prefix), scanKeys!.call(engine, prefix, n));
  engine['begin'] = () => {
    const tx = begin!.call(engine) as EngineTx;
    const txRead = tx.read.bind(tx);
    tx.read = (ks) => (read.push(...ks), txRead(ks));
    return tx;
  };
  try {
    await fn();
  } finally {
    Object.assign(engine, { readMany, begin, scanKeys });
  }
  return { read, scanned };
}

/** `count` sessions of `patrons` other patrons, written straight into the store (no scrypt per login). */
async function otherSessions(t: TestApp, patrons: number, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 500) {
    await t.ctx.store.transaction(async (tx) => {
      for (let j = i; j < Math.min(count, i + 500); j++) {
        const id = `other${String(j).padStart(35, '0')}`;
        ids.push(id);
        const record: SessionRecord = { id, patronId: `pOther${j % patrons}`, createdAt: NOW, lastSeenAt: NOW, kiosk: false, expiresAt: '2027-01-01T00:00:00.000Z' };
        await saveSession(tx, record, 3900);
      }
    });
  }
  return ids;
}

test('a request that only reads writes nothing: no row changes in the engine, no commit, no WAL growth', async () => {
  const t = await app();
  await t.addPatron({ cardNumber: CARD, password: 'library1' });
  const p = await t.login(CARD, 'library1');
  await sessionActivity(t.ctx).flush();
  const wal = join(t.dataDir, 'shiori.sqlite-wal');
  const [changes, commits, walBytes] = [totalChanges(t).n, t.ctx.store.commits, statSync(wal).size];
  for (const path of ['/api/account', '/api/session', '/api/wishlist', '/api/account']) assert.equal((await p.fetch(path)).status, 200, path);
  assert.equal(totalChanges(t).n, changes, 'no row changed');
  assert.equal(t.ctx.store.commits, commits, 'no commit');
  assert.equal(statSync(wal).size, walBytes, 'nothing appended to the WAL');
  assert.equal(sessionActivity(t.ctx).pending, 1, 'the request time waits in memory for the next flush');
});

test('request times reach the store by themselves at the next flush, in one commit for all sessions', async () => {
  const t = await app();
  await t.addPatron({ cardNumber: CARD, password: 'library1' });
  const [a, b] = [await t.login(CARD, 'library1'), await t.login(CARD, 'library1')];
  await sessionActivity(t.ctx).flush();
  await t.setClock(at(20));
  const commits = t.ctx.store.commits;
  assert.equal((await a.fetch('/api/account')).status, 200);
  assert.equal((await b.fetch('/api/session')).status, 200);
  assert.ok(Date.parse((await storedSession(t, a.cookie))!.lastSeenAt) < Date.parse(at(20)), 'not written on the request');
  await new Promise((r) => setTimeout(r, FLUSH_EVERY_MS + 700));
  const [sa, sb] = [await storedSession(t, a.cookie), await storedSession(t, b.cookie)];
  assert.equal(Date.parse(sa!.lastSeenAt) >= Date.parse(at(20)), true, sa!.lastSeenAt);
  assert.equal(Date.parse(sb!.lastSeenAt) >= Date.parse(at(20)), true, sb!.lastSeenAt);
  assert.equal(t.ctx.store.commits, commits + 1, 'both sessions in one commit');
});

test('the flushed lastSeenAt survives a restart: the idle timeout counts from the last request before it', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'shiori-restart-'));
  dirs.push(dataDir);
  const first = await app({ dataDir });
  await first.addPatron({ cardNumber: CARD, password: 'library1' });
  const { cookie } = await first.login(CARD, 'library1');
  await first.setClock(at(30));
  assert.equal((await first.fetch('/api/account', { headers: { cookie } })).status, 200);
  await first.close(); // a clean stop flushes what is in memory
  apps.splice(apps.indexOf(first), 1);

  // 89 minutes after login but 59 after its last request: alive.
  const second = await app({ dataDir, now: at(89) });
  assert.equal((await second.fetch('/api/session', { headers: { cookie } })).status, 200);
  await second.close();
  apps.splice(apps.indexOf(second), 1);
  // 61 minutes after that request: ended.
  const third = await app({ dataDir, now: at(89 + 61) });
  assert.equal((await third.fetch('/api/session', { headers: { cookie } })).status, 401);
});

test('a flush never brings back a session that ended meanwhile', async () => {
  const t = await app();
  await t.addPatron({ cardNumber: CARD, password: 'library1' });
  const p = await t.login(CARD, 'library1');
  assert.equal((await p.fetch('/api/account')).status, 200); // a request time waits in memory
  assert.equal((await p.fetch('/api/session', { method: 'DELETE' })).status, 204);
  await sessionActivity(t.ctx).flush();
  assert.equal(await storedSession(t, p.cookie), null);
  assert.equal((await p.fetch('/api/session')).status, 401);
});

test('a stored session expires by itself (TTL just past its idle timeout) and is listed in its patron index', async () => {
  const t = await app();
  const { patronId } = await t.addPatron({ cardNumber: CARD, password: 'library1' });
  const before = Date.now();
  const p = await t.login(CARD, 'library1');
  const kiosk = await t.login(CARD, 'library1', { kiosk: true });
  const expiresIn = (cookie: string) =>
    (db(t).prepare('SELECT expires_at FROM kv WHERE key = ?').get(`session:${cookie.split('=')[1]}`) as { expires_at: number }).expires_at - before;
  assert.ok(Math.abs(expiresIn(p.cookie) - 65 * 60_000) < 30_000, String(expiresIn(p.cookie)));
  assert.ok(Math.abs(expiresIn(kiosk.cookie) - 8 * 60_000) < 30_000, String(expiresIn(kiosk.cookie)));
  assert.deepEqual([...(await t.ctx.store.get<string[]>(keys.sessionsOf(patronId)))!].sort(), [p.cookie, kiosk.cookie].map((c) => c.split('=')[1]).sort());
});

test('"end my other sessions" with thousands of sessions of other patrons reads and ends only this patron\'s', async () => {
  const t = await app();
  await t.addPatron({ cardNumber: CARD, password: 'library1' });
  const others = await otherSessions(t, 40, 3000);
  const here = await t.login(CARD, 'library1');
  const elsewhere = await t.login(CARD, 'library1');
  const { read, scanned } = await keysRead(t, async () => {
    const res = await call(here, 'PUT', '/api/password', { currentPassword: 'library1', newPassword: 'abc123', newPasswordConfirm: 'abc123' });
    assert.equal(res.status, 204);
  });
  assert.deepEqual(scanned, [], 'no scan');
  const otherIds = new Set(others);
  assert.deepEqual(read.filter((k) => k.startsWith('session:') && otherIds.has(k.slice(8))), [], "no other patron's session read");
  assert.ok(read.length < 30, `${read.length} keys read`);
  assert.equal((await here.fetch('/api/session')).status, 200);
  assert.equal((await elsewhere.fetch('/api/session')).status, 401);
  const stillThere = await t.ctx.store.getMany(others.map((id) => keys.session(id)));
  assert.equal(stillThere.filter((s) => s !== null).length, 3000, "every other patron's session is still there");
});

test('login reads no other patron\'s sessions, however many there are', async () => {
  const t = await app();
  await t.addPatron({ cardNumber: CARD, password: 'library1' });
  const others = new Set(await otherSessions(t, 40, 3000));
  const previous = await t.login(CARD, 'library1');
  const { read, scanned } = await keysRead(t, async () => {
    const res = await call(t, 'POST', '/api/session', { cardNumber: CARD, password: 'library1' }, { cookie: previous.cookie });
    assert.equal(res.status, 200);
  });
  assert.deepEqual(scanned, []);
  assert.deepEqual(read.filter((k) => k.startsWith('session:') && others.has(k.slice(8))), []);
  assert.ok(read.length < 20, `${read.length} keys read`);
  assert.equal((await previous.fetch('/api/session')).status, 401, 'the session the browser carried before ended');
});

test('a malformed cookie header, or a session id of another shape, means no session: never a 500, never a store key', async () => {
  const t = await app();
  await t.addPatron({ cardNumber: CARD, password: 'library1' });
  const cookies = [
    'analytics=100%',
    'analytics=100%; shiori_session=%zz',
    'shiori_session=%zz',
    'shiori_session=..',
    'shiori_session=.',
    'shiori_session=x%2F..',
    'shiori_session=../session',
    `shiori_session=${'a'.repeat(40)}?x`,
    `shiori_session=${'A'.repeat(40)}`,
    `shiori_session=${'a'.repeat(41)}`,
    'shiori_session=',
    'shiori_session',
  ];
  const { read } = await keysRead(t, async () => {
    for (const cookie of cookies) {
      for (const path of ['/api/account', '/api/session']) {
        const res = await t.fetch(path, { headers: { cookie } });
        assert.equal(res.status, 401, `${cookie} ${path}`);
      }
      assert.equal((await t.fetch('/api/session', { method: 'DELETE', headers: { cookie } })).status, 204, cookie);
    }
  });
  assert.deepEqual(read.filter((k) => k.startsWith('session:')), []);
  // Another app's cookie on the same host does not stop a login, nor the session after it.
  const login = await call(t, 'POST', '/api/session', { cardNumber: CARD, password: 'library1' }, { cookie: 'analytics=100%' });
  assert.equal(login.status, 200);
  const ours = login.headers.get('set-cookie')!.split(';')[0]!;
  assert.equal((await t.fetch('/api/account', { headers: { cookie: `analytics=100%; ${ours}` } })).status, 200);
});
