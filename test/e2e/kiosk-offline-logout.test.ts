/**
 * A kiosk logout while the library's server cannot be reached ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode)): the device is wiped at once,
 * but the HttpOnly session cookie and the server's session are still there. The next kiosk start
 * must end that session before it shows the login form — while the server is still down it says
 * 前の利用者のログアウト処理中… instead — so the next person never sees the previous patron.
 * "Unreachable" is the real server process stopped, then started again on the same port.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchPersistent, type TestServer } from './harness.ts';
import { seedPatron, serverForFile, waitForController } from './offline-support.ts';
import { assertNothingOf, sessionCookie, sessionStatus } from './kiosk-support.ts';

let plainServer: TestServer;
let kioskServer: TestServer;
serverForFile((s) => (plainServer = s));
serverForFile((s) => (kioskServer = s), { env: { KIOSK: '1' } });

const MODES = [
  { name: 'a /kiosk/ URL', server: () => plainServer, login: '/kiosk/login', account: '/kiosk/account', nextStart: '/kiosk/account' },
  { name: 'the plain URL on a KIOSK=1 server', server: () => kioskServer, login: '/login', account: '/account', nextStart: '/' },
];

for (const mode of MODES) {
  test(`offline kiosk logout (${mode.name}): the next start ends the old session before it shows the login form`, async () => {
    const server = mode.server();
    const p = await seedPatron(server, `前の人の本（${mode.login}）`);
    const device = await launchPersistent();
    try {
      const page = await device.context.newPage();
      await page.goto(`${server.url}${mode.login}`);
      await waitForController(page);
      await page.getByLabel('利用券番号').fill(p.cardNumber);
      await page.getByLabel('パスワード', { exact: true }).fill(p.password);
      await page.getByRole('button', { name: '送信' }).click();
      await page.waitForURL((url) => url.pathname === mode.account);
      await page.getByText(p.title).first().waitFor();
      const oldSession = await sessionCookie(device.context);
      assert.ok(oldSession);

      await server.stop();
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.waitForURL((url) => url.pathname === mode.login);
      await page.getByRole('main').getByText('前の利用者のログアウト処理中…').waitFor();
      assert.equal(await page.getByLabel('利用券番号').count(), 0, 'no login form while the old session may be live');
      assert.equal(await page.getByText(p.title).count(), 0);
      await assertNothingOf(page, p);
      assert.equal(await sessionCookie(device.context), oldSession, 'the HttpOnly cookie is still there: only the server can end it');
      // The page that pressed ログアウト goes away: only the next start can end the session now.
      await page.close();

      await server.start();
      assert.equal(await sessionStatus(server.url, oldSession), 200, 'the session survived on the server so far');
      const next = await device.context.newPage();
      await next.goto(`${server.url}${mode.nextStart}`);
      await next.getByLabel('利用券番号').waitFor();
      assert.equal(await next.getByText(p.title).count(), 0, 'the next person does not see the previous patron');
      assert.equal(await next.getByRole('banner').getByText('ログインしています').count(), 0);
      assert.equal(await sessionStatus(server.url, oldSession), 401, 'the previous session is dead on the server');
      assert.equal(await sessionCookie(device.context), undefined, 'and gone from the browser');
    } finally {
      await device.close();
      await server.start().catch(() => undefined);
    }
  });
}
