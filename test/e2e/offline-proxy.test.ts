/**
 * Offline as it really happens ([docs/rules.md#offline](../../docs/rules.md#offline), [docs/rules.md#behind-a-proxy](../../docs/rules.md#behind-a-proxy)): Chromium → a reverse proxy (reverse-proxy.ts) → the
 * real server. Three modes: pass; 502 (the proxy up, the server behind it stopped); hang (lie-fi:
 * the proxy accepts and never answers). The patron sees the snapshot with the right banner, a
 * renewal is queued (送信待ち) and applied exactly once after the server is back and the page is
 * reloaded, and on lie-fi the loans show within the SW's timeout (+ 0.5 s) and are replaced by the
 * server's late answer when it comes. The SW's own requests are marked X-Shiori-Background.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { BACKGROUND_HEADER } from '../../common/offline.ts';
import { DEFAULT_NOW, type TestServer } from './harness.ts';
import {
  DUE_AFTER_RENEWAL,
  DUE_TODAY,
  dumpIndexedDb,
  logInOnPage,
  pageFetch,
  postToSw,
  seedPatron,
  serverForFile,
  serverLoan,
  swMessages,
  waitForController,
  withDevice,
  type SeededPatron,
} from './offline-support.ts';
import { ReverseProxy } from './reverse-proxy.ts';

/** The SW's default answer timeout (sw/network-policy.ts). */
const TIMEOUT_MS = 3_000;
const NOT_ANSWERING = '図書館のサーバーが応答していません。';
const NO_CONNECTION = 'インターネットに接続されていません。';

let server: TestServer;
let proxy: ReverseProxy;
serverForFile((s) => (server = s));
after(async () => {
  await proxy?.close();
});

/** Through the proxy: install the SW, log in, see the account once (the snapshot is stored). */
async function logInThroughProxy(context: BrowserContext, p: SeededPatron): Promise<Page> {
  // One proxy for the file, on the same port throughout: the same origin, as a real deployment.
  proxy ??= await ReverseProxy.start(server.port);
  proxy.drop();
  proxy.mode = 'pass';
  // Offline the page predicts renewability from the device's date: make it the library's day.
  await context.clock.setFixedTime(new Date(Date.parse(DEFAULT_NOW) + 60_000));
  const page = await context.newPage();
  await page.goto(`${proxy.url}/login`);
  await waitForController(page);
  await logInOnPage(page, proxy.url, p);
  if (!new URL(page.url()).pathname.startsWith('/account')) await page.goto(`${proxy.url}/account`);
  await page.getByText(p.title).first().waitFor();
  return page;
}

async function renewOnPage(page: Page): Promise<void> {
  await page.getByRole('button', { name: '延長', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: '更新する' }).click();
}

/**
 * Opens /account and returns ms from asking for it until `text` is on screen (wall clock: the
 * page's own clock is the fixed one of logInThroughProxy).
 */
async function startToVisible(page: Page, text: string): Promise<number> {
  const start = Date.now();
  await page.goto(`${proxy.url}/account`, { waitUntil: 'commit' });
  await page.getByText(text).first().waitFor({ timeout: 20_000 });
  return Date.now() - start;
}

/** The server's view of the loan settles at one renewal, due 7 days later, and stays there. */
async function assertRenewedOnce(p: SeededPatron, page: Page): Promise<void> {
  let loan = await serverLoan(server, p);
  assert.deepEqual([loan.dueOn, loan.renewals], [DUE_AFTER_RENEWAL, 1], 'renewed once: due + 7 days');
  // More replay triggers: another start, focus. Nothing more is sent.
  await page.reload();
  await page.getByText('延長済').first().waitFor();
  await page.waitForTimeout(1_000);
  loan = await serverLoan(server, p);
  assert.deepEqual([loan.dueOn, loan.renewals], [DUE_AFTER_RENEWAL, 1], 'still once');
}

test('502 (server down behind the proxy): the snapshot with "not answering"; a renewal is queued and applied once after the server is back and the page reloads', async () => {
  const p = await seedPatron(server, '門の向こう');
  await withDevice(server, async ({ context }) => {
    const page = await logInThroughProxy(context, p);
    await server.stop();
    assert.equal((await fetch(`${proxy.url}/api/account`)).status, 502, 'the proxy answers 502 for the stopped server');

    await page.reload();
    const banner = page.locator('.offline-banner');
    await banner.getByText(/オフライン表示中（2026\/04\/27 \d\d:\d\d 時点）/).waitFor();
    await banner.getByText(NOT_ANSWERING).waitFor();
    await page.getByText(p.title).first().waitFor();

    await renewOnPage(page);
    await page.getByText('送信待ち').first().waitFor();
    await page.reload();
    await page.getByText('送信待ち').first().waitFor();

    await server.start();
    const sentBefore = proxy.seen.length;
    await page.reload(); // the app starts again with the server back: the queue is sent
    await page.getByText('延長済').first().waitFor({ timeout: 15_000 });
    assert.equal(await page.getByText('送信待ち').count(), 0);
    await assertRenewedOnce(p, page);

    // What the SW sent on its own is marked; what the patron's page asked for is not.
    const since = proxy.seen.slice(sentBefore);
    const renewals = since.filter((r) => r.method === 'POST' && r.path === `/api/loans/${p.loanId}/renew`);
    assert.equal(renewals.length, 1, 'one renewal request reached the server');
    assert.equal(renewals[0]!.headers[BACKGROUND_HEADER.toLowerCase()], '1');
    const sessionChecks = since.filter((r) => r.method === 'GET' && r.path === '/api/session');
    assert.ok(sessionChecks.some((r) => r.headers[BACKGROUND_HEADER.toLowerCase()] === '1'), "the replay's session check is marked");
    assert.ok(sessionChecks.some((r) => r.headers[BACKGROUND_HEADER.toLowerCase()] === undefined), "the page's own session check is not");
    const accountLoads = since.filter((r) => r.path === '/api/account');
    assert.ok(accountLoads.length > 0 && accountLoads.every((r) => r.headers[BACKGROUND_HEADER.toLowerCase()] === undefined));
  });
});

