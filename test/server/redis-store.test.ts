/**
 * The same store and rules on Redis (REDIS_URL): a real redis-server on a free loopback port,
 * append-only with fsync on every write (how a library should run it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from './helpers.ts';
import { syncCatalog } from '../../server/catalog/keep-in-step.ts';
import { startRedis, type RedisServer } from './redis-server.ts';

let redis: RedisServer;
let redisUrl: string;

before(async () => {
  redis = await startRedis();
  redisUrl = redis.url;
});

after(() => redis.stop());

describe('store on Redis', () => {
  describe('renewal through the app', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ env: { REDIS_URL: redisUrl }, openEveryDay: true });
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
      a = await startTestApp({ env: { REDIS_URL: redisUrl }, openEveryDay: true });
      b = await startTestApp({ env: { REDIS_URL: redisUrl }, openEveryDay: true });
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

    it("the session gate reads the session and its patron in one round trip, and still honours the other instance's logout and password change at once", async () => {
      const { default: Redis } = await import('ioredis');
      const admin = new Redis(redisUrl);
      const scriptCalls = async () => Number(/cmdstat_evalsha:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
      try {
        await a.addPatron({ cardNumber: '3000000003', password: 'redis123' });
        const { barcodes } = await a.addTitle({ title: 'ひとまわりの本' });
        await a.checkout({ cardNumber: '3000000003', barcode: barcodes[0]!, loanedOn: '2026-04-06', dueOn: '2026-04-27' });
        const first = await a.login('3000000003', 'redis123');
        await first.json('/api/account'); // a has seen this session now
        const before = await scriptCalls();
        await first.json('/api/account');
        assert.equal((await scriptCalls()) - before, 2, 'the gate (session and patron together) and the view check');

        // Logged out through b: a's very next request with that cookie is refused.
        const onB = (path: string, init: RequestInit = {}) => b.fetch(path, { ...init, headers: { ...init.headers, cookie: first.cookie, origin: 'http://localhost' } });
        assert.equal((await onB('/api/session', { method: 'DELETE' })).status, 204);
        assert.equal((await first.fetch('/api/account')).status, 401);

        // A password change through b ends a's other session of the patron, seen by a's gate at once.
        const second = await a.login('3000000003', 'redis123');
        await second.json('/api/account');
        const third = await b.login('3000000003', 'redis123');
        const change = await third.fetch('/api/password', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: 'redis123', newPassword: 'redis456new', newPasswordConfirm: 'redis456new' }) });
        assert.equal(change.status, 204, await change.clone().text());
        assert.equal((await second.fetch('/api/account')).status, 401);
      } finally {
        admin.disconnect();
      }
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
  });
});
