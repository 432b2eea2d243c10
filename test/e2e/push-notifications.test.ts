/**
 * The service worker's `push` and `notificationclick` handlers in Chromium ([docs/rules.md#reminders](../../docs/rules.md#reminders)), with
 * payloads the real server made: the server pushes to a push service run by this test (loopback,
 * PUSH_ALLOW_HTTP_LOOPBACK=1), the test decrypts it with the subscription's own key, and delivers
 * it to the SW through CDP `ServiceWorker.deliverPushMessage`. Then: the notification is there
 * (`registration.getNotifications()`) in the device's language; a tap opens its page; 延長する renews
 * once on the server, or is queued while the server is down and sent when it is back; the offline
 * snapshot shows what the payload brought. On a kiosk: no menu entry, no page, no notification.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchPersistent, loginThroughPage, startServer, type TestServer } from './harness.ts';
import { pendingCount, serverLoan, waitForController } from './offline-support.ts';
import { browserKeys, decryptPayload, startPushService, type BrowserKeys, type PushService } from '../server/push-service.ts';

declare const self: any;
declare const navigator: any;

let server: TestServer;
let push: PushService;

before(async () => {
  push = await startPushService();
  // 2026-04-27 10:00 in Tokyo.
  // Every branch open every day: the renewals' new due dates are exactly 7 days on.
  server = await startServer({ env: { PUSH_ALLOW_HTTP_LOOPBACK: '1' }, openEveryDay: true });
});
after(async () => {
  await server?.dispose();
  await push?.close();
});

let seq = 0;
let copySeq = 0;
interface Patron {
  cardNumber: string;
  password: string;
  patronId: string;
  loans: Record<string, string>;
}

/** A patron with loans due on the given days (titles → due dates; a title starting "CD" is a CD), made through the staff API. */
async function patronWith(loans: Record<string, string>): Promise<Patron> {
  seq++;
  const cardNumber = `46${String(seq).padStart(8, '0')}`; // fixed data: one number per patron of this file
  const password = `push${seq}abc`;
  const { patronId } = await server.staff<{ patronId: string }>('patrons', { cardNumber, birthDate: '1985-06-15', cardExpiresOn: '2028-03-31', password });
  const ids: Record<string, string> = {};
  for (const [title, dueOn] of Object.entries(loans)) {
    const barcode = `88${String(++copySeq).padStart(8, '0')}`;
    const cd = title.startsWith('CD');
    await server.staff('titles', { title, materialType: cd ? 'cd' : 'book', category: cd ? 'cd' : 'general', copies: [{ barcode, branch: 'central' }] });
    ids[title] = (await server.staff<{ loanId: string }>('checkouts', { cardNumber, barcode, loanedOn: '2026-04-09', dueOn })).loanId;
  }
  return { cardNumber, password, patronId, loans: ids };
}

/** The day's pass pushes to `keys`' endpoint; resolves to the decrypted payload text. */
async function serverPush(p: Patron, keys: BrowserKeys, lang: string, settings: unknown = null): Promise<string> {
  const api = await server.apiAs(p.cardNumber, p.password);
  assert.equal((await api('/api/push/subscriptions', { method: 'POST', body: JSON.stringify({ ...keys.subscription, lang }) })).status, 201);
  if (settings) assert.equal((await api('/api/notifications/settings', { method: 'PUT', body: JSON.stringify(settings) })).status, 200);
  const path = new URL(keys.subscription.endpoint).pathname;
  const before = push.requests.filter((r) => r.path === path).length;
  await server.staff('notifications/run');
  const mine = push.requests.filter((r) => r.path === path);
  assert.equal(mine.length, before + 1, 'one push to the device');
  return decryptPayload(mine[mine.length - 1]!, keys);
}

/** Delivers a push to the page's SW registration, as a push service would (CDP, one session: the domain stays enabled). */
async function deliver(page: Page, data: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const registrationId = await new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> }) => {
      const r = e.registrations.find((x) => x.scopeURL.startsWith(server.url) && !x.isDeleted);
      if (r) resolve(r.registrationId);
    });
    void cdp.send('ServiceWorker.enable');
  });
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId, data });
  await cdp.detach();
}

