/**
 * The service worker against the real server, in headless Chromium ([docs/rules.md#offline](../../docs/rules.md#offline)). "Offline" is the
 * server process stopped. These tests talk to the API from inside the page, so they check the SW's
 * own answers whatever the pages look like; offline-pages.test.ts checks what the patron sees.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountSnapshot } from '../../common/api.ts';
import { IDEMPOTENCY_HEADER, OFFLINE_HEADER } from '../../common/offline.ts';
import type { TestServer } from './harness.ts';
import {
  apiLogin,
  dispatchSync,
  DUE_AFTER_RENEWAL,
  DUE_TODAY,
  dumpCacheStorage,
  openControlled,
  pageFetch,
  pendingCount,
  postToSw,
  queueRenewalOffline,
  seedPatron,
  serverForFile,
  serverLoan,
  waitForSwMessage,
  withDevice,
} from './offline-support.ts';

let server: TestServer;
serverForFile((s) => (server = s));


test('the app shell, every page chunk included, starts with the server down on any route', async () => {
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await openControlled(page, `${server.url}/`);
    const cached = await dumpCacheStorage(page);
    // Every script the precached app can load (the entry and, transitively, every lazy page chunk).
    const missing = await page.evaluate(async () => {
      const texts = new Map<string, string>();
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) {
          const path = new URL(req.url).pathname;
          if (/\.(js|html)$/.test(path)) texts.set(path, (await (await cache.match(req))?.text()) ?? '');
        }
      }
      const seen = new Set<string>(['/index.html']);
      const queue = ['/index.html'];
      const missing: string[] = [];
      while (queue.length) {
        const from = queue.shift()!;
        const text = texts.get(from);
        if (text === undefined) {
          missing.push(from);
          continue;
        }
        for (const m of text.matchAll(/["'`]((?:\.{1,2})?\/[\w./-]+\.js)["'`]/g)) {
          const path = new URL(m[1]!, `http://x${from}`).pathname;
          // sw.js itself is never precached: the browser fetches it to look for updates.
          if (!seen.has(path) && path !== '/sw.js') {
            seen.add(path);
            queue.push(path);
          }
        }
      }
      return { missing, scripts: seen.size - 1 };
    });
    assert.deepEqual(missing.missing, [], 'every script the app imports is precached');
    assert.ok(missing.scripts > 5, `the entry and its lazy chunks were followed (${missing.scripts})`);
    assert.ok(cached.urls.some((u) => u.includes('/index.html')), 'index.html is precached');
    assert.ok(!cached.urls.some((u) => new URL(u).pathname.startsWith('/api')), 'no /api response in Cache Storage');

    await server.stop();
    for (const route of ['/account', '/search?q=%E5%9C%B0%E5%BA%95', '/kiosk/login', '/login', '/no/such/page']) {
      const res = await page.goto(`${server.url}${route}`);
      assert.equal(res?.status(), 200, `${route} starts offline`);
      assert.equal(await page.locator('shiori-app').count(), 1, `${route} has the app element`);
      assert.match(await page.title(), /小金井市立図書館/);
    }
    // The routed page's own lazy chunk loads from the precache too.
    await page.goto(`${server.url}/kiosk/login`);
    await page.getByLabel('利用券番号').waitFor();
  });
});

test('offline, GET /api/account answers the last snapshot with X-Shiori-Offline; with no snapshot a 503 error', async () => {
  const alice = await seedPatron(server, '影の書');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await openControlled(page, `${server.url}/`);

    await server.stop();
    const none = await pageFetch(page, '/api/account');
    assert.equal(none.status, 503);
    assert.equal(none.body.error.code, 'offline');
    await server.start();

    await apiLogin(page, alice);
    const online = await pageFetch(page, '/api/account');
    assert.equal(online.status, 200);
    assert.equal(online.headers[OFFLINE_HEADER.toLowerCase()], undefined);

    await server.stop();
    const offline = await pageFetch(page, '/api/account');
    assert.equal(offline.status, 200);
    assert.equal(offline.headers[OFFLINE_HEADER.toLowerCase()], online.body.asOf);
    const snapshot = offline.body as AccountSnapshot;
    assert.equal(snapshot.patron.id, alice.patronId);
    assert.deepEqual(snapshot.loans.map((l) => [l.title, l.dueOn]), [['影の書', DUE_TODAY]]);
    const session = await pageFetch(page, '/api/session');
    assert.equal(session.status, 200, 'the app can start offline: the session answer names the snapshot patron');
    assert.equal(session.body.patron.id, alice.patronId);
  });
});

test('the first install keeps the library answer before it controls the page: offline right after, it is served', async () => {
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    // The page's own GET /api/library went to the network before the SW existed; nothing else asks.
    await openControlled(page, `${server.url}/`);
    await server.stop();
    const library = await pageFetch(page, '/api/library');
    await server.start();
    assert.equal(library.status, 200, 'an offline start needs the library policy beside the snapshot');
    assert.ok(library.headers[OFFLINE_HEADER.toLowerCase()], 'marked as the kept answer');
    assert.equal(typeof library.body.policy.idleTimeoutSeconds.normal, 'number');
  });
});

test('an offline renewal is queued (202), survives a reload, and is applied exactly once when the server is back', async () => {
  const bob = await seedPatron(server, '海の記憶');
  await withDevice(server, async ({ context }) => {
    let page = await context.newPage();
    await openControlled(page, `${server.url}/account`);
    await apiLogin(page, bob);
    await pageFetch(page, '/api/account');

    await server.stop();
    const key = 'e2e-renew-once-1';
    const queued = await pageFetch(page, `/api/loans/${bob.loanId}/renew`, { method: 'POST', headers: { [IDEMPOTENCY_HEADER]: key } });
    assert.equal(queued.status, 202);
    assert.deepEqual(queued.body, { queued: true, loanId: bob.loanId });
    // Asking again while it waits does not queue a second renewal.
    assert.equal((await pageFetch(page, `/api/loans/${bob.loanId}/renew`, { method: 'POST', headers: { [IDEMPOTENCY_HEADER]: 'e2e-renew-once-2' } })).status, 202);

    // Close the app and come back, still offline: the renewal is still pending.
    await page.close();
    page = await context.newPage();
    await page.goto(`${server.url}/account`);
    const offline = await pageFetch(page, '/api/account');
    assert.equal(offline.body.loans[0].pendingRenewal, true);
    assert.equal(await pendingCount(page, bob.patronId), 1);

    await server.start();
    await postToSw(page, { type: 'replay-renewals' });
    const settled = await waitForSwMessage(page, { type: 'renewal-settled', loanId: bob.loanId });
    assert.equal(settled.ok, true);
    assert.equal((settled.loan as { dueOn: string }).dueOn, DUE_AFTER_RENEWAL);

    // More replay triggers (another message, a reload = SW start) send nothing more.
    await postToSw(page, { type: 'replay-renewals' });
    await page.reload();
    await page.waitForTimeout(500);
    const loan = await serverLoan(server, bob);
    assert.equal(loan.dueOn, DUE_AFTER_RENEWAL, 'due date moved by exactly 7 days');
    assert.equal(loan.renewals, 1);
    const online = await pageFetch(page, '/api/account');
    assert.equal(online.body.loans[0].pendingRenewal, undefined, 'nothing pending any more');
  });
});

test('Background Sync replays the queue when the browser says the connection is back', async () => {
  const carol = await seedPatron(server, '星の地図');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await queueRenewalOffline(page, server, carol, 'e2e-sync-1');
    await server.start();

    await dispatchSync(page, server.url, 'shiori-renewals');
    const settled = await waitForSwMessage(page, { type: 'renewal-settled', loanId: carol.loanId });
    assert.equal(settled.ok, true);
    const loan = await serverLoan(server, carol);
    assert.deepEqual([loan.dueOn, loan.renewals], [DUE_AFTER_RENEWAL, 1]);
  });
});

test('a refused replay settles with the server reason (the loan was renewed meanwhile at the desk)', async () => {
  const dan = await seedPatron(server, '風の道');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await queueRenewalOffline(page, server, dan, 'e2e-refused-1');
    await server.start();
    // Renewed elsewhere with another key: the queued one is now over the limit.
    const api = await server.apiAs(dan.cardNumber, dan.password);
    assert.equal((await api(`/api/loans/${dan.loanId}/renew`, { method: 'POST', headers: { [IDEMPOTENCY_HEADER]: 'desk-1' } })).status, 200);

    await postToSw(page, { type: 'replay-renewals' });
    const settled = await waitForSwMessage(page, { type: 'renewal-settled', loanId: dan.loanId });
    assert.equal(settled.ok, false);
    assert.equal(settled.code, 'renewal_limit');
    assert.ok(String(settled.message).length > 0);
    const loan = await serverLoan(server, dan);
    assert.deepEqual([loan.dueOn, loan.renewals], [DUE_AFTER_RENEWAL, 1]);
  });
});

test('a queued renewal is sent when the service worker starts again, with no page asking', async () => {
  const eve = await seedPatron(server, '朝の光');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await queueRenewalOffline(page, server, eve, 'e2e-start-1');
    await page.close();
    await server.start();
    const cdp = await context.newCDPSession(await context.newPage());
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    // An icon, not the app: the SW starts to answer it, and no app script runs to post a message.
    const icon = await context.newPage();
    await icon.goto(`${server.url}/icons/icon-192.png`);
    let loan = await serverLoan(server, eve);
    for (let i = 0; i < 50 && loan.renewals === 0; i++) {
      await icon.waitForTimeout(200);
      loan = await serverLoan(server, eve);
    }
    assert.deepEqual([loan.dueOn, loan.renewals], [DUE_AFTER_RENEWAL, 1]);
  });
});
