/** The built app: content types, caching, SPA fallback (needs dist/app: `npm run build`). */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.ts';
import { startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let dir: string;
let fetchApp: (path: string) => Promise<Response>;

before(async () => {
  t = await startTestApp();
  // A small app directory of its own, so the test does not depend on a build.
  dir = await mkdtemp(join(tmpdir(), 'shiori-app-'));
  await mkdir(join(dir, 'icons'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>栞</title>');
  await writeFile(join(dir, 'sw.js'), 'self.x=1');
  await writeFile(join(dir, 'app-DLxfqRQH.js'), 'export{}');
  await writeFile(join(dir, 'manifest.webmanifest'), '{}');
  await writeFile(join(dir, 'icons', 'icon.svg'), '<svg/>');
  const app = createApp(t.ctx, { appDir: dir });
  fetchApp = async (path) => app.fetch(new Request('http://localhost' + path));
});
after(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

test('index.html and sw.js are served with no-cache', async () => {
  const index = await fetchApp('/');
  assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const sw = await fetchApp('/sw.js');
  assert.equal(sw.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(sw.headers.get('cache-control'), 'no-cache');
});

test('hashed chunks are cached for a year', async () => {
  const res = await fetchApp('/app-DLxfqRQH.js');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
});

test('other files get their content type', async () => {
  assert.equal((await fetchApp('/manifest.webmanifest')).headers.get('content-type'), 'application/manifest+json; charset=utf-8');
  assert.equal((await fetchApp('/icons/icon.svg')).headers.get('content-type'), 'image/svg+xml');
});

test('page paths, kiosk paths included, fall back to index.html', async () => {
  for (const path of ['/loans', '/kiosk/', '/kiosk/holds', '/title/B0000001']) {
    const res = await fetchApp(path);
    assert.equal(res.status, 200, path);
    assert.match(await res.text(), /<title>栞<\/title>/);
  }
});

test('a missing asset is 404, not the app; path traversal does not escape the app directory', async () => {
  assert.equal((await fetchApp('/app-missing1.js')).status, 404);
  const res = await fetchApp('/../../etc/passwd');
  assert.doesNotMatch(await res.text(), /root:/);
  const encoded = await fetchApp('/%2e%2e/%2e%2e/etc/passwd');
  assert.doesNotMatch(await encoded.text(), /root:/);
});

test('unknown /api paths are JSON 404, never the app', async () => {
  const res = await fetchApp('/api/nothing/here');
  assert.equal(res.status, 404);
  assert.equal(((await res.json()) as any).error.code, 'not_found');
});
