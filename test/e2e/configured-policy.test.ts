/**
 * A library's own LIBRARY_CONFIG, followed by the pages and the SW as by the server (issue 12): a
 * renewal window of 3 days before to 2 after, 2 renewals of 10 days, and a sixth branch テスト分館
 * (`testbr`). Nothing on the pages may come from a copy of the Koganei defaults: 延長 is offered by
 * the configured window, 【貸出延長確認】 announces due + 10, 延長済 comes only after the second
 * renewal, テスト分館 is offered wherever a pickup branch is chosen and named in the tables, and
 * offline the prediction follows the same window. The harness's library day is 2026-04-27.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { KOGANEI_POLICY } from '../../server/policy/defaults.ts';
import { DEFAULT_NOW, type TestServer } from './harness.ts';
import { logInOnPage, serverForFile, waitForController, withDevice } from './offline-support.ts';

const configDir = mkdtempSync(join(tmpdir(), 'shiori-config-'));
const configPath = join(configDir, 'library.json');
writeFileSync(
  configPath,
  JSON.stringify({
    renewal: { daysBeforeDue: 3, daysAfterDue: 2, maxRenewals: 2, extensionDays: 10 },
    branches: [
      ...KOGANEI_POLICY.branches,
      {
        code: 'testbr',
        name: 'テスト分館',
        shortName: 'テスト分館',
        weeklyHours: ['10:00~17:00', null, '10:00~17:00', '10:00~17:00', '10:00~17:00', '10:00~17:00', '10:00~17:00'],
        hours: [{ days: '火〜日', hours: '10:00~17:00' }],
        closedDates: [],
      },
    ],
  }),
);

let server: TestServer;
serverForFile((s) => (server = s), { env: { LIBRARY_CONFIG: configPath } });
test.after(() => rmSync(configDir, { recursive: true, force: true }));

let seq = 0;
const unique = () => `${Date.now() % 1e6}${++seq}`.padStart(8, '0');

/** A patron with a loan due in 2 days (inside 3-before), one due in 4 days (outside it; ±7 would offer it), the first from テスト分館. */
async function seed(): Promise<{ cardNumber: string; password: string; soon: string; later: string }> {
  const n = unique();
  const cardNumber = `41${n}`;
  const password = `config${seq}a`;
  await server.staff('patrons', { cardNumber, birthDate: '1980-01-02', cardExpiresOn: '2028-03-31', password });
  const soon = `近い本${n}`;
  const later = `遠い本${n}`;
  await server.staff('titles', { title: soon, materialType: 'book', category: 'general', copies: [{ barcode: `51${n}`, branch: 'testbr' }] });
  await server.staff('titles', { title: later, materialType: 'book', category: 'general', copies: [{ barcode: `52${n}`, branch: 'central' }] });
  await server.staff('checkouts', { cardNumber, barcode: `51${n}`, loanedOn: '2026-04-08', dueOn: '2026-04-29' });
  await server.staff('checkouts', { cardNumber, barcode: `52${n}`, loanedOn: '2026-04-10', dueOn: '2026-05-01' });
  return { cardNumber, password, soon, later };
}

const loanRow = (page: Page, title: string) => page.locator('table.loans tbody tr', { hasText: title });

test('延長 by the configured window, 【貸出延長確認】 with due + 10, 延長済 only after the second renewal, テスト分館 in the loans table', async () => {
  const p = await seed();
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await logInOnPage(page, server.url, p);
    await page.goto(`${server.url}/account`);
    await loanRow(page, p.soon).waitFor();

    // 2 days before its due date: inside "3 before"; the other (4 days before) is not, and says from when.
    assert.equal(await loanRow(page, p.later).getByRole('button', { name: '延長', exact: true }).count(), 0);
    assert.match(await loanRow(page, p.later).innerText(), /延長は 4\/28 から/);
    assert.match(await loanRow(page, p.soon).innerText(), /テスト分館/, 'the loan table names the branch, not its code');
    assert.doesNotMatch(await loanRow(page, p.soon).innerText(), /testbr/);

    await loanRow(page, p.soon).getByRole('button', { name: '延長', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('【貸出延長確認】').waitFor();
    assert.match(await dialog.innerText(), /2026\/05\/09/, 'due 4/29 + the configured 10 days');
    await dialog.getByRole('button', { name: '更新する' }).click();
    await loanRow(page, p.soon).getByText('2026/05/09').waitFor();
    // One renewal of two: not 延長済 — just not yet renewable again (its new window opens 3 days before 5/9).
    assert.doesNotMatch(await loanRow(page, p.soon).innerText(), /延長済/);
    assert.match(await loanRow(page, p.soon).innerText(), /延長は 5\/6 から/);

    // Ten days later, inside the new window: the second renewal, then 延長済.
    await server.staff('clock', { now: new Date(Date.parse(DEFAULT_NOW) + 10 * 24 * 3600 * 1000).toISOString() });
    try {
      // Ten days idle ended the session: log in again.
      await page.goto(`${server.url}/login`);
      await logInOnPage(page, server.url, p);
      await page.goto(`${server.url}/account`);
      await loanRow(page, p.soon).getByRole('button', { name: '延長', exact: true }).click();
      await page.getByRole('dialog').getByText('2026/05/19').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: '更新する' }).click();
      await loanRow(page, p.soon).getByText('延長済').waitFor();
    } finally {
      await server.staff('clock', { now: DEFAULT_NOW });
    }
  });
});

