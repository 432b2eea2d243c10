/**
 * 利用者カード (/card) in the built app with the real server: on a 360 px phone at 文字の大きさ 大
 * the barcode and the whole number are on the screen with no sideways scroll, the barcode module
 * loads on that page only, and it still shows with the server stopped (the snapshot on the
 * device). On a kiosk there is no menu entry, no page and no card number anywhere. And pausing a
 * hold through the page: 【一時停止】, a day, 一時停止中（…まで）, then 再開.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AccountSnapshot } from '../../common/api.ts';
import { assertNothingOf } from './kiosk-support.ts';
import { logInOnPage, pageFetch, placeHold, seedPatron, serverForFile, waitForController, withDevice } from './offline-support.ts';
import type { TestServer } from './harness.ts';

let server: TestServer;
serverForFile((s) => (server = s));

const PHONE = { width: 360, height: 740 };
const LARGE_TEXT = { palette: 'standard', audience: 'adult', size: 'l', lang: 'ja' };

/** What the card page shows, measured in the page (no named functions inside: tsx would name them with a helper the page lacks). */
async function cardLayout(page: Page) {
  return page.evaluate(() => {
    const card = document.querySelector('shiori-app')!.shadowRoot!.querySelector('shiori-card-page')!.shadowRoot!;
    const digits = card.querySelector('.digits')!;
    const [svg, digitsBox] = [card.querySelector('.symbol svg')!, digits].map((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, width: r.width, height: r.height };
    });
    return {
      svg: svg!,
      digits: digitsBox!,
      digitsText: digits.textContent!.replace(/\s+/g, ''),
      digitsOverflow: digits.scrollWidth > digits.clientWidth,
      digitsFontPx: parseFloat(getComputedStyle(digits).fontSize),
      pageScrollWidth: document.documentElement.scrollWidth,
      viewportWidth: document.documentElement.clientWidth,
    };
  });
}

test('on a 360 px phone at 文字の大きさ 大: the barcode and the whole number fit, the barcode loads on that page only, and it works with the server stopped', async () => {
  const p = await seedPatron(server, '星の地図');
  await withDevice(server, async ({ context }) => {
    await context.addInitScript((d) => localStorage.setItem('shiori.display', JSON.stringify(d)), LARGE_TEXT);
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });

    await page.goto(`${server.url}/login`);
    await waitForController(page);
    await logInOnPage(page, server.url, p);
    await page.goto(`${server.url}/account`);
    await page.getByText(p.title).first().waitFor();
    assert.ok(!scripts.some((s) => /card-(barcode|page)/.test(s)), `the loans page loaded the card's code: ${scripts.join(' ')}`);

    // From the 利用者のページ menu.
    const link = page.getByRole('link', { name: '利用者カード', includeHidden: true });
    assert.equal(await link.count(), 1, 'one 利用者カード entry in the menu');
    assert.equal(await link.getAttribute('href'), '/card');
    await page.goto(`${server.url}/card`);
    await page.getByRole('img', { name: '利用券番号のバーコード（NW-7）' }).waitFor();
    await page.getByText('画面を明るくしてください。').waitFor();
    await page.getByText('有効期限日:2028/03/31').waitFor();
    assert.ok(scripts.some((s) => /card-barcode/.test(s)), 'the barcode module loads on /card');

    const online = await cardLayout(page);
    assert.equal(online.digitsText, `利用券番号:${p.cardNumber}`);
    assert.ok(online.svg.width >= 250 && online.svg.height > 40, `barcode drawn large enough to scan: ${JSON.stringify(online.svg)}`);
    assert.ok(online.svg.right <= online.viewportWidth && online.svg.left >= 0, 'the barcode is whole on the screen');
    assert.ok(online.digits.left >= 0 && online.digits.right <= online.viewportWidth, `the digits are whole on the screen: ${JSON.stringify(online.digits)}`);
    assert.equal(online.digitsOverflow, false, 'no digit is cut off');
    assert.ok(online.digits.height < online.digitsFontPx * 1.6, 'the number stays on one line');
    assert.ok(online.digitsFontPx >= 28, `the digits are large: ${online.digitsFontPx}px`);
    assert.ok(online.pageScrollWidth <= online.viewportWidth, `no sideways scroll: ${online.pageScrollWidth} > ${online.viewportWidth}`);
    const own = await pageFetch(page, '/api/account');
    assert.equal((own.body as AccountSnapshot).patron.cardNumber, p.cardNumber);

    // The server gone: the page and its barcode come from the device.
    await server.stop();
    await page.reload();
    await page.getByText(/オフライン表示中/).waitFor();
    await page.getByRole('img', { name: '利用券番号のバーコード（NW-7）' }).waitFor();
    const offline = await cardLayout(page);
    assert.equal(offline.digitsText, `利用券番号:${p.cardNumber}`);
    assert.deepEqual(offline.svg, online.svg, 'the same barcode offline');
    assert.deepEqual(errors, []);
  });
});

