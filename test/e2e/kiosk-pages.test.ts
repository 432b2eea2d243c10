/**
 * Kiosk mode on the pages ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode)): logging out, or the idle countdown running out, wipes the
 * device and returns to /kiosk/login; IndexedDB, Cache Storage and web storage never hold anything
 * of the patron. The idle timeout is shortened with `?kioskIdleSeconds=N` on the first URL (it can
 * only shorten the 3 minutes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchPersistent, type TestServer } from './harness.ts';
import { logInOnPage, pageFetch, seedPatron, serverForFile, waitForController, type SeededPatron } from './offline-support.ts';
import { assertNothingOf } from './kiosk-support.ts';

let server: TestServer;
serverForFile((s) => (server = s));

async function kioskLogin(page: Page, p: SeededPatron, search = ''): Promise<void> {
  await page.goto(`${server.url}/kiosk/login${search}`);
  await waitForController(page);
  await logInOnPage(page, server.url, p, `/kiosk/login${search}`);
  await page.waitForURL(/\/kiosk\/account/);
  await page.getByText(p.title).first().waitFor();
}

test('kiosk logout wipes the device and returns to /kiosk/login', async () => {
  const p = await seedPatron(server, '共用端末で読む本');
  const device = await launchPersistent();
  try {
    const page = await device.context.newPage();
    await kioskLogin(page, p);
    await page.getByText('共用端末モード').first().waitFor();
    await assertNothingOf(page, p);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/kiosk\/login$/);
    await assertNothingOf(page, p);
    assert.equal((await pageFetch(page, '/api/session')).status, 401, 'the session ended on the server');
  } finally {
    await device.close();
  }
});

test('kiosk idle countdown: an alert with 続ける, and on expiry the device is wiped and back at /kiosk/login', async () => {
  const p = await seedPatron(server, '待ち時間の本');
  const device = await launchPersistent();
  try {
    const page = await device.context.newPage();
    await kioskLogin(page, p, '?kioskIdleSeconds=12');
    const alert = page.getByRole('alert').filter({ hasText: '自動的にログアウト' });
    await alert.waitFor();
    await alert.getByRole('button', { name: '続ける' }).waitFor();
    await alert.getByRole('button', { name: '続ける' }).click();
    assert.equal(new URL(page.url()).pathname, '/kiosk/account', '続ける keeps the patron in');

    // No activity now: the countdown runs out.
    await page.waitForURL(/\/kiosk\/login$/, { timeout: 25_000 });
    await assertNothingOf(page, p);
    assert.equal((await pageFetch(page, '/api/session')).status, 401, 'the session ended on the server');
  } finally {
    await device.close();
  }
});

test('the kiosk countdown uses the 3-minute idle timeout and shows itself only for its last 30 seconds', async () => {
  const p = await seedPatron(server, '三分間の本');
  const device = await launchPersistent();
  try {
    // A controllable page clock (timers and Date), running in real time until fast-forwarded.
    await device.context.clock.install();
    const page = await device.context.newPage();
    await kioskLogin(page, p);
    const alert = page.getByRole('alert').filter({ hasText: '自動的にログアウト' });

    await page.clock.fastForward('02:20'); // 2 min 20 s idle: 40 s left
    await page.waitForTimeout(300);
    assert.equal(await alert.count(), 0, 'not shown before the last 30 seconds');
    await page.clock.fastForward('00:15'); // 25 s left
    await alert.waitFor();
    await alert.getByText('30秒後').waitFor();

    // Activity: a new 3 minutes. (force: the fake clock also drives the animation frames Playwright's stability check waits for.)
    await alert.getByRole('button', { name: '続ける' }).click({ force: true });
    await page.waitForTimeout(300);
    assert.equal(await alert.count(), 0);
    await page.clock.fastForward('02:40');
    await page.waitForTimeout(300);
    assert.equal(new URL(page.url()).pathname, '/kiosk/account', 'still in: 続ける restarted the 3 minutes');
    await page.clock.fastForward('00:25');
    await page.waitForURL(/\/kiosk\/login$/, { timeout: 15_000 });
    await assertNothingOf(page, p);
  } finally {
    await device.close();
  }
});

test('no install prompt in kiosk mode: beforeinstallprompt is cancelled', async () => {
  const device = await launchPersistent();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/kiosk/login`);
    await waitForController(page);
    const prevented = await page.evaluate(() => {
      const event = new Event('beforeinstallprompt', { cancelable: true });
      (globalThis as unknown as EventTarget).dispatchEvent(event);
      return event.defaultPrevented;
    });
    assert.equal(prevented, true);
    await page.goto(`${server.url}/login`);
    const personal = await page.evaluate(() => {
      const event = new Event('beforeinstallprompt', { cancelable: true });
      (globalThis as unknown as EventTarget).dispatchEvent(event);
      return event.defaultPrevented;
    });
    assert.equal(personal, false, 'on a personal device the browser may offer installation');
  } finally {
    await device.close();
  }
});
