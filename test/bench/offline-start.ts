/**
 * Cold start to the patron's loans visible on /account, in one run (a script, not a test):
 *  - online: the real server running, on this machine (no network between browser and server);
 *  - online over a phone network: the same, behind test/e2e/reverse-proxy.ts holding each request
 *    for one round trip of a phone network (PHONE_RTT_MS, Lighthouse's mobile throttling: 150 ms) —
 *    what an online start waits for on a patron's phone and a server on the same machine never does;
 *  - offline: the server process stopped (connection refused);
 *  - lie-fi: the server's port answered by a proxy that accepts and never answers
 *    (test/e2e/reverse-proxy.ts in `hang` mode), so the SW's answer timeout decides;
 *  - floor: a bare h3 route serving one static page with the title (no app, no SW): what the
 *    browser itself needs to navigate and paint.
 * Each mode is its own device (browser profile) and server, set up alike — first visit, login, the
 * account seen once, so the SW, precache and IndexedDB snapshot are there, as on a phone — and the
 * modes take turns run by run, so a machine whose load drifts (other work on its 2 cores) weighs on
 * all of them alike. A fresh browser process each run: the SW and the page start cold. "Visible"
 * is the first animation frame with the title in the page (an in-page probe), not Playwright's
 * coarser polling. Prints median and p99 (the max of a few runs) per mode, the offline/online
 * ratio, where a start spends its time (page resource timing and the SW's User Timing marks,
 * sw/timing.ts), the SW's size, and the load average.
 *   node --import tsx test/bench/offline-start.ts [runs=9] [phone round trip ms=150]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { H3, serve } from 'h3';
import { chromium, type BrowserContext, type Cookie } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, freePort, startServer, type TestServer } from '../e2e/harness.ts';
import { logInOnPage, seedPatron, waitForController } from '../e2e/offline-support.ts';
import { ReverseProxy } from '../e2e/reverse-proxy.ts';

// Browser globals used inside page.evaluate callbacks (this file compiles without the DOM lib).
declare const performance: { now(): number; timeOrigin: number; getEntriesByType(type: string): any[] };

const runs = Number(process.argv[2] ?? 9);
const PHONE_RTT_MS = Number(process.argv[3] ?? 150);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();
const TITLE = 'ベンチマークの本';
const launch = (dir: string) => chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

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
    for (const m of performance.getEntriesByType('mark')) if (String(m.name).startsWith('shiori:')) out[`page ${String(m.name).slice(7)}`] = m.startTime;
    const resources = performance.getEntriesByType('resource');
    for (const [name, pattern, field] of wanted) {
      const e = resources.find((r) => new RegExp(pattern).test(new URL(r.name).pathname));
      if (e) out[name] = e[field];
    }
    return out;
  }, [
    ['app.js answered', '^/app-.*\\.js$', 'responseEnd'],
    ['GET /api/session asked', '^/api/session$', 'startTime'],
    ['GET /api/session answered', '^/api/session$', 'responseEnd'],
    ['GET /api/library answered', '^/api/library$', 'responseEnd'],
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
async function coldStart(url: string, text: string, cookies: Cookie[], dir: string): Promise<{ ms: number; phases: Phases }> {
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

interface Series {
  label: string;
  ms: number[];
  phases: Phases[];
}

/** A patron's device: its own server and profile, the SW installed and the account seen once. */
interface Device {
  server: TestServer;
  /** Between the browser and the server, when the device reaches it over a (slow) link. */
  proxy: ReverseProxy | null;
  /** The origin the device knows the app by (its SW, precache and snapshot are that origin's). */
  url: string;
  profile: string;
  /** The session cookie ends with the browser process: online runs get it back, as a patron reopening the app. */
  cookies: Cookie[];
}

async function setUpDevice({ behindProxy = false } = {}): Promise<Device> {
  const server = await startServer();
  const proxy = behindProxy ? await ReverseProxy.start(server.port) : null;
  const url = proxy?.url ?? server.url;
  const profile = mkdtempSync(join(tmpdir(), 'shiori-bench-'));
  const p = await seedPatron(server, TITLE);
  const context = await launch(profile);
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await waitForController(page);
  await logInOnPage(page, url, p);
  await page.goto(`${url}/account`);
  await page.getByText(p.title).first().waitFor();
  const cookies = await context.cookies();
  await context.close();
  return { server, proxy, url, profile, cookies };
}

/** Median of each phase over the runs, in time order. */
function phaseTable(all: Array<{ label: string; phases: Phases[] }>): string {
  const names = new Set(all.flatMap((s) => s.phases.flatMap((p) => Object.keys(p))));
  const rows = [...names].map((name) => ({ name, at: all.map((s) => { const v = s.phases.map((p) => p[name]).filter((x): x is number => x !== undefined); return v.length ? median(v) : undefined; }) }));
  rows.sort((a, b) => (a.at.find((x) => x !== undefined) ?? 0) - (b.at.find((x) => x !== undefined) ?? 0));
  const head = `  ${'phase (median ms from navigation start)'.padEnd(42)}${all.map((s) => s.label.padStart(9)).join('')}`;
  return [head, ...rows.map((r) => `  ${r.name.padEnd(42)}${r.at.map((x) => (x === undefined ? '—' : x.toFixed(0)).padStart(9)).join('')}`)].join('\n');
}

