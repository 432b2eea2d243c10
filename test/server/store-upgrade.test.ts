/**
 * A DATA_DIR written by the previous version (layout 1: every value through unstorage's setItem,
 * strings stored raw, a redo journal, sessions without an index) opens in this one: the journal it
 * left is discarded (never replayed over newer data), raw strings keep their text, v1 sessions still
 * work and still end on a password change, holds get their desk index, answers get their TTL.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../server/storage/open-storage.ts';
import { hashPassword } from '../../server/auth/password-hash.ts';
import type { PatronRecord, TitleRecord } from '../../server/domain/records.ts';
import type { SqliteEngine } from '../../server/storage/sqlite-engine.ts';
import { FORMAT, FORMAT_KEY } from '../../server/storage/upgrade-from-v1.ts';
import { startTestApp, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

const NOW = '2026-04-27T01:00:00Z';
const dirs: string[] = [];
const apps: TestApp[] = [];
after(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const SESSION_ID = 'abcdefghijklmnopqrstuvwxyz234567abcdefgh';

/** What v1 left in its SQLite file: written the way v1 wrote it, through unstorage's setItem. */
async function writeV1Data(dataDir: string): Promise<void> {
  const storage = await openStorage({ dataDir });
  const patron: PatronRecord = {
    id: 'pV1patron',
    cardNumber: '2000000326',
    birthDate: '1985-06-15',
    cardExpiresOn: '2030-03-31',
    name: null,
    passwordHash: await hashPassword('library1'),
    email: 'v1@example.jp',
    defaults: { pickupBranch: 'central', contactMethod: 'email' },
    loans: [],
    holds: [
      {
        id: 'hV1hold',
        bibId: '1e5',
        placedAt: '2026-04-20T01:00:00.000Z',
        placedOn: '2026-04-20',
        status: 'in_transit',
        pickupBranch: 'nishinodai',
        contactMethod: 'email',
        notNeededAfter: null,
        pickupBy: null,
        barcode: '777',
        seriesNo: null,
        seriesOrder: null,
      },
    ],
    cancelledHolds: [],
    wishlist: { categories: [], entries: [] },
  };
  const title: TitleRecord = {
    bibId: '1e5',
    title: '数字のような書誌ID',
    author: null,
    publisher: null,
    year: null,
    materialType: 'book',
    category: 'general',
    copies: [{ barcode: '777', branch: 'central', status: 'in_transit', patronId: 'pV1patron', loanId: null, holdId: 'hV1hold', dueOn: null }],
    queue: [],
  };
  await storage.setItem('patron:pV1patron', patron as never);
  await storage.setItem('card:2000000326', 'pV1patron');
  await storage.setItem('title:1e5', title as never);
  await storage.setItem('barcode:777', '1e5');
  await storage.setItem('seq:titles', 1);
  await storage.setItem(`session:${SESSION_ID}`, {
    id: SESSION_ID,
    patronId: 'pV1patron',
    createdAt: NOW,
    lastSeenAt: NOW,
    kiosk: false,
    expiresAt: '2027-05-01T00:00:00.000Z',
  } as never);
  await storage.setItem('idem:pV1patron:old-key-1', { status: 409, body: { code: 'outside_window' }, storedAt: NOW } as never);
  // A commit v1 was in the middle of when it crashed: never acknowledged, older than what is there.
  await storage.setItem('sys:journal', [{ key: 'patron:pV1patron', value: { ...patron, email: 'stale@example.jp' } }] as never);
  await storage.setItem('sys:lock', 'someone');
  await storage.dispose();
}

test('v1 data opens in this version: journal discarded, raw strings kept as text, sessions and holds indexed', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'shiori-v1-'));
  dirs.push(dataDir);
  await writeV1Data(dataDir);
  const t = await startTestApp({ now: NOW, dataDir });
  apps.push(t);
  const store = t.ctx.store;

  assert.equal(await store.get(FORMAT_KEY), FORMAT);
  assert.deepEqual(await store.getMany(['sys:journal', 'sys:lock']), [null, null]);
  assert.equal((await store.get<PatronRecord>('patron:pV1patron'))!.email, 'v1@example.jp', 'the journal was not replayed');
  assert.deepEqual(await store.getMany(['card:2000000326', 'barcode:777']), ['pV1patron', '1e5'], 'strings, not the number 100000');
  const db = (store.engine as SqliteEngine).db;
  const answer = db.prepare("SELECT expires_at FROM kv WHERE key = 'idem:pV1patron:old-key-1'").get() as { expires_at: number | null };
  assert.ok(answer.expires_at !== null && answer.expires_at > Date.now() + 29 * 86_400_000, 'the answer expires in 30 days');

  // The v1 session still works, and the card index still logs in.
  const v1 = { fetch: (path: string, init: RequestInit = {}) => t.fetch(path, { ...init, headers: { ...init.headers, cookie: `shiori_session=${SESSION_ID}` } }) };
  assert.equal((await v1.fetch('/api/session')).status, 200);
  const fresh = await t.login('2000000326', 'library1');
  // The desk finds the v1 hold by its id, and the barcode finds the title "1e5".
  const arrived = await t.staff('/api/staff/holds/hV1hold/arrive');
  assert.equal(arrived.hold.status, 'ready');
  assert.equal(arrived.hold.bibId, '1e5');
  // A password change ends the v1 session too (it joined the patron's session index).
  const changed = await call(fresh, 'PUT', '/api/password', { currentPassword: 'library1', newPassword: 'abc123', newPasswordConfirm: 'abc123' });
  assert.equal(changed.status, 204);
  assert.equal((await v1.fetch('/api/session')).status, 401);
  assert.equal((await fresh.fetch('/api/session')).status, 200);
});

test('the upgrade runs once: a restart of upgraded data changes nothing', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'shiori-v1-'));
  dirs.push(dataDir);
  await writeV1Data(dataDir);
  const first = await startTestApp({ now: NOW, dataDir });
  await first.close();
  const second = await startTestApp({ now: NOW, dataDir });
  apps.push(second);
  const db = (second.ctx.store.engine as SqliteEngine).db;
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  assert.equal(changes, 0, 'nothing written at the second start');
  assert.deepEqual(await second.ctx.store.getMany(['card:2000000326', 'barcode:777']), ['pV1patron', '1e5']);
});
