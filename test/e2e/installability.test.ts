/**
 * The app is an installable PWA (issue #5): Chromium reads the manifest and reports no
 * installability errors (CDP Page.getInstallabilityErrors; its first answer can be a transient
 * no-acceptable-icon while the icons load, so it is polled).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchPersistent, type TestServer } from './harness.ts';
import {
  openControlled,
  serverForFile,
} from './offline-support.ts';

let server: TestServer;
serverForFile((s) => (server = s));

interface InstallabilityError {
  errorId: string;
  errorArguments: Array<{ name: string; value: string }>;
}

test('Chromium finds the manifest and reports no installability errors', async () => {
  const device = await launchPersistent();
  try {
    const page = await device.context.newPage();
    await openControlled(page, `${server.url}/account`);
    const cdp = await device.context.newCDPSession(page);

    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    assert.ok(manifest.url.endsWith('/manifest.webmanifest'));
    assert.deepEqual(manifest.errors, []);
    const data = JSON.parse(manifest.data ?? '{}');
    assert.equal(data.name, '小金井市立図書館 利用者のページ (Shiori)');
    assert.equal(data.short_name, '栞 Shiori');
    assert.equal(data.start_url, '/account');
    assert.equal(data.display, 'standalone');
    assert.equal(data.lang, 'ja');
    assert.ok(data.icons.some((i: { purpose?: string; sizes: string }) => i.purpose === 'maskable' && i.sizes === '512x512'));
    for (const icon of data.icons as Array<{ src: string; type: string }>) {
      const res = await page.request.get(`${server.url}${icon.src}`);
      assert.equal(res.status(), 200, icon.src);
      assert.equal(res.headers()['content-type'], 'image/png');
      assert.deepEqual([...(await res.body()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${icon.src} is a PNG`);
    }

    let errors: InstallabilityError[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      ({ installabilityErrors: errors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: InstallabilityError[] });
      if (errors.length === 0) break;
      await page.waitForTimeout(250);
    }
    assert.deepEqual(errors, []);
  } finally {
    await device.close();
  }
});