interface Shown {
  title: string;
  body: string;
  actions: { action: string; title: string }[];
  tag: string;
}

async function notifications(page: Page, count = 1): Promise<Shown[]> {
  return page.evaluate(async (n) => {
    const reg = await navigator.serviceWorker.ready;
    for (let i = 0; i < 100; i++) {
      const list = await reg.getNotifications();
      if (list.length >= n) return list.map((x: any) => ({ title: x.title, body: x.body, actions: x.actions.map((a: any) => ({ action: a.action, title: a.title })), tag: x.tag }));
      await new Promise((r) => setTimeout(r, 50));
    }
    return (await reg.getNotifications()).map((x: any) => ({ title: x.title, body: x.body, actions: [], tag: x.tag }));
  }, count);
}

/**
 * The first push of a test onto a device with no notification shown yet: delivered once, and its
 * notification must be there. (Chromium here now and then accepts a first notification without
 * listing it; the SW shows it once more when it is not listed, sw/notifications.ts showListed.)
 */
async function firstNotification(page: Page, payload: string): Promise<Shown[]> {
  await deliver(page, payload);
  const shown = await notifications(page);
  assert.ok(shown.length > 0, 'the push ends in a notification');
  return shown;
}

function worker(context: BrowserContext): Worker {
  const sw = context.serviceWorkers().find((w) => w.url().startsWith(server.url));
  assert.ok(sw, 'the service worker runs');
  return sw;
}

/** A tap on the notification shown with `tag` (with an action, or on its body), as the browser dispatches it. */
async function click(context: BrowserContext, tag: string, action = ''): Promise<void> {
  await worker(context).evaluate(
    async ({ tag, action }) => {
      const [n] = await self.registration.getNotifications({ tag });
      if (!n) throw new Error(`no notification ${tag}`);
      self.dispatchEvent(new self.NotificationEvent('notificationclick', { notification: n, action }));
    },
    { tag, action },
  );
}

