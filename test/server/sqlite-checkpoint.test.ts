/**
 * SQLite's WAL is copied into the database file by a worker thread, never inside a commit (a
 * checkpoint in a large file held every request of the process for hundreds of milliseconds).
 * Real files in a temp dir: what the commits wrote reaches the database file while the committing
 * connection has its own checkpoints off, everything survives a reopen, and closing stops the worker.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, SQLITE_FILE } from '../../server/storage/open-storage.ts';
import { createStore } from '../../server/storage/store.ts';
import type { SqliteEngine } from '../../server/storage/sqlite-engine.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WAL checkpoints on SQLite', () => {
  it('copy what commits wrote into the database file from a worker thread, not the committing connection', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiori-checkpoint-'));
    dirs.push(dir);
    const store = await createStore(await openStorage({ dataDir: dir }));
    const db = (store.engine as SqliteEngine).db;
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 0, 'the committing connection never checkpoints');
    const record = 'x'.repeat(4000);
    // 8 MB in 2,000 commits of 4 KB: far past any size at which a connection would checkpoint by itself.
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => store.transaction(async (tx) => tx.set(`rec:${batch}:${i}`, `${record}${batch}:${i}`))),
      );
    }
    const file = join(dir, SQLITE_FILE);
    for (let i = 0; (await stat(file)).size < 8_000_000; i++) {
      assert.ok(i < 100, `the database file holds the commits within 5 s (it has ${(await stat(file)).size} bytes)`);
      await sleep(50);
    }
    await store.close();

    const reopened = await createStore(await openStorage({ dataDir: dir }));
    const keys = Array.from({ length: 2000 }, (_, n) => `rec:${Math.floor(n / 100)}:${n % 100}`);
    const values = await reopened.getMany<string>(keys);
    assert.ok(values.every((v, n) => v === `${record}${Math.floor(n / 100)}:${n % 100}`), 'every commit is there after reopening');
    await reopened.close();
  });
});
