/**
 * Offline cold start vs online start, in one run: the time from navigation to the patron's loans
 * being visible on /account, with a fresh browser process each time (the service worker and the
 * page start cold; the profile, its SW, precache and IndexedDB snapshot are kept, as on a phone).
 * Online = the real server running; offline = the server process stopped. Prints the medians, and
 * the service worker's size (raw and gzip).
 *   node --import tsx test/bench/offline-start.ts [runs=7]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { chromium, type Cookie } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, startServer } from '../e2e/harness.ts';
import { logInOnPage, seedPatron, waitForController } from '../e2e/offline-support.ts';

const runs = Number(process.argv[2] ?? 7);
const server = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'shiori-bench-'));
const launch = () => chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

/** One cold start: a new browser process, /account opened, ms until the loan title is visible. */
async function coldStart(title: string, cookies: Cookie[] = []): Promise<number> {
  const context = await launch();
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${server.url}/account`, { waitUntil: 'commit' });
    await page.getByText(title).first().waitFor({ timeout: 30_000 });
    return await page.evaluate(() => performance.now());
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

try {
  const p = await seedPatron(server, 'ベンチマークの本');
  // First visit: install the SW, log in, see the account once (the snapshot is stored).
  const context = await launch();
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await waitForController(page);
  await logInOnPage(page, server.url, p);
  await page.goto(`${server.url}/account`);
  await page.getByText(p.title).first().waitFor();
  // The session cookie ends with the browser process: each online run gets it back, as a patron
  // reopening the app while the session still runs.
  const cookies = await context.cookies();
  await context.close();

  const online: number[] = [];
  for (let i = 0; i < runs; i++) online.push(await coldStart(p.title, cookies));
  await server.stop();
  const offline: number[] = [];
  for (let i = 0; i < runs; i++) offline.push(await coldStart(p.title));

  const sw = readFileSync(join(ROOT, 'dist/app/sw.js'));
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`runs: ${runs} each, fresh browser process per run, same profile`);
  console.log(`online  start → loans visible: median ${median(online).toFixed(0)} ms  [${fmt(online)}]`);
  console.log(`offline start → loans visible: median ${median(offline).toFixed(0)} ms  [${fmt(offline)}]  (server stopped)`);
  console.log(`sw.js: ${(sw.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(sw, { level: 9 }).length / 1024).toFixed(1)} KiB gzip, ${(brotliCompressSync(sw).length / 1024).toFixed(1)} KiB brotli`);
} finally {
  await server.dispose();
  rmSync(profile, { recursive: true, force: true });
}

