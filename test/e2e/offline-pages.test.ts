/**
 * What the patron sees offline ([docs/rules.md#offline](../../docs/rules.md#offline)), with the real server, the built app and its own service
 * worker registration: the app starts offline and shows the snapshot with the banner, an offline
 * renewal shows 送信待ち until the connection returns and is then applied once, and switching
 * patrons on one device shows nothing of the first. "Offline" = the server stopped (and the
 * browser told it is offline where the test needs the `online` event).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEFAULT_NOW, type TestServer } from './harness.ts';
import {
  DUE_AFTER_RENEWAL,
  dumpIndexedDb,
  logInOnPage,
  placeHold,
  seedPatron,
  serverLoan,
  waitForController,
  type SeededPatron,
  serverForFile,
  withDevice,
} from './offline-support.ts';

let server: TestServer;
serverForFile((s) => (server = s));


/** First visit: the login page installs the SW, then the patron logs in and sees the account online. */
async function logInAndViewAccount(page: Page, p: SeededPatron): Promise<void> {
  await page.goto(`${server.url}/login`);
  await waitForController(page);
  await logInOnPage(page, server.url, p);
  if (!new URL(page.url()).pathname.startsWith('/account')) await page.goto(`${server.url}/account`);
  await page.getByText(p.title).first().waitFor();
}

test('offline, the app starts on /account and shows loans and holds from the snapshot with the banner', async () => {
  const p = await seedPatron(server, '銀河の図書館');
  await placeHold(server, p, '砂の城');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await logInAndViewAccount(page, p);
    await page.close();

    await server.stop();
    const offline = await context.newPage();
    await offline.goto(`${server.url}/account`);
    await offline.getByText(/オフライン表示中（2026\/04\/27 \d\d:\d\d 時点）/).waitFor();
    await offline.getByText('銀河の図書館').waitFor();
    await offline.getByRole('tab', { name: /予約/ }).first().click();
    await offline.getByText('砂の城').waitFor();
  });
});

test('an offline renewal shows 送信待ち, survives a reload, and is applied exactly once when the connection returns', async () => {
  const p = await seedPatron(server, '雨の日の本');
  await withDevice(server, async ({ context }) => {
    // Offline the page predicts the renewal window from the device's date: make it the library's day.
    await context.clock.setFixedTime(new Date(Date.parse(DEFAULT_NOW) + 60_000));
    const page = await context.newPage();
    await logInAndViewAccount(page, p);

    await server.stop();
    await context.setOffline(true);
    await page.reload();
    await page.getByText(/オフライン表示中/).waitFor();
    await page.getByRole('button', { name: '延長', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '更新する' }).click();
    await page.getByText('送信待ち').first().waitFor();

    await page.reload();
    await page.getByText(/オフライン表示中/).waitFor();
    await page.getByText('送信待ち').first().waitFor();
    let loan = await serverLoan(server, p).catch(() => null);
    assert.equal(loan, null, 'the server is down: nothing could have been sent');

    await server.start();
    await context.setOffline(false); // the page hears `online`, the bridge asks the SW to replay
    await page.getByText('延長済').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.getByText('送信待ち').count(), 0);
    await page.reload();
    await page.getByText('延長済').first().waitFor();
    loan = await serverLoan(server, p);
    assert.equal(loan.dueOn, DUE_AFTER_RENEWAL, 'due date moved by exactly 7 days');
    assert.equal(loan.renewals, 1, 'renewed once');
  });
});

test('switching patrons on one device: after A logs out and B logs in, B never sees A, online or offline', async () => {
  const a = await seedPatron(server, '甲の秘密');
  const b = await seedPatron(server, '乙の日記');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await logInAndViewAccount(page, a);
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByText('ログイン', { exact: true }).first().waitFor();

    await logInAndViewAccount(page, b);
    assert.ok(!(await page.content()).includes('甲の秘密'));
    await server.stop();
    await page.goto(`${server.url}/account`);
    await page.getByText(/オフライン表示中/).waitFor();
    await page.getByText('乙の日記').first().waitFor();
    assert.ok(!(await page.content()).includes('甲の秘密'), "offline, nothing of A's");
    const stored = await dumpIndexedDb(page);
    assert.ok(!stored.includes('甲の秘密') && !stored.includes(a.patronId), `A was forgotten on logout: ${stored}`);
  });
});
