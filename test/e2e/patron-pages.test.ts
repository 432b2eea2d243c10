/**
 * The rest of the patron pages end to end (issue #6), on the built app and the real server with
 * its demo data: search → 予約カート → holds, password change, e-mail register and delete, and
 * first-password issuance. Labels are the seed's, as patrons see them.
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

async function withPage(fn: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await fn(page);
  } finally {
    await context.close();
  }
}

/** The page's own text (the live region repeats announcements outside <main>). */
const main = (page: Page) => page.getByRole('main');

/** Logs in through the login page (harness.ts). */
async function logIn(page: Page, cardNumber: string, password: string): Promise<void> {
  await loginThroughPage(page, server.url, cardNumber, password);
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.getByRole('link', { name: 'ログイン', exact: true }).waitFor();
}

test('search 守り人 → both volumes not on loan into the 予約カート → one 予約 for both → they are in 予約', async () => {
  await withPage(async (page) => {
    await logIn(page, '2000000326', 'library1');
    await page.getByRole('link', { name: '資料検索' }).click();
    await page.getByLabel('フリーワード').fill('守り人');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.waitForURL(/\/search\?q=/);
    const item = (title: string) =>
      page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
    await item('精霊の守り人').waitFor();
    assert.match(await item('精霊の守り人').innerText(), /在庫あり/);
    assert.match(await item('闇の守り人').innerText(), /在庫あり/);

    await item('精霊の守り人').getByRole('button', { name: 'カートに入れる' }).click();
    await item('闇の守り人').getByRole('button', { name: 'カートに入れる' }).click();
    await page.getByRole('link', { name: '予約カート(2件)' }).click();

    await page.getByRole('heading', { name: '予約カート(2件)' }).waitFor();
    await page.getByRole('heading', { name: '精霊の守り人' }).waitFor();
    await page.getByRole('heading', { name: '闇の守り人' }).waitFor();
    assert.equal(await page.getByLabel('受取館').inputValue(), 'central');
    await page.getByRole('button', { name: '2件をまとめて予約する' }).click();
    await main(page).getByText('2件を予約しました。0件は予約できませんでした。').waitFor();
    assert.equal(await page.locator('ul.outcomes li', { hasText: '予約しました' }).count(), 2);
    await page.getByRole('link', { name: '予約カート(0件)' }).waitFor();

    await page.getByRole('link', { name: '予約の一覧を見る' }).click();
    await page.waitForURL(/\/account\/holds/);
    const holdsTable = page.locator('table.holds');
    await holdsTable.getByText('精霊の守り人').waitFor();
    await holdsTable.getByText('闇の守り人').waitFor();

    // The server agrees: both are waiting holds of this patron.
    const api = await server.apiAs('2000000326', 'library1');
    const account = (await (await api('/api/account')).json()) as { holds: { title: string; status: string }[] };
    const titles = account.holds.map((h) => h.title);
    assert.ok(titles.includes('精霊の守り人') && titles.includes('闇の守り人'), titles.join(', '));
  });
});

test('register an e-mail address on メール登録・変更, then delete it by leaving both fields empty', async () => {
  await withPage(async (page) => {
    await logIn(page, '2000000276', 'library2');
    await page.getByRole('button', { name: '利用者のページ' }).click();
    await page.getByRole('link', { name: 'メール登録・変更' }).click();
    await main(page).getByText('* 登録内容を削除する場合は、欄を空にして下さい。').waitFor();
    await page.getByLabel('[E-mail1]').fill('fumi@example.jp');
    await page.getByLabel('(再入力)').fill('fumi@example.jp');
    await page.getByRole('button', { name: '登録・変更' }).click();
    await main(page).getByText('登録されました。').waitFor();
    assert.equal(await page.locator('#current-email').innerText(), 'fumi@example.jp');

    await page.getByRole('button', { name: '登録・変更' }).click(); // both fields are empty again
    await main(page).getByText('メールアドレスの登録を削除しました。').waitFor();
    assert.equal(await page.locator('#current-email').innerText(), '登録されていません');
    const api = await server.apiAs('2000000276', 'library2');
    const account = (await (await api('/api/account')).json()) as { patron: { email: string | null } };
    assert.equal(account.patron.email, null);
  });
});

test('change the password on パスワード変更, then log in with the new one (and not the old)', async () => {
  await withPage(async (page) => {
    await logIn(page, '2000000276', 'library2');
    await page.getByRole('button', { name: '利用者のページ' }).click();
    await page.getByRole('link', { name: 'パスワード変更' }).click();
    await main(page).getByText('新しく変更したいパスワードを入力してください。(6文字以上)', { exact: false }).waitFor();
    await page.getByLabel('古いパスワード').fill('library2');
    await page.getByLabel('新しいパスワード', { exact: true }).fill('Fumi2026');
    await page.getByLabel('新しいパスワード(再)').fill('Fumi2026');
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await main(page).getByText('新しいパスワードに変更しました。').waitFor();
    await logOut(page);

    await page.goto(`${server.url}/login`);
    await page.getByLabel('利用券番号').fill('2000000276');
    await page.getByLabel('パスワード', { exact: true }).fill('library2');
    await page.getByRole('button', { name: '送信' }).click();
    await main(page).getByText('利用券番号またはパスワードが正しくありません', { exact: false }).waitFor();

    await logIn(page, '2000000276', 'Fumi2026');
  });
});