const devices: Device[] = [];
let floorServer: ReturnType<typeof serve> | null = null;
let hang: ReverseProxy | null = null;
try {
  const online = await setUpDevice();
  const offline = await setUpDevice();
  const lieFi = await setUpDevice();
  const phone = await setUpDevice({ behindProxy: true });
  devices.push(online, offline, lieFi, phone);
  phone.proxy!.delayMs = PHONE_RTT_MS;
  await offline.server.stop();
  // Lie-fi: that device's server port (same origin: same SW and snapshot) accepts and never answers.
  await lieFi.server.stop();
  hang = await ReverseProxy.start(lieFi.server.port, lieFi.server.port);
  hang.mode = 'hang';

  // The floor: a bare h3 route, one static page with the same text, a profile of its own.
  const floorApp = new H3().get('/', () => new Response(`<!doctype html><meta charset="utf-8"><title>floor</title><p>${TITLE}</p>`, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  const floorPort = await freePort();
  floorServer = serve(floorApp, { port: floorPort, hostname: '127.0.0.1', silent: true });
  await floorServer.ready();
  const floorProfile = mkdtempSync(join(tmpdir(), 'shiori-bench-floor-'));

  const results: Record<'floor' | 'online' | 'phone' | 'offline' | 'lie-fi', Series> = {
    floor: { label: 'floor', ms: [], phases: [] },
    online: { label: 'online', ms: [], phases: [] },
    phone: { label: 'phone', ms: [], phases: [] },
    offline: { label: 'offline', ms: [], phases: [] },
    'lie-fi': { label: 'lie-fi', ms: [], phases: [] },
  };
  const record = (s: Series, r: { ms: number; phases: Phases }) => {
    s.ms.push(r.ms);
    s.phases.push(r.phases);
  };
  const lieFiRuns = Math.max(3, Math.ceil(runs / 2));
  for (let i = 0; i < runs; i++) {
    record(results.floor, await coldStart(`http://127.0.0.1:${floorPort}/`, TITLE, [], floorProfile));
    record(results.online, await coldStart(`${online.server.url}/account`, TITLE, online.cookies, online.profile));
    record(results.phone, await coldStart(`${phone.url}/account`, TITLE, phone.cookies, phone.profile));
    record(results.offline, await coldStart(`${offline.server.url}/account`, TITLE, [], offline.profile));
    if (i % 2 === 0 && results['lie-fi'].ms.length < lieFiRuns) record(results['lie-fi'], await coldStart(`${lieFi.server.url}/account`, TITLE, [], lieFi.profile));
  }
  rmSync(floorProfile, { recursive: true, force: true });

  const sw = readFileSync(join(ROOT, 'dist/app/sw.js'));
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  const line = (s: Series, note = '') =>
    `${s.label.padEnd(8)} start → loans visible: median ${median(s.ms).toFixed(0).padStart(5)} ms  p99 ${p99(s.ms).toFixed(0).padStart(5)} ms  [${fmt(s.ms)}]${note}`;
  const { floor } = results;
  console.log(`runs: ${runs} each (lie-fi ${results['lie-fi'].ms.length}), modes in turn, fresh browser process per run; load average before ${loadBefore}, after ${load()}`);
  console.log(line(floor, '  (bare h3 page, no app)'));
  console.log(line(results.online, '  (server on this machine)'));
  console.log(line(results.phone, `  (online, each request held ${PHONE_RTT_MS} ms: a phone network's round trip)`));
  console.log(line(results.offline, '  (server stopped)'));
  console.log(line(results['lie-fi'], '  (server port accepts, never answers; SW timeout 3 s)'));
  const [on, off] = [median(results.online.ms), median(results.offline.ms)];
  console.log(`offline / online: ${(off / on).toFixed(2)}×  (above the floor: ${((off - median(floor.ms)) / (on - median(floor.ms))).toFixed(2)}×)`);
  console.log(`offline / online over a phone network: ${(off / median(results.phone.ms)).toFixed(2)}×`);
  console.log(phaseTable([results.online, results.phone, results.offline, results['lie-fi']]));
  console.log(`sw.js: ${(sw.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(sw, { level: 9 }).length / 1024).toFixed(1)} KiB gzip, ${(brotliCompressSync(sw).length / 1024).toFixed(1)} KiB brotli`);
} finally {
  await hang?.close();
  await floorServer?.close();
  for (const d of devices) {
    await d.proxy?.close();
    await d.server.dispose();
    rmSync(d.profile, { recursive: true, force: true });
  }
}
