/**
 * A server started with KIOSK=1, used as a library kiosk uses it: the plain URL, a login through the
 * form ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode)). The page is a kiosk from its first visible frame — also on a later start answered
 * by the service worker with the server down; nothing of the patron is kept on the device; display
 * choices and the cart live in memory only; the idle countdown ends the session.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIOSK_COOKIE } from '../../common/kiosk.ts';
import { launchPersistent, type TestServer } from './harness.ts';
import { pageFetch, seedPatron, serverForFile, waitForController } from './offline-support.ts';
import { assertNothingOf, firstVisibleFrame, recordFirstVisibleFrame, sessionCookie, sessionStatus } from './kiosk-support.ts';

let server: TestServer;
serverForFile((s) => (server = s), { env: { KIOSK: '1' } });

test('KIOSK=1, the plain URL: kiosk mode in the first visible frame, on the first start and on a start the SW answers with the server down; without its flag the page learns it from the server', async () => {
  const device = await launchPersistent();
  try {
    await recordFirstVisibleFrame(device.context);
    const page = await device.context.newPage();
    // Display options left on this browser from before it became a kiosk: a kiosk must not apply them.
    await page.goto(`${server.url}/manifest.webmanifest`);
    await page.evaluate(() => localStorage.setItem('shiori.display', JSON.stringify({ palette: 'cud', audience: 'kids', size: 'l', lang: 'en' })));

    const first = await page.goto(`${server.url}/`);
    assert.equal(first?.fromServiceWorker(), false, 'the first start is answered by the server');
    assert.deepEqual(await firstVisibleFrame(page), { kioskBanner: true, palette: 'standard', lang: 'ja' });
    await page.getByLabel('利用券番号').waitFor();
    await waitForController(page);

    await server.stop();
    const next = await device.context.newPage();
    const answer = await next.goto(`${server.url}/login`);
    assert.equal(answer?.fromServiceWorker(), true, 'the next start is answered by the service worker');
    assert.deepEqual(await firstVisibleFrame(next), { kioskBanner: true, palette: 'standard', lang: 'ja' });
    await next.getByLabel('利用券番号').waitFor();

    // The flag gone from the browser (the SW answers the page, so no answer sets it): the page asks the
    // server (GET /api/library), which sets it again, and starts over as a kiosk. KIOSK=1 is the authority.
    await server.start();
    await device.context.clearCookies({ name: KIOSK_COOKIE });
    const flagless = await device.context.newPage();
    assert.equal((await flagless.goto(`${server.url}/login`))?.fromServiceWorker(), true);
    await flagless.getByText('共用端末モード').first().waitFor();
    assert.ok((await device.context.cookies()).some((c) => c.name === KIOSK_COOKIE && c.value === '1'), 'the flag is back');
  } finally {
    await device.close();
    await server.start().catch(() => undefined);
  }
});

test('KIOSK=1, the plain URL and a form login: nothing of the patron on the device, choices and cart in memory only, and the countdown (40 s) ends the session', async () => {
  const p = await seedPatron(server, '共用端末でさがす本');
  const device = await launchPersistent();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/?kioskIdleSeconds=40`);
    await page.getByLabel('利用券番号').fill(p.cardNumber);
    await page.getByLabel('パスワード', { exact: true }).fill(p.password);
    await page.getByRole('button', { name: '送信' }).click();
    await page.getByRole('banner').getByText('ログインしています').waitFor();
    await page.getByText(p.title).first().waitFor();
    await waitForController(page);
    const session = await sessionCookie(device.context);
    assert.ok(session, 'logged in');
    await page.getByText('共用端末モード').first().waitFor();

    // A display choice and a title in the cart: they work, in memory.
    await page.locator('shiori-display-options button[data-option="palette:cud"]').click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset['palette']), 'cud');
    await page.getByRole('banner').getByRole('link', { name: '資料検索' }).click();
    await page.getByLabel('フリーワード').fill(p.title);
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.getByRole('button', { name: 'カートに入れる' }).first().click();
    await page.getByRole('banner').getByText('予約カート(1件)').waitFor();
    const lastActivity = Date.now();

    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0], 'nothing in web storage');
    await assertNothingOf(page, p);

    // No more activity: the countdown shows, then the account is gone within the idle time.
    await page.getByRole('alert').filter({ hasText: '自動的にログアウト' }).waitFor({ timeout: 40_000 });
    await page.waitForURL(/\/login$/, { timeout: 45_000 - (Date.now() - lastActivity) });
    const elapsed = (Date.now() - lastActivity) / 1000;
    assert.ok(elapsed >= 38, `not before the idle time: ${elapsed} s`);
    await page.getByLabel('利用券番号').waitFor();
    assert.equal(await page.getByText(p.title).count(), 0, 'the account is off the screen');
    assert.equal(await page.getByRole('banner').getByText('ログインしています').count(), 0);
    await assertNothingOf(page, p);
    assert.equal((await pageFetch(page, '/api/session')).status, 401, 'the browser has no session');
    assert.equal(await sessionStatus(server.url, session), 401, 'the session is dead on the server');
  } finally {
    await device.close();
  }
});
