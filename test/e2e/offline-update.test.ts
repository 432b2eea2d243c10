/**
 * A new version of the app ([docs/rules.md#offline](../../docs/rules.md#offline) app shell): the waiting service worker is offered with
 * 「新しいバージョンがあります — 更新」, nothing reloads on its own (what the patron typed stays),
 * and 更新 activates it and reloads. A small proxy in front of the real server serves a changed
 * sw.js on demand, as a deployment would.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { freePort, launchPersistent, startServer, type TestServer } from './harness.ts';
import {
  waitForController,
} from './offline-support.ts';

let server: TestServer;
let proxy: Server;
let proxyUrl: string;
let deployed = 1;

before(async () => {
  server = await startServer();
  const port = await freePort();
  proxy = createServer((req, res) => {
    const upstream = request(
      { host: '127.0.0.1', port: server.port, path: req.url, method: req.method, headers: { ...req.headers, host: `127.0.0.1:${server.port}` } },
      (up) => {
        if (req.url === '/sw.js' && deployed > 1 && up.statusCode === 200) {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            const body = Buffer.concat([...chunks, Buffer.from(`\n/* deployment ${deployed} */\n`)]);
            const headers = { ...up.headers, 'content-length': String(body.length) };
            res.writeHead(200, headers);
            res.end(body);
          });
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(port, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${port}`;
});

after(async () => {
  await new Promise((r) => proxy?.close(r));
  await server?.dispose();
});

test('a new version waits for 更新: no silent reload, typed input kept; 更新 activates it and reloads', async () => {
  const device = await launchPersistent();
  try {
    const page = await device.context.newPage();
    await page.goto(`${proxyUrl}/login`);
    await waitForController(page);
    await page.getByLabel('利用券番号').fill('2000000326');
    await page.evaluate(() => ((window as unknown as { __notReloaded?: boolean }).__notReloaded = true));

    deployed = 2;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const prompt = page.getByText('新しいバージョンがあります');
    await prompt.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true), true, 'no reload before the patron chooses');
    assert.equal(await page.getByLabel('利用券番号').inputValue(), '2000000326', 'what the patron typed is still there');
    assert.equal(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting)), true);

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '更新' }).click()]);
    assert.equal(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true), false, 'reloaded once the new version controls');
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { waiting: Boolean(reg!.waiting), controlled: Boolean(navigator.serviceWorker.controller) };
    });
    assert.deepEqual(state, { waiting: false, controlled: true });
    assert.equal(await page.getByText('新しいバージョンがあります').count(), 0);
  } finally {
    await device.close();
  }
});