test('issue a first password for 2000000418 (card number + birth date), then log in with it', async () => {
  await withPage(async (page) => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: '新規パスワード発行の方はこちら' }).click();
    await page.waitForURL(/\/password-issuance$/);
    await page.getByLabel('利用券番号').fill('2000000418');
    await page.getByLabel('生年月日').fill('2012-05-05');
    await page.getByLabel('新しいパスワード', { exact: true }).fill('Sora2012');
    await page.getByLabel('新しいパスワード(再)').fill('Sora2012');
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await main(page).getByText('パスワードを発行しました。ログインしてください。').waitFor();
    await page.getByRole('link', { name: 'ログイン', exact: true }).first().waitFor();

    // A second issuance for the same card is refused and explained.
    await page.goto(`${server.url}/password-issuance`);
    await page.getByLabel('利用券番号').fill('2000000418');
    await page.getByLabel('生年月日').fill('2012-05-05');
    await page.getByLabel('新しいパスワード', { exact: true }).fill('Other2012');
    await page.getByLabel('新しいパスワード(再)').fill('Other2012');
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await main(page).getByText('この利用券のパスワードは発行済みです。', { exact: false }).waitFor();

    await logIn(page, '2000000418', 'Sora2012');
  });
});

test('各館案内 shows today\'s 開館 / 休館 for every branch in words', async () => {
  await withPage(async (page) => {
    await page.goto(`${server.url}/library`);
    await main(page).getByText('〇は開館、休は休館です').waitFor();
    const lines = await page.locator('shiori-library-today li').allInnerTexts();
    assert.equal(lines.length, 5);
    for (const line of lines) assert.match(line, /開館|休館/);
    assert.ok(lines.some((l) => l.includes('本館')));
  });
});

test('at 360 px wide with 文字の大きさ 大 (and kids wording) no page scrolls sideways', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const page = await context.newPage();
    await logIn(page, '2000000326', 'library1');
    const api = await server.apiAs('2000000326', 'library1');
    const found = (await (await api(`/api/catalog/search?q=${encodeURIComponent('守り人')}`)).json()) as { results: { bibId: string }[] };
    const bibId = found.results[0]!.bibId;
    const paths = [`/search?q=${encodeURIComponent('守り人')}`, `/titles/${bibId}`, '/cart', '/password', '/email', '/preferences', '/password-issuance', '/library'];
    for (const audience of ['adult', 'kids']) {
      await page.evaluate(([a, id]) => {
        localStorage.setItem('shiori.display', JSON.stringify({ palette: 'cud', audience: a, size: 'l', lang: 'ja' }));
        localStorage.setItem('shiori.cart', JSON.stringify([id]));
      }, [audience, bibId]);
      for (const path of paths) {
        await page.goto(`${server.url}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForTimeout(300); // let the page's data arrive
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `${path} (${audience}) is ${width} px wide`);
      }
    }
  } finally {
    await context.close();
  }
});

test('going back from a title page returns to the same results at the same place', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/search`);
    await page.getByLabel('フリーワード').fill('守り人');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    const link = page.getByRole('link', { name: '闇の守り人', exact: true });
    await link.waitFor();
    await link.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 40));
    await page.waitForTimeout(200);
    const before = await page.evaluate(() => window.scrollY);
    assert.ok(before > 100, `the results should be scrolled (scrollY ${before})`);
    await link.click();
    await page.getByRole('heading', { level: 1, name: '闇の守り人' }).waitFor();
    await page.getByRole('cell', { name: '本館' }).first().waitFor();

    await page.goBack();
    await page.getByRole('link', { name: '闇の守り人', exact: true }).waitFor();
    assert.equal(await page.getByLabel('フリーワード').inputValue(), '守り人');
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, before, { timeout: 3000 });
  } finally {
    await context.close();
  }
});

test('on a title page: 予約する is refused for a title on loan (explained), 今度読みたい資料に追加 files it', async () => {
  await withPage(async (page) => {
    await logIn(page, '2000000326', 'library1');
    await page.goto(`${server.url}/search?q=${encodeURIComponent('夢の守り人')}`);
    await page.getByRole('link', { name: '夢の守り人', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '夢の守り人' }).waitFor();
    await page.getByRole('columnheader', { name: '所蔵館' }).waitFor();

    await page.getByRole('button', { name: '予約する' }).click();
    const dialog = page.getByRole('dialog', { name: '【予約確認】' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '予約する' }).click();
    await dialog.getByText('この資料はいま借りているため、予約できません。').waitFor();
    await dialog.getByRole('button', { name: '予約しない' }).click();

    await page.getByRole('button', { name: '今度読みたい資料に追加' }).click();
    const wish = page.getByRole('dialog', { name: '【今度読みたい資料に追加】' });
    await wish.getByLabel('カテゴリ').selectOption({ label: 'こんど読む' });
    await wish.getByRole('button', { name: '追加する' }).click();
    await main(page).getByText('「夢の守り人」を今度読みたい資料（こんど読む）に追加しました。').waitFor();

    const api = await server.apiAs('2000000326', 'library1');
    const wishlist = (await (await api('/api/wishlist')).json()) as {
      categories: { id: string; name: string }[];
      entries: { title: string; categoryId: string | null }[];
    };
    const category = wishlist.categories.find((c) => c.name === 'こんど読む')!;
    assert.equal(wishlist.entries.find((e) => e.title === '夢の守り人')?.categoryId, category.id);
  });
});
