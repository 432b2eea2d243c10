/**
 * End-to-end harness: the real server as a child process (its own port and temp DATA_DIR, a fixed
 * LIBRARY_NOW, demo data) and Debian's Chromium driven by playwright-core.
 *
 * "Offline" in these tests means the server process is stopped: `server.stop()` then
 * `server.start()` again on the SAME port, so the origin (and with it the service worker,
 * IndexedDB and caches) stays the same.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { writeOpenEveryDayConfig } from '../server/open-every-day.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const STAFF_TOKEN = 'e2e-staff-token';
/** 2026-04-27 10:00 in Tokyo: a Monday. Demo data is placed around this day. */
export const DEFAULT_NOW = '2026-04-27T01:00:00.000Z';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the app once if dist/ is missing (npm test builds before running e2e). */
export function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/app/index.html'))) {
    execFileSync('npx', ['rollup', '-c'], { cwd: ROOT, stdio: 'inherit' });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export interface ServerOptions {
  libraryNow?: string;
  /** Extra environment (e.g. KIOSK: '1', DEMO: '0'). */
  env?: Record<string, string>;
  /** Reuse a data dir (e.g. after a kill); a fresh temp dir by default. */
  dataDir?: string;
  port?: number;
  /** Every branch opens every day (LIBRARY_CONFIG in the data dir): no due date moves to an open day. */
  openEveryDay?: boolean;
}

export class TestServer {
  readonly port: number;
  readonly dataDir: string;
  readonly url: string;
  private child: ChildProcess | null = null;
  private output = '';
  private readonly ownsDataDir: boolean;

  constructor(private readonly opts: ServerOptions & { port: number }) {
    this.port = opts.port;
    this.ownsDataDir = !opts.dataDir;
    this.dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'shiori-e2e-'));
    this.url = `http://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts) the server process and waits until it answers. */
  async start(): Promise<void> {
    if (this.child) throw new Error('server already running');
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LIBRARY_NOW: this.opts.libraryNow ?? DEFAULT_NOW,
        STAFF_TOKEN,
        ...(this.opts.openEveryDay ? { LIBRARY_CONFIG: writeOpenEveryDayConfig(this.dataDir) } : {}),
        ...this.opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (this.output += d));
    child.stderr?.on('data', (d) => (this.output += d));
    this.child = child;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/library`);
        if (res.status < 500) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start in 30 s:\n${this.output}`);
  }

  /** Stops the server: the app is now "offline". */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null) return;
    await new Promise<void>((r) => {
      child.once('exit', () => r());
      child.kill(signal);
    });
  }

  /** What the server printed so far (for failure messages). */
  get log(): string {
    return this.output;
  }

  /** Calls the staff API ([docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)). */
  async staff<T = unknown>(path: string, body: unknown = {}): Promise<T> {
    const res = await fetch(`${this.url}/api/staff/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_TOKEN}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`staff ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Logs in over HTTP (no browser) and returns a fetch bound to that session's cookie. */
  async apiAs(cardNumber: string, password: string): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
    const res = await fetch(`${this.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.url },
      body: JSON.stringify({ cardNumber, password }),
    });
    if (!res.ok) throw new Error(`login ${cardNumber} → ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return (path, init = {}) =>
      fetch(`${this.url}${path}`, {
        ...init,
        headers: { origin: this.url, 'content-type': 'application/json', ...(init.headers ?? {}), cookie },
      });
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** A started server on a free port (demo data loaded, LIBRARY_NOW fixed). */
export async function startServer(opts: ServerOptions = {}): Promise<TestServer> {
  ensureBuilt();
  const server = new TestServer({ ...opts, port: opts.port ?? (await freePort()) });
  await server.start();
  return server;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A server (demo data) and a browser for one test file: started before its tests, closed after them. */
export function serverAndBrowserForFile(use: (server: TestServer, browser: Browser) => void | Promise<void>): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await use(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });
}

/**
 * A persistent context (its own profile dir): service workers, IndexedDB and caches persist
 * across pages and reloads, as on a patron's phone.
 */
export async function launchPersistent(): Promise<{ context: BrowserContext; userDataDir: string; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'shiori-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login page with the seed's labels ([docs/rules.md#sessions](../../docs/rules.md#sessions)). */
export async function loginThroughPage(page: Page, baseUrl: string, cardNumber: string, password: string, path = '/login'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('利用券番号').fill(cardNumber);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: '送信' }).click();
  // The header's status (the live region says ログインしました).
  await page.getByRole('banner').getByText('ログインしています').waitFor();
}
