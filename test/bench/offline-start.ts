/**
 * Cold start to the patron's loans visible on /account, in one run (a script, not a test):
 *  - online: the real server running;
 *  - offline: the server process stopped (connection refused);
 *  - lie-fi: the server's port answered by a proxy that accepts and never answers
 *    (test/e2e/reverse-proxy.ts in `hang` mode), so the SW's answer timeout decides;
 *  - floor: a bare h3 route serving one static page with the title (no app, no SW): what the
 *    browser itself needs to navigate and paint.
 * A fresh browser process each run (the service worker and the page start cold; the profile, its
 * SW, precache and IndexedDB snapshot are kept, as on a phone). "Visible" is the first animation
 * frame with the title in the page (an in-page probe), not Playwright's coarser polling. Prints median and p99 (the max of
 * a few runs) per mode, the offline/online ratio, where a start spends its time (page resource
 * timing and the SW's User Timing marks, sw/timing.ts), the SW's size, and the load average.
 *   node --import tsx test/bench/offline-start.ts [runs=9]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { H3, serve } from 'h3';
import { chromium, type BrowserContext, type Cookie } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, freePort, startServer } from '../e2e/harness.ts';
import { logInOnPage, seedPatron, waitForController } from '../e2e/offline-support.ts';
import { ReverseProxy } from '../e2e/reverse-proxy.ts';

// Browser globals used inside page.evaluate callbacks (this file compiles without the DOM lib).
declare const performance: { now(): number; timeOrigin: number; getEntriesByType(type: string): any[] };

const runs = Number(process.argv[2] ?? 9);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();
const server = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'shiori-bench-'));
const launch = (dir = profile) => chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

/** Where one start spent its time: ms from the navigation's start, page and SW on one clock. */
type Phases = Record<string, number>;

async function phasesOf(context: BrowserContext, page: Awaited<ReturnType<BrowserContext['newPage']>>): Promise<Phases> {
  // No named helpers inside evaluate: tsx would wrap them in a __name() the page does not have.
  const pageSide = await page.evaluate((wanted) => {
    const out: Record<string, number> = { origin: performance.timeOrigin };
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav) {
      out['sw ready for the navigation'] = nav.fetchStart;
      out['index.html answered'] = nav.responseEnd;
    }
    const resources = performance.getEntriesByType('resource');
    for (const [name, pattern, field] of wanted) {
      const e = resources.find((r) => new RegExp(pattern).test(new URL(r.name).pathname));
      if (e) out[name] = e[field];
    }
    return out;
  }, [
    ['app.js answered', '^/app-.*\\.js$', 'responseEnd'],
    ['GET /api/session answered', '^/api/session$', 'responseEnd'],
    ['account page chunk answered', '/account-page-', 'responseEnd'],
    ['GET /api/account asked', '^/api/account$', 'startTime'],
    ['GET /api/account answered', '^/api/account$', 'responseEnd'],
  ] as Array<[string, string, 'startTime' | 'responseEnd']>);
  const origin = pageSide['origin']!;
  delete pageSide['origin'];
  const phases: Phases = { ...pageSide };
  const sw = context.serviceWorkers()[0];
  if (sw) {
    const swSide = await sw.evaluate(() => ({
      origin: performance.timeOrigin,
      marks: performance.getEntriesByType('mark').map((m) => [m.name as string, m.startTime as number] as const),
    }));
    const shift = swSide.origin - origin;
    phases['sw started'] = shift;
    for (const [name, at] of swSide.marks) phases[`sw ${name.replace('shiori:', '')}`] = at + shift;
  }
  return phases;
}

/**
 * Notes (window.__shioriVisibleAt) the first animation frame in which `text` is in the page, looking
 * into shadow roots: Playwright's own waiting polls at growing intervals (up to 500 ms apart), far
 * too coarse to time a start. A string, not a function: tsx would wrap named helpers in __name().
 */
function visibleProbe(text: string): string {
  return `(() => {
    const text = ${JSON.stringify(text)};
    function has(root) {
      if (!root) return false;
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot && (el.shadowRoot.textContent.includes(text) || has(el.shadowRoot))) return true;
      }
      return root === document ? document.body?.textContent.includes(text) ?? false : false;
    }
    function frame() {
      if (has(document)) window.__shioriVisibleAt = performance.now();
      else requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  })()`;
}