async function clearNotifications(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    for (const n of await reg.getNotifications()) n.close();
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openDevice(p: Patron) {
  const device = await launchPersistent();
  await device.context.grantPermissions(['notifications'], { origin: server.url });
  const page = await device.context.newPage();
  await loginThroughPage(page, server.url, p.cardNumber, p.password);
  await page.waitForURL(/\/account/);
  await waitForController(page);
  // Once more through the SW (the first load can come before it controls the page): the device
  // now knows who is logged in and keeps the snapshot.
  await page.reload();
  await page.getByText(Object.keys(p.loans)[0]!).first().waitFor();
  return { device, page };
}

test('a digest: shown in English, tapping opens お知らせ, and the offline snapshot shows the automatic renewal', async () => {
  // A CD due in 3 days (due soon; 自動延長 refused: CDs are not renewed) and a book whose window opens today (renewed).
  const p = await patronWith({ 'CD Songs of the Forest': '2026-04-30', 'The Words of Philosophy': '2026-05-04' });
  const { device, page } = await openDevice(p);
  try {
    const keys = browserKeys(push.endpoint(`/e2e/${p.patronId}`));
    const payload = await serverPush(p, keys, 'en', { autoRenew: true });
    const [shown] = await firstNotification(page, payload);
    assert.equal(shown!.title, 'News from the library (3)');
    assert.match(shown!.body, /Due soon \(30 April 2026\)/);
    assert.match(shown!.body, /Renewed automatically/);
    assert.match(shown!.body, /Automatic renewal not possible/);
    assert.deepEqual(shown!.actions, [], 'no 延長する on a digest of several');

    await click(device.context, shown!.tag);
    await page.waitForURL(/\/notices$/);
    await page.getByRole('heading', { name: 'お知らせ' }).waitFor();

    // Offline (the server stopped), the account shows the new due date the payload brought.
    await server.stop();
    try {
      await page.goto(`${server.url}/account/loans`);
      await page.getByText('オフライン表示中').first().waitFor();
      await page.getByRole('row', { name: /The Words of Philosophy/ }).getByText('2026/05/11').waitFor();
      // お知らせ offline: the notices the push brought.
      await page.goto(`${server.url}/notices`);
      await page.getByText('オフライン表示中').first().waitFor();
      await page.getByText('自動延長しました').first().waitFor();
    } finally {
      await server.start();
    }
  } finally {
    await device.close();
  }
});

test('延長する: queued while the server is down, sent once when it is back; a second tap renews nothing more', async () => {
  const p = await patronWith({ 夢の守り人: '2026-04-30' });
  const loanId = p.loans['夢の守り人']!;
  const { device, page } = await openDevice(p);
  try {
    const keys = browserKeys(push.endpoint(`/e2e/${p.patronId}`));
    const payload = await serverPush(p, keys, 'ja');
    const [shown] = await firstNotification(page, payload);
    assert.equal(shown!.title, '返却期限日が近づいています（2026/04/30）');
    assert.equal(shown!.body, '「夢の守り人」の返却期限日は2026/04/30です（あと3日）。');
    assert.deepEqual(shown!.actions, [{ action: 'renew', title: '延長する' }]);

    // A tap on the body opens the loan's row.
    await click(device.context, shown!.tag);
    await page.waitForURL(new RegExp(`/account/loans#${loanId}$`));

    // 延長する with the server down: queued, and said so.
    await deliver(page, payload);
    await notifications(page);
    await server.stop();
    try {
      await click(device.context, shown!.tag, 'renew');
      await waitFor(async () => (await pendingCount(page, p.patronId)) === 1, 'the renewal is queued');
      const [queued] = await notifications(page);
      assert.equal(queued!.title, '延長は送信待ちです');
    } finally {
      await server.start();
    }
    // Back: the app's start sends the queue; renewed once.
    await clearNotifications(page);
    await page.goto(`${server.url}/account/loans`);
    // The page asks for the queue to be sent when the connection may be back (as on focus or online).
    await page.evaluate(() => navigator.serviceWorker.controller.postMessage({ type: 'replay-renewals' }));
    await waitFor(async () => (await serverLoan(server, { ...p, loanId, title: '' })).renewals === 1, 'renewed on the server');
    assert.equal((await serverLoan(server, { ...p, loanId, title: '' })).dueOn, '2026-05-07');
    await waitFor(async () => (await pendingCount(page, p.patronId)) === 0, 'the queue is empty');

    // The same notification's 延長する again (online): the same key, the first answer — no second renewal.
    await deliver(page, payload);
    await notifications(page);
    await click(device.context, shown!.tag, 'renew');
    await waitFor(async () => (await notifications(page)).some((n) => n.title === '延長しました'), 'says it renewed');
    const loan = await serverLoan(server, { ...p, loanId, title: '' });
    assert.deepEqual([loan.renewals, loan.dueOn], [1, '2026-05-07']);
  } finally {
    await device.close();
  }
});

test('on a kiosk: no 通知設定 or お知らせ, and a push shows nothing', async () => {
  const p = await patronWith({ 共用端末の本: '2026-04-30' });
  const keys = browserKeys(push.endpoint(`/e2e/${p.patronId}`));
  const payload = await serverPush(p, keys, 'ja');
  const device = await launchPersistent();
  try {
    await device.context.grantPermissions(['notifications'], { origin: server.url });
    const page = await device.context.newPage();
    await page.goto(`${server.url}/kiosk/login`);
    await waitForController(page);
    await loginThroughPage(page, server.url, p.cardNumber, p.password, '/kiosk/login');
    await page.waitForURL(/\/kiosk\/account/);
    await page.getByRole('button', { name: '利用者のページ' }).click();
    const menu = page.locator('#patron-menu');
    await menu.getByRole('link', { name: '利用状況一覧' }).waitFor();
    assert.equal(await menu.getByRole('link', { name: '通知設定' }).count(), 0);
    assert.equal(await menu.getByRole('link', { name: 'お知らせ' }).count(), 0);
    await page.goto(`${server.url}/kiosk/notifications`);
    await page.getByRole('heading', { name: 'ページが見つかりません' }).waitFor();

    await deliver(page, payload);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await notifications(page, 0), []);
  } finally {
    await device.close();
  }
});
