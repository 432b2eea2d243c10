/**
 * The same store and rules on Redis (REDIS_URL): a real redis-server on a free loopback port,
 * append-only with fsync on every write (how a library should run it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../server/storage/open-storage.ts';
import { createStore, JOURNAL_KEY } from '../../server/storage/store.ts';
import { startTestApp, type TestApp } from './helpers.ts';
import { syncCatalog } from '../../server/catalog/keep-in-step.ts';

const REDIS_SERVER = process.env['REDIS_SERVER_PATH'] ?? '/usr/bin/redis-server';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

let redis: ChildProcess;
let redisDir: string;
let redisUrl: string;

before(async () => {
  redisDir = await mkdtemp(join(tmpdir(), 'shiori-redis-'));
  const port = await freePort();
  redisUrl = `redis://127.0.0.1:${port}`;
  redis = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'], { stdio: 'ignore' });
  const { default: Redis } = await import('ioredis');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

after(async () => {
  redis.kill('SIGKILL');
  await rm(redisDir, { recursive: true, force: true });
});

describe('store on Redis', () => {
  it('repairs a multi-key commit interrupted after its journal was written', async () => {
    const storage = await openStorage({ dataDir: redisDir, redisUrl });
    // A crash between the journal and the last write: the journal says both, only one landed.
    await storage.setItem(JOURNAL_KEY, [
      { key: 'test:a', value: { n: 1 } },
      { key: 'test:b', value: { n: 2 } },
    ] as never);
    await storage.setItem('test:a', { n: 1 } as never);
    const store = await createStore(storage);
    assert.deepEqual(await store.get('test:b'), { n: 2 });
    assert.equal(await store.get(JOURNAL_KEY), null);
    await store.close();
  });

  describe('renewal through the app', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ env: { REDIS_URL: redisUrl } });
    });
    after(() => t.close());

    it('ten racing renewals of one loan renew it exactly once, and the answer is stored in Redis', async () => {
      await t.addPatron({ cardNumber: '3000000001', password: 'redis123' });
      const { barcodes } = await t.addTitle({ title: 'レディスの本' });
      const { loanId } = await t.checkout({ cardNumber: '3000000001', barcode: barcodes[0]!, loanedOn: '2026-04-06', dueOn: '2026-04-27' });
      const patron = await t.login('3000000001', 'redis123');
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => patron.fetch(`/api/loans/${loanId}/renew`, { method: 'POST' })),
      );
      const statuses = answers.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      const snap = await patron.json('/api/account');
      assert.equal(snap.loans[0].dueOn, '2026-05-04');
      assert.equal(snap.loans[0].renewals, 1);
      // It really is Redis underneath: the patron record is there under the driver's base.
      const { default: Redis } = await import('ioredis');
      const client = new Redis(redisUrl);
      const patronKeys = await client.keys('shiori:patron:*');
      client.disconnect();
      assert.equal(patronKeys.length, 1);
    });
  });

  describe('two server instances on one Redis', () => {
    let a: TestApp;
    let b: TestApp;
    before(async () => {
      a = await startTestApp({ env: { REDIS_URL: redisUrl } });
      b = await startTestApp({ env: { REDIS_URL: redisUrl } });
    });
    after(async () => {
      await a.close();
      await b.close();
    });

    it('racing renewals of one loan sent to both instances renew it exactly once', async () => {
      await a.addPatron({ cardNumber: '3000000002', password: 'redis123' });
      const { barcodes } = await a.addTitle({ title: 'ふたつのサーバー' });
      const { loanId } = await a.checkout({ cardNumber: '3000000002', barcode: barcodes[0]!, loanedOn: '2026-04-06', dueOn: '2026-04-27' });
      const onA = await a.login('3000000002', 'redis123');
      const onB = await b.login('3000000002', 'redis123');
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? onA : onB).fetch(`/api/loans/${loanId}/renew`, { method: 'POST' })),
      );
      assert.deepEqual(answers.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      const loan = (await onB.json('/api/account')).loans[0];
      assert.deepEqual([loan.dueOn, loan.renewals], ['2026-05-04', 1]);
    });

    it("a title added through one instance is found by the other's search once it syncs its index", async () => {
      const search = async (app: TestApp) => {
        const res = await app.fetch(`/api/catalog/search?q=${encodeURIComponent('あたらしい棚')}`);
        return ((await res.json()) as { total: number }).total;
      };
      await syncCatalog(b.ctx); // titles the earlier test added through a
      await a.addTitle({ title: 'あたらしい棚の本' });
      assert.equal(await search(a), 1);
      assert.equal(await search(b), 0, "b's index has not seen it yet");
      assert.equal(await syncCatalog(b.ctx), 1);
      assert.equal(await search(b), 1);
      assert.equal(await syncCatalog(b.ctx), 0, 'nothing new: the title counter did not move');
    });

    it("a commit one instance left half-written (it crashed) is repaired by the other's next transaction", async () => {
      // Instance A died after writing its journal and the first of two values.
      await a.ctx.store.storage.setItem(JOURNAL_KEY, [
        { key: 'test:left-1', value: { v: 'new' } },
        { key: 'test:left-2', value: { v: 'new' } },
      ] as never);
      await a.ctx.store.storage.setItem('test:left-1', { v: 'new' } as never);
      // Instance B keeps running: its next transaction sees the whole commit, never half of it.
      const seen = await b.ctx.store.transaction(async (tx) => [await tx.get('test:left-1'), await tx.get('test:left-2')]);
      assert.deepEqual(seen, [{ v: 'new' }, { v: 'new' }]);
      assert.equal(await b.ctx.store.get(JOURNAL_KEY), null);
    });
  });
});
