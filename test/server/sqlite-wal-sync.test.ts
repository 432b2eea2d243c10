/**
 * SQLite's commits are synced to disk off the event loop (server/storage/wal-sync.ts): the
 * committing connection only writes the WAL, the engine fdatasyncs it in libuv's thread pool, and a
 * commit is answered only after a sync that began once it was written has completed. Real files in
 * a temp dir.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../server/storage/open-storage.ts';
import { createStore } from '../../server/storage/store.ts';
import type { SqliteEngine } from '../../server/storage/sqlite-engine.ts';
import { WalSync } from '../../server/storage/wal-sync.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function openTempStore() {
  const dir = await mkdtemp(join(tmpdir(), 'shiori-walsync-'));
  dirs.push(dir);
  const store = await createStore(await openStorage({ dataDir: dir }));
  const engine = store.engine as SqliteEngine;
  return { store, engine, walSync: engine.walSync! };
}

describe('SQLite commits synced off the event loop', () => {
  it('a commit is answered only after a sync of the WAL that completed after it was written', async () => {
    const { store, engine, walSync } = await openTempStore();
    // SQLite itself does not sync at commit (NORMAL); the engine does, before answering.
    assert.equal(engine.db.pragma('synchronous', { simple: true }), 1);
    for (let i = 0; i < 20; i++) {
      const syncedBefore = walSync.completed;
      await store.transaction(async (tx) => tx.set(`rec:${i}`, { n: i }));
      assert.ok(walSync.completed > syncedBefore, `commit ${i} was answered after a sync that completed after it`);
    }
    const syncedBefore = walSync.completed;
    await store.transaction(async (tx) => tx.get('rec:1'));
    assert.equal(walSync.completed, syncedBefore, 'a transaction that wrote nothing waits for no sync');
    await store.close();
  });

  it('commits made while a sync runs share the next one, each answered once it is on disk', async () => {
    const { store, walSync } = await openTempStore();
    const syncedBefore = walSync.completed;
    const answered: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.transaction(async (tx) => tx.set(`rec:${i}`, i)).then(() => answered.push(walSync.completed - syncedBefore)),
      ),
    );
    const syncs = walSync.completed - syncedBefore;
    assert.ok(syncs >= 1 && syncs <= 10, `200 concurrent commits took ${syncs} syncs`);
    assert.ok(answered.every((n) => n >= 1), 'none was answered before its sync');
    assert.deepEqual(await store.getMany(['rec:0', 'rec:199']), [0, 199]);
    await store.close();
  });

  it('the store closes only once the last sync is done, and what was answered is there after reopening', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiori-walsync-'));
    dirs.push(dir);
    const store = await createStore(await openStorage({ dataDir: dir }));
    const answered = new Set<number>();
    const commits = Array.from({ length: 50 }, (_, i) => store.transaction(async (tx) => tx.set(`rec:${i}`, `v${i}`)).then(() => answered.add(i)));
    // The batch is written and its sync under way (the flush runs in this turn's setImmediate).
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(answered.size, 0, 'none answered before the sync');
    await store.close();
    assert.equal(answered.size, 50, 'close waited for the sync, and every commit was answered');
    await Promise.all(commits);
    const reopened = await createStore(await openStorage({ dataDir: dir }));
    assert.deepEqual(await reopened.getMany(Array.from({ length: 50 }, (_, i) => `rec:${i}`)), Array.from({ length: 50 }, (_, i) => `v${i}`));
    await reopened.close();
  });

  it('a sync that cannot be done fails the commits it was to cover: none is answered as done', async () => {
    const sync = new WalSync(join(tmpdir(), 'shiori-no-such-dir', 'shiori.sqlite-wal'));
    await assert.rejects(Promise.all([sync.durable(), sync.durable()]), { code: 'ENOENT' });
    await sync.close();
    assert.equal(sync.completed, 0);
  });
});
