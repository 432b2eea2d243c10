/**
 * Kiosk mode keeps nothing personal on the device ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode)): no snapshot, no queue, no /api
 * response in Cache Storage, for /kiosk/ pages and for a server started with KIOSK=1.
 * The pages' side (countdown, wipe on logout) is in kiosk-pages.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDEMPOTENCY_HEADER, KIOSK_HEADER } from '../../common/offline.ts';
import { launchPersistent, type TestServer } from './harness.ts';
import {
  DUE_TODAY,
  apiLogin,
  dumpCacheStorage,
  dumpIndexedDb,
  openControlled,
  pageFetch,
  seedPatron,
  serverForFile,
  serverLoan,
} from './offline-support.ts';

let server: TestServer;
let kioskServer: TestServer;
serverForFile((s) => (server = s));
serverForFile((s) => (kioskServer = s), { env: { KIOSK: '1' } });

/** Nothing of the patron (title, patron id, card digits) anywhere the browser keeps data. */
async function assertNothingPersonal(page: import('playwright-core').Page, p: { title: string; patronId: string }): Promise<void> {
  const idb = await dumpIndexedDb(page);
  const cache = await dumpCacheStorage(page);
  for (const secret of [p.title, p.patronId]) {
    assert.ok(!idb.includes(secret), `IndexedDB holds nothing of the patron: ${idb}`);
    assert.ok(!cache.text.includes(secret), 'Cache Storage holds nothing of the patron');
  }
  assert.ok(!cache.urls.some((u) => new URL(u).pathname.startsWith('/api')), `no /api response cached: ${cache.urls.join(' ')}`);
}

for (const mode of ['/kiosk/ page', 'KIOSK=1 server'] as const) {
  test(`kiosk mode (${mode}): the account is never stored and an offline renewal is refused, not queued`, async () => {
    const target = mode === 'KIOSK=1 server' ? kioskServer : server;
    const path = mode === 'KIOSK=1 server' ? '/account' : '/kiosk/account';
    // On a KIOSK=1 server the page learns kiosk mode from the session and then sends the header.
    const headers: Record<string, string> = mode === 'KIOSK=1 server' ? { [KIOSK_HEADER]: '1' } : {};
    const p = await seedPatron(target, mode === 'KIOSK=1 server' ? '共用端末の本' : 'キオスクの本');
    const device = await launchPersistent();
    try {
      const page = await device.context.newPage();
      await openControlled(page, `${target.url}${path}`);
      const session = await apiLogin(page, p, { kiosk: mode === '/kiosk/ page', headers });
      assert.equal(session.body.kiosk, true);
      const online = await pageFetch(page, '/api/account', { headers });
      assert.equal(online.status, 200);
      assert.equal(online.body.loans[0].title, p.title);
      await assertNothingPersonal(page, p);

      await target.stop();
      const offline = await pageFetch(page, '/api/account', { headers });
      assert.equal(offline.status, 503);
      assert.equal(offline.body.error.code, 'offline');
      const renew = await pageFetch(page, `/api/loans/${p.loanId}/renew`, { method: 'POST', headers: { ...headers, [IDEMPOTENCY_HEADER]: 'kiosk-1' } });
      assert.equal(renew.status, 503, 'refused with a clear error, not queued');
      assert.equal(renew.body.error.code, 'offline');
      assert.match(renew.body.error.message, /オフライン/);
      await assertNothingPersonal(page, p);

      await target.start();
      await page.reload();
      await page.waitForTimeout(500);
      const loan = await serverLoan(target, p);
      assert.deepEqual([loan.dueOn, loan.renewals], [DUE_TODAY, 0], 'nothing was sent later either');
    } finally {
      await device.close();
      await target.start().catch(() => undefined);
    }
  });
}