/** One cold start: a new browser process, `url` opened, ms from the navigation until `text` is on screen. */
async function coldStart(url: string, text: string, cookies: Cookie[] = [], dir = profile): Promise<{ ms: number; phases: Phases }> {
  const context = await launch(dir);
  try {
    await context.addCookies(cookies);
    await context.addInitScript(visibleProbe(text));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    // Waiting on the probe's note, not on Playwright's locator: its visibility checks force layouts.
    await page.waitForFunction(() => (globalThis as unknown as { __shioriVisibleAt?: number }).__shioriVisibleAt !== undefined, undefined, { timeout: 30_000, polling: 100 });
    const ms = await page.evaluate(() => (globalThis as unknown as { __shioriVisibleAt: number }).__shioriVisibleAt);
    return { ms, phases: await phasesOf(context, page) };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(0.99 * values.length) - 1]!;

async function series(label: string, n: number, start: () => Promise<{ ms: number; phases: Phases }>) {
  const results: Array<{ ms: number; phases: Phases }> = [];
  for (let i = 0; i < n; i++) results.push(await start());
  return { label, ms: results.map((r) => r.ms), phases: results.map((r) => r.phases) };
}

/** Median of each phase over the runs, in time order. */
function phaseTable(all: Array<{ label: string; phases: Phases[] }>): string {
  const names = new Set(all.flatMap((s) => s.phases.flatMap((p) => Object.keys(p))));
  const rows = [...names].map((name) => ({ name, at: all.map((s) => { const v = s.phases.map((p) => p[name]).filter((x): x is number => x !== undefined); return v.length ? median(v) : undefined; }) }));
  rows.sort((a, b) => (a.at.find((x) => x !== undefined) ?? 0) - (b.at.find((x) => x !== undefined) ?? 0));
  const head = `  ${'phase (median ms from navigation start)'.padEnd(42)}${all.map((s) => s.label.padStart(9)).join('')}`;
  return [head, ...rows.map((r) => `  ${r.name.padEnd(42)}${r.at.map((x) => (x === undefined ? '—' : x.toFixed(0)).padStart(9)).join('')}`)].join('\n');
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

  // The floor: a bare h3 route, one static page with the same text, a fresh profile of its own.
  const floorApp = new H3().get('/', () => new Response(`<!doctype html><meta charset="utf-8"><title>floor</title><p>${p.title}</p>`, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  const floorPort = await freePort();
  const floorServer = serve(floorApp, { port: floorPort, hostname: '127.0.0.1', silent: true });
  await floorServer.ready();
  const floorProfile = mkdtempSync(join(tmpdir(), 'shiori-bench-floor-'));
  const floor = await series('floor', runs, () => coldStart(`http://127.0.0.1:${floorPort}/`, p.title, [], floorProfile));
  await floorServer.close();
  rmSync(floorProfile, { recursive: true, force: true });

  const online = await series('online', runs, () => coldStart(`${server.url}/account`, p.title, cookies));
  await server.stop();
  const offline = await series('offline', runs, () => coldStart(`${server.url}/account`, p.title));
  // Lie-fi: the server's own port (same origin: same SW and snapshot) now accepts and never answers.
  const hang = await ReverseProxy.start(server.port, server.port);
  hang.mode = 'hang';
  const lieFi = await series('lie-fi', Math.max(3, Math.ceil(runs / 2)), () => coldStart(`${server.url}/account`, p.title));
  await hang.close();

  const sw = readFileSync(join(ROOT, 'dist/app/sw.js'));
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  const line = (s: { label: string; ms: number[] }, note = '') =>
    `${s.label.padEnd(8)} start → loans visible: median ${median(s.ms).toFixed(0).padStart(5)} ms  p99 ${p99(s.ms).toFixed(0).padStart(5)} ms  [${fmt(s.ms)}]${note}`;
  console.log(`runs: ${runs} each (lie-fi ${lieFi.ms.length}), fresh browser process per run, same profile; load average before ${loadBefore}, after ${load()}`);
  console.log(line(floor, '  (bare h3 page, no app)'));
  console.log(line(online));
  console.log(line(offline, '  (server stopped)'));
  console.log(line(lieFi, '  (server port accepts, never answers; SW timeout 3 s)'));
  console.log(`offline / online: ${(median(offline.ms) / median(online.ms)).toFixed(2)}×  (above the floor: ${((median(offline.ms) - median(floor.ms)) / (median(online.ms) - median(floor.ms))).toFixed(2)}×)`);
  console.log(phaseTable([online, offline, lieFi]));
  console.log(`sw.js: ${(sw.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(sw, { level: 9 }).length / 1024).toFixed(1)} KiB gzip, ${(brotliCompressSync(sw).length / 1024).toFixed(1)} KiB brotli`);
} finally {
  await server.dispose();
  rmSync(profile, { recursive: true, force: true });
}