test('hang (lie-fi): loans within the timeout + 0.5 s with "not answering"; a renewal is queued and applied once after the link is back and the page reloads', async () => {
  const p = await seedPatron(server, '霧の中の駅');
  await withDevice(server, async ({ context }) => {
    const page = await logInThroughProxy(context, p);
    // The same start with the server answering, measured here: the machine's own speed.
    const online = await startToVisible(page, p.title);

    proxy.mode = 'hang';
    const seenBefore = proxy.seen.length;
    const lieFi = await startToVisible(page, p.title);
    const visibleAt = Date.now();
    await page.locator('.offline-banner').getByText(NOT_ANSWERING).waitFor();
    // From the SW asking the server (its request reaching the proxy) to the loans on screen.
    const asked = proxy.seen.slice(seenBefore).find((r) => r.path === '/api/account');
    assert.ok(asked, 'the SW asked the server first');
    const waited = visibleAt - asked.at;
    assert.ok(waited >= TIMEOUT_MS - 50 && waited <= TIMEOUT_MS + 500, `request → loans on screen ${waited} ms`);
    assert.ok(lieFi <= online + TIMEOUT_MS + 500, `lie-fi start → loans ${lieFi} ms, online ${online} ms`);

    await renewOnPage(page);
    await page.getByText('送信待ち').first().waitFor({ timeout: TIMEOUT_MS + 5_000 });
    assert.deepEqual([(await serverLoan(server, p)).renewals], [0], 'nothing reached the server');

    proxy.drop(); // the held requests die with the link
    proxy.mode = 'pass';
    await page.reload();
    await page.getByText('延長済').first().waitFor({ timeout: 15_000 });
    await assertRenewedOnce(p, page);
  });
});

test('lie-fi that recovers: the answers that come late replace the snapshot, the banner goes, and a renewal held on the way is applied once', async () => {
  const p = await seedPatron(server, '遅れて届く手紙');
  await withDevice(server, async ({ context }) => {
    const page = await logInThroughProxy(context, p);
    proxy.mode = 'hang';
    await page.reload();
    await page.locator('.offline-banner').getByText(NOT_ANSWERING).waitFor({ timeout: TIMEOUT_MS + 5_000 });
    await renewOnPage(page);
    await page.getByText('送信待ち').first().waitFor({ timeout: TIMEOUT_MS + 5_000 });

    // The held GET /api/account and the renewal now reach the server: both answers come late.
    proxy.mode = 'pass';
    proxy.release();
    await page.locator('.offline-banner').waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByText('延長済').first().waitFor({ timeout: 15_000 });
    // The renewal reached the server twice (the held one, then the replay) with one key: renewed once.
    const loan = await serverLoan(server, p);
    assert.deepEqual([loan.dueOn, loan.renewals], [DUE_AFTER_RENEWAL, 1]);
    await assertRenewedOnce(p, page);
  });
});

test('a late answer that arrives after a logout is neither kept nor shown', async () => {
  const p = await seedPatron(server, '忘れられるはずの本');
  await withDevice(server, async ({ context }) => {
    const page = await logInThroughProxy(context, p);
    proxy.mode = 'hang';
    const offline = await pageFetch(page, '/api/account');
    assert.equal(offline.headers['x-shiori-offline-reason'], 'server-not-answering', 'the snapshot after the timeout');
    // ログアウト forgets the patron on the device (what the shell posts), while the request still hangs.
    await postToSw(page, { type: 'forget-patron', patronId: p.patronId });
    await page.waitForTimeout(300);

    proxy.mode = 'pass';
    proxy.release(); // the held GET /api/account reaches the server, still logged in: a 200 comes late
    await page.waitForTimeout(1_500);
    const stored = await dumpIndexedDb(page);
    assert.ok(!stored.includes(p.title) && !stored.includes(p.patronId), `nothing of the patron is back on the device: ${stored}`);
    assert.ok(!(await swMessages(page)).some((m) => m['type'] === 'account-updated'), 'and the page is not sent it');
  });
});

test('no connection at all: the banner says so (not "not answering"); back online, the live page returns', async () => {
  const p = await seedPatron(server, '電波のない島');
  await withDevice(server, async ({ context }) => {
    const page = await logInThroughProxy(context, p);
    await context.setOffline(true);
    await page.reload();
    await page.locator('.offline-banner').getByText(NO_CONNECTION).waitFor();
    await page.getByText(p.title).first().waitFor();
    assert.equal(await page.getByText(NOT_ANSWERING).count(), 0);

    await context.setOffline(false);
    await page.reload();
    await page.getByText(p.title).first().waitFor();
    assert.equal(await page.locator('.offline-banner').count(), 0);
    const loan = await serverLoan(server, p);
    assert.equal(loan.dueOn, DUE_TODAY, 'nothing was renewed');
  });
});