test('テスト分館 is offered wherever a pickup branch is chosen (予約する, 予約カート, 予約変更, 初期設定) and named in the holds table', async () => {
  const p = await seed();
  const n = unique();
  const wanted = `欲しい本${n}`;
  await server.staff('titles', { title: wanted, materialType: 'book', category: 'general', copies: [{ barcode: `53${n}`, branch: 'higashi' }] });
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await logInOnPage(page, server.url, p);

    const optionsOf = async (label: string, scope = page.locator('body')) =>
      scope.getByLabel(label, { exact: true }).locator('option').allInnerTexts();
    const sixBranches = ['1:本館', '2:東分館', '3:貫井北分館', '4:緑分室', '5:西之台', '6:テスト分館'];

    // 初期設定
    await page.goto(`${server.url}/preferences`);
    await page.getByLabel('受取館', { exact: true }).waitFor();
    assert.deepEqual(await optionsOf('受取館'), sixBranches);

    // 予約する (from the search results)
    await page.goto(`${server.url}/search?q=${encodeURIComponent(wanted)}`);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: wanted, exact: true }) });
    await item.getByRole('button', { name: '予約する' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('受取館', { exact: true }).waitFor();
    assert.deepEqual(await optionsOf('受取館', dialog), sixBranches);
    await dialog.getByLabel('受取館', { exact: true }).selectOption('testbr');
    await dialog.getByRole('button', { name: /予約する/ }).last().click();
    await page.getByText(/予約しました/).first().waitFor();

    // 予約カート
    await page.goto(`${server.url}/search?q=${encodeURIComponent(p.later)}`);
    await page.getByRole('button', { name: 'カートに入れる' }).first().click();
    await page.goto(`${server.url}/cart`);
    await page.getByLabel('受取館', { exact: true }).waitFor();
    assert.deepEqual(await optionsOf('受取館'), sixBranches);

    // The holds table names the pickup branch; 予約変更 offers the six.
    await page.goto(`${server.url}/account/holds`);
    const row = page.locator('table.holds tbody tr', { hasText: wanted });
    await row.waitFor();
    assert.match(await row.innerText(), /テスト分館/);
    assert.doesNotMatch(await row.innerText(), /testbr/);
    await row.getByRole('button', { name: '変更' }).click();
    const change = page.getByRole('dialog');
    await change.getByLabel('受取館', { exact: true }).waitFor();
    assert.deepEqual(await optionsOf('受取館', change), sixBranches);
  });
});

test('offline, the renewal prediction follows the configured window (3 days before), not ±7', async () => {
  const p = await seed();
  await withDevice(server, async ({ context }) => {
    await context.clock.setFixedTime(new Date(Date.parse(DEFAULT_NOW) + 60_000));
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await waitForController(page);
    await logInOnPage(page, server.url, p);
    await page.goto(`${server.url}/account`);
    await loanRow(page, p.later).waitFor();

    await server.stop();
    await page.reload();
    await page.getByText(/オフライン表示中/).waitFor();
    // 4/27 on the device: the loan due 5/1 is 4 days away, outside "3 before": no 延長 offline either.
    assert.equal(await loanRow(page, p.later).getByRole('button', { name: '延長', exact: true }).count(), 0);
    assert.equal(await loanRow(page, p.soon).getByRole('button', { name: '延長', exact: true }).count(), 1);

    // A day later on the device: inside the window, offered (and queued when chosen).
    await context.clock.setFixedTime(new Date(Date.parse(DEFAULT_NOW) + 24 * 3600 * 1000));
    await page.reload();
    await page.getByText(/オフライン表示中/).waitFor();
    await loanRow(page, p.later).getByRole('button', { name: '延長', exact: true }).click();
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /2026\/05\/11/, 'due 5/1 + 10 days, offline too');
    await dialog.getByRole('button', { name: '更新する' }).click();
    await loanRow(page, p.later).getByText('送信待ち').waitFor();
  });
});
