/**
 * The same store and rules on Redis (REDIS_URL): a real redis-server on a free loopback port,
 * append-only with fsync on every write (how a library should run it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from './helpers.ts';
import { syncCatalog } from '../../server/catalog/keep-in-step.ts';
import { startRedis, type RedisServer } from './redis-server.ts';
import { Redis } from 'ioredis';

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
      const client = new Redis(redisUrl);
      const patronKeys = await client.keys('shiori:patron:*');
      client.disconnect();
      assert.equal(patronKeys.length, 1);
    });
  });

  describe('two server instances on one Redis', () => {
    let a: TestApp;
    let b: TestApp;
    let admin: Redis;
    /** Script calls redis-server has run so far: the store's round trips. */
    const scriptCalls = async () => Number(/cmdstat_evalsha:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
    before(async () => {
      a = await startTestApp({ env: { REDIS_URL: redisUrl }, openEveryDay: true });
      b = await startTestApp({ env: { REDIS_URL: redisUrl }, openEveryDay: true });
      admin = new Redis(redisUrl);
    });
    after(async () => {
      admin.disconnect();
      await a.close();
      await b.close();
    });

    /** A patron with one loan (due 2026-04-27, renewable), logged in on each instance. */
    async function patronWithLoan(cardNumber: string, title: string) {
      await a.addPatron({ cardNumber, password: 'redis123' });
      const { barcodes } = await a.addTitle({ title });
      const { loanId } = await a.checkout({ cardNumber, barcode: barcodes[0]!, loanedOn: '2026-04-06', dueOn: '2026-04-27' });
      return { loanId, onA: await a.login(cardNumber, 'redis123'), onB: await b.login(cardNumber, 'redis123') };
    }

    it('racing renewals of one loan sent to both instances renew it exactly once', async () => {
      const { loanId, onA, onB } = await patronWithLoan('3000000002', 'ふたつのサーバー');
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? onA : onB).fetch(`/api/loans/${loanId}/renew`, { method: 'POST' })),
      );
      assert.deepEqual(answers.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      const loan = (await onB.json('/api/account')).loans[0];
      assert.deepEqual([loan.dueOn, loan.renewals], ['2026-05-04', 1]);
    });

    it("the session gate reads the session, its patron and the account's titles in one round trip, and still honours the other instance's logout and password change at once", async () => {
      await a.addPatron({ cardNumber: '3000000003', password: 'redis123' });
      const { barcodes } = await a.addTitle({ title: 'ひとまわりの本' });
      await a.checkout({ cardNumber: '3000000003', barcode: barcodes[0]!, loanedOn: '2026-04-06', dueOn: '2026-04-27' });
      const first = await a.login('3000000003', 'redis123');
      await first.json('/api/account'); // a has seen this session now
      const before = await scriptCalls();
      await first.json('/api/account');
      assert.equal((await scriptCalls()) - before, 1, 'the gate (session, patron and titles together) is the whole view');

      // What b changes is in a's next view: a renewal (patron and title changed), then a new loan (a title a has not read with it).
      const renewed = await b.login('3000000003', 'redis123');
      const [loanId] = (await renewed.json('/api/account')).loans.map((l: { id: string }) => l.id);
      assert.equal((await renewed.fetch(`/api/loans/${loanId}/renew`, { method: 'POST' })).status, 200);
      assert.deepEqual((await first.json('/api/account')).loans.map((l: { renewals: number; dueOn: string }) => [l.renewals, l.dueOn]), [[1, '2026-05-04']]);
      const other = await b.addTitle({ title: 'ふたつめの本' });
      await b.checkout({ cardNumber: '3000000003', barcode: other.barcodes[0]!, loanedOn: '2026-04-13', dueOn: '2026-05-04' });
      assert.deepEqual((await first.json('/api/account')).loans.map((l: { title: string }) => l.title).sort(), ['ひとまわりの本', 'ふたつめの本']);

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
    });

    it('a renewal after the account view is two round trips (the new key guessed absent), and its replay on either instance is still the first answer', async () => {
      const { loanId, onA, onB } = await patronWithLoan('3000000004', 'いちどだけの延長');
      await onA.json('/api/account'); // a has seen the session, the patron and the title
      await onB.json('/api/account');
      const renew = (on: typeof onA) => on.fetch(`/api/loans/${loanId}/renew`, { method: 'POST', headers: { 'idempotency-key': 'once-only-1' } });
      const before = await scriptCalls();
      const first = await renew(onA);
      assert.equal(first.status, 200);
      assert.equal((await scriptCalls()) - before, 2, 'the gate, then the commit: no read of the (absent) stored answer');
      const firstBody = await first.json();
      // Replays: on a (which wrote the answer) and on b (which guesses it absent: the commit says otherwise, the next attempt finds it).
      for (const on of [onA, onB]) {
        const again = await renew(on);
        assert.equal(again.status, 200);
        assert.deepEqual(await again.json(), firstBody);
      }
      const loan = (await onB.json('/api/account')).loans[0];
      assert.deepEqual([loan.dueOn, loan.renewals], ['2026-05-04', 1], 'renewed once, not three times');
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