test('on a kiosk: no 利用者カード in the menu, no page at /kiosk/card, and the card number nowhere', async () => {
  const p = await seedPatron(server, '港の灯');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await page.goto(`${server.url}/kiosk/login`);
    await waitForController(page);
    await logInOnPage(page, server.url, p, '/kiosk/login');
    await page.waitForURL(/\/kiosk\/account/);
    await page.getByText(p.title).first().waitFor();
    assert.equal(await page.getByRole('link', { name: '利用者カード', includeHidden: true }).count(), 0, 'no menu entry on a kiosk');

    // Within the app (reloading a kiosk page ends its session): the router has no such page.
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('vaadin-router-go', { detail: { pathname: '/kiosk/card', search: '', hash: '' } })));
    await page.waitForURL(/\/kiosk\/card$/);
    await page.getByRole('heading', { name: 'ページが見つかりません' }).waitFor();
    await page.getByRole('banner').getByText('ログインしています').waitFor();
    // Every text of the page, shadow roots included.
    const shown = await page.evaluate(() => {
      const roots: Array<Document | ShadowRoot> = [document];
      let text = document.body.innerText;
      while (roots.length > 0) {
        for (const el of roots.pop()!.querySelectorAll('*')) {
          if (el.shadowRoot) {
            roots.push(el.shadowRoot);
            text += ' ' + el.shadowRoot.textContent;
          }
        }
      }
      return text;
    });
    assert.ok(!shown.includes(p.cardNumber), 'the card number is not on the page');
    // The kiosk page's own API call (it says it is a kiosk) gets the masked number only.
    const answer = await pageFetch(page, '/api/account', { headers: { 'X-Shiori-Kiosk': '1' } });
    assert.equal(answer.status, 200);
    assert.equal((answer.body as AccountSnapshot).patron.cardNumber, null);
    assert.ok(!JSON.stringify(answer.body).includes(p.cardNumber));
    await assertNothingOf(page, p);
  });
});

test('pausing a hold through the page: 【一時停止】, a day, 一時停止中（5/10まで）, then 再開', async () => {
  const p = await seedPatron(server, '夏の庭');
  await placeHold(server, p, '風の丘');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await logInOnPage(page, server.url, p);
    await page.goto(`${server.url}/account/holds`);
    const row = page.getByRole('row').filter({ hasText: '風の丘' });
    await row.waitFor();
    await row.getByRole('button', { name: '一時停止' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: '【一時停止】' }).waitFor();
    const day = dialog.getByLabel('再開する日');
    assert.equal(await day.getAttribute('min'), '2026-04-28');
    assert.equal(await day.getAttribute('max'), '2027-04-27', 'at most holds.maxPauseDays (365) ahead');
    await day.fill('2026-05-10');
    await dialog.getByRole('button', { name: '一時停止する' }).click();
    await row.getByText('一時停止中（5/10まで）').waitFor();
    const held = await pageFetch(page, '/api/account');
    assert.equal((held.body as AccountSnapshot).holds.find((h) => h.title === '風の丘')!.pausedUntil, '2026-05-10');

    await row.getByRole('button', { name: '再開' }).click();
    await page.getByText('予約を再開しました').first().waitFor();
    await row.getByRole('button', { name: '一時停止' }).waitFor();
    assert.equal(await row.getByText(/一時停止中/).count(), 0);
    const resumed = await pageFetch(page, '/api/account');
    assert.equal((resumed.body as AccountSnapshot).holds.find((h) => h.title === '風の丘')!.pausedUntil, null);
  });
});
