/**
 * The seed's own walk (issue #4) on the built app and the real server with its demo data:
 * log in as 2000000326, see the loans, renew 夢の守り人 through 【貸出延長確認】, cancel さいごの戦い,
 * change イソップ's 連絡方法 to 3:不要, see 予約取消, switch CUD / こども / 大 / English, log out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { loginThroughPage, serverAndBrowserForFile, type TestServer } from './harness.ts';

let server: TestServer;
let browser: Browser;

serverAndBrowserForFile((s, b) => {
  server = s;
  browser = b;
});

const row = (page: Page, title: string) => page.getByRole('main').getByRole('row').filter({ hasText: title });

/** 2026/04/28 + 7 days, as the page writes dates. */
function plusWeek(slashDate: string): string {
  const d = new Date(`${slashDate.replaceAll('/', '-')}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10).replaceAll('-', '/');
}

test('the seed walk: loans, renew, cancel, change, 予約取消, display options, log out', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await loginThroughPage(page, server.url, '2000000326', 'library1', '/login?return=%2Faccount');
    await page.waitForURL(/\/account$/);
    await page.getByRole('heading', { name: '利用状況一覧' }).waitFor();
    await row(page, '夢の守り人').waitFor();
    await row(page, '哲学のことば').waitFor();
    await page.getByRole('main').getByText(/利用券番号:\*{5}326/).waitFor();

    // 延長 → 【貸出延長確認】 → 更新する → 延長済 and the due date one week later.
    const dueBefore = (await row(page, '夢の守り人').innerText()).match(/\d{4}\/\d{2}\/\d{2}/g)!.pop()!;
    await row(page, '夢の守り人').getByRole('button', { name: '延長' }).click();
    const renewDialog = page.getByRole('dialog', { name: '【貸出延長確認】' });
    await renewDialog.waitFor();
    assert.match(await renewDialog.innerText(), new RegExp(plusWeek(dueBefore)));
    await renewDialog.getByRole('button', { name: '更新する', exact: true }).click();
    await row(page, '夢の守り人').getByText('延長済').waitFor();
    assert.match(await row(page, '夢の守り人').innerText(), new RegExp(plusWeek(dueBefore)));
    await page.locator('#shiori-live', { hasText: '延長しました' }).waitFor({ state: 'attached' });

    // 予約: cancel さいごの戦い.
    await page.getByRole('tab', { name: /^予約 \d+$/ }).click();
    await page.waitForURL(/\/account\/holds$/);
    await row(page, 'さいごの戦い').getByRole('button', { name: '予約取消可能' }).click();
    const cancelDialog = page.getByRole('dialog', { name: '【予約取消確認】' });
    await cancelDialog.waitFor();
    await cancelDialog.getByRole('button', { name: '取消する', exact: true }).click();
    await row(page, 'さいごの戦い').waitFor({ state: 'detached' });

    // 変更: Escape closes the dialog and gives the focus back to 変更; then 連絡方法 → 3:不要.
    const change = row(page, 'イソップ').getByRole('button', { name: '変更' });
    await change.click();
    const changeDialog = page.getByRole('dialog', { name: '【予約変更確認】' });
    await changeDialog.waitFor();
    await page.keyboard.press('Escape');
    await changeDialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.textContent?.trim() === '変更';
    });
    await page.keyboard.press('Enter');
    await changeDialog.waitFor();
    await changeDialog.getByLabel('連絡方法').selectOption({ label: '3:不要' });
    await changeDialog.getByRole('button', { name: '更新する', exact: true }).click();
    await row(page, 'イソップ').getByRole('cell', { name: '不要', exact: true }).waitFor();
    assert.match(await row(page, '地底旅行').innerText(), /準備できました/);
    assert.match(await row(page, 'お城へ行こう').innerText(), /予約回送中です/);

    // 予約取消 tab.
    await page.getByRole('tab', { name: /^予約取消 \d+$/ }).click();
    await row(page, 'さいごの戦い').waitFor();
    await row(page, '週刊ベースボール').waitFor();

    // Display options.
    const options = page.getByRole('banner');
    await options.getByRole('button', { name: 'CUD モード' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset['palette']), 'cud');
    await options.getByRole('button', { name: 'こども' }).click();
    await page.getByRole('tab', { name: /とりけした よやく/ }).waitFor();
    await options.getByRole('button', { name: /^✓?だい$|^✓?大$/ }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset['size']), 'l');
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '20px');
    await options.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My loans and holds' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

    // Log out.
    await options.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await options.getByRole('link', { name: 'Log in' }).waitFor();
  } finally {
    await context.close();
  }
});
