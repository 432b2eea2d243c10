/**
 * Helpers for the offline / kiosk / installability end-to-end tests (on top of harness.ts):
 * seeding patrons with a renewable loan through the staff API, waiting for the service worker,
 * calling the API from inside the page (so requests go through the SW), and reading back
 * everything the browser keeps (IndexedDB, Cache Storage, web storage) for the privacy checks.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { AccountSnapshot, Loan } from '../../common/api.ts';
import { launchPersistent, loginThroughPage, ROOT, startServer, type ServerOptions, type TestServer } from './harness.ts';

// Browser globals used inside page.evaluate callbacks: test/bench (no DOM lib) compiles this file too.
declare const window: any;
declare const navigator: any;
declare const indexedDB: any;
declare const caches: any;
declare const localStorage: any;
declare const sessionStorage: any;

/** The harness's LIBRARY_NOW is 2026-04-27: a loan due today is renewable now (±7 days). */
export const DUE_TODAY = '2026-04-27';
export const DUE_AFTER_RENEWAL = '2026-05-04';

export interface SeededPatron {
  cardNumber: string;
  password: string;
  patronId: string;
  loanId: string;
  title: string;
}

let seq = 0;

/** A patron with one renewable loan (due today), made through the staff API ([docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)). */
export async function seedPatron(server: TestServer, title: string): Promise<SeededPatron> {
  seq++;
  // Fixed data: numbers no demo card or copy has, one per patron this process seeds.
  const cardNumber = `39${String(seq).padStart(8, '0')}`;
  const password = `secret${seq}a`;
  const barcode = `77${String(seq).padStart(8, '0')}`;
  const patron = await server.staff<{ patronId: string }>('patrons', {
    cardNumber,
    birthDate: '1985-06-15',
    cardExpiresOn: '2028-03-31',
    password,
  });
  await server.staff('titles', { title, materialType: 'book', category: 'general', copies: [{ barcode, branch: 'central' }] });
  const loan = await server.staff<{ loanId: string }>('checkouts', { cardNumber, barcode, loanedOn: '2026-04-06', dueOn: DUE_TODAY });
  return { cardNumber, password, patronId: patron.patronId, loanId: loan.loanId, title };
}

/** The patron places a hold on a new title (through the patron API, as from the catalogue). */
export async function placeHold(server: TestServer, p: SeededPatron, title: string): Promise<void> {
  seq++;
  const barcode = `78${String(seq).padStart(8, '0')}`;
  const { bibId } = await server.staff<{ bibId: string }>('titles', { title, materialType: 'book', category: 'general', copies: [{ barcode, branch: 'higashi' }] });
  const api = await server.apiAs(p.cardNumber, p.password);
  const res = await api('/api/holds', { method: 'POST', body: JSON.stringify({ bibId }) });
  if (res.status !== 201) throw new Error(`hold → ${res.status} ${await res.text()}`);
}

/** Waits until the app's own service worker registration controls the page. */
export async function waitForController(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), undefined, { timeout: 20_000 });
}

/** The patron's loan as the server sees it now (a fresh session, no browser involved). */
export async function serverLoan(server: TestServer, p: SeededPatron): Promise<Loan> {
  const api = await server.apiAs(p.cardNumber, p.password);
  const res = await api('/api/account');
  const snapshot = (await res.json()) as AccountSnapshot;
  const loan = snapshot.loans.find((l) => l.id === p.loanId);
  if (!loan) throw new Error(`loan ${p.loanId} not on the server`);
  return loan;
}

/** Records every message the SW posts to the page, from the first script on (window.__swMessages). */
export async function recordSwMessages(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __swMessages: unknown[] };
    w.__swMessages = [];
    navigator.serviceWorker?.addEventListener('message', (e: { data: unknown }) => w.__swMessages.push(e.data));
    navigator.serviceWorker?.startMessages();
  });
}

export async function swMessages(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(() => (window as unknown as { __swMessages: Array<Record<string, unknown>> }).__swMessages ?? []);
}

export async function waitForSwMessage(page: Page, match: Record<string, unknown>, timeout = 15_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const found = (await swMessages(page)).find((m) => Object.entries(match).every(([k, v]) => m[k] === v));
    if (found) return found;
    await page.waitForTimeout(100);
  }
  throw new Error(`no SW message like ${JSON.stringify(match)}; got ${JSON.stringify(await swMessages(page))}`);
}

/**
 * Opens `path` and waits until the service worker controls the page. Registers /sw.js itself too
 * (the app registers it after load; registering the same script twice is a no-op).
 */
export async function openControlled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(null), { once: true }));
    }
  });
}

export interface PageFetchResult {
  status: number;
  headers: Record<string, string>;
  body: any;
  /** The fetch itself failed (no SW answer and no network). */
  networkError?: string;
}

/** fetch() from inside the page: the request goes through the service worker, cookies included. */
export async function pageFetch(page: Page, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<PageFetchResult> {
  return page.evaluate(
    async ({ path, init }) => {
      try {
        const headers: Record<string, string> = { Accept: 'application/json', ...(init.headers ?? {}) };
        if (init.body !== undefined) headers['Content-Type'] = 'application/json';
        const res = await fetch(path, {
          method: init.method ?? 'GET',
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          credentials: 'same-origin',
        });
        const text = await res.text();
        let body: unknown = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          body = text;
        }
        const out: Record<string, string> = {};
        res.headers.forEach((v, k) => (out[k] = v));
        return { status: res.status, headers: out, body };
      } catch (e) {
        return { status: 0, headers: {}, body: null, networkError: String(e) };
      }
    },
    { path, init },
  );
}

export async function apiLogin(page: Page, p: { cardNumber: string; password: string }, extra: { kiosk?: boolean; headers?: Record<string, string> } = {}): Promise<PageFetchResult> {
  const body = extra.kiosk ? { cardNumber: p.cardNumber, password: p.password, kiosk: true } : { cardNumber: p.cardNumber, password: p.password };
  const res = await pageFetch(page, '/api/session', { method: 'POST', body, headers: extra.headers ?? {} });
  if (res.status !== 200) throw new Error(`login → ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

export async function postToSw(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => navigator.serviceWorker.controller?.postMessage(m), message);
}

/** Everything in every IndexedDB database of the origin, as JSON text (for "nothing personal" checks). */
export async function dumpIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: Record<string, Record<string, unknown[]>> = {};
    for (const info of (await indexedDB.databases()) as Array<{ name?: string }>) {
      if (!info.name) continue;
      const db = await new Promise<any>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const stores: Record<string, unknown[]> = {};
      for (const name of Array.from(db.objectStoreNames as ArrayLike<string>)) {
        stores[name] = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      }
      db.close();
      out[info.name] = stores;
    }
    return JSON.stringify(out);
  });
}

/** Every URL and every response body in Cache Storage, as JSON text. */
/**
 * Every URL in Cache Storage, and `text`: the bodies (images aside) of every entry that is not a
 * file of the build exactly as built. The build is the same for everyone, so it holds nothing of a
 * patron — but its code holds digit runs (bwip-js's tables) that a search for card digits would
 * match by chance; anything the device itself put in a cache, or a changed build file, is searched.
 */
export async function dumpCacheStorage(page: Page): Promise<{ urls: string[]; text: string }> {
  const entries = await page.evaluate(async () => {
    const found: { url: string; body: string | null }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        const type = res?.headers.get('content-type') ?? '';
        found.push({ url: req.url, body: res && !type.startsWith('image/') ? await res.text() : null });
      }
    }
    return found;
  });
  const isBuildFile = (url: string, body: string) => {
    const file = join(ROOT, 'dist/app', decodeURIComponent(new URL(url).pathname));
    return statSync(file, { throwIfNoEntry: false })?.isFile() === true && readFileSync(file, 'utf8') === body;
  };
  const text = entries.map((e) => (e.body !== null && !isBuildFile(e.url, e.body) ? e.body : '')).join('');
  return { urls: entries.map((e) => e.url), text };
}

export async function dumpWebStorage(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

/** Fires the SW's Background Sync on demand (Chromium's own retry waits minutes). */
export async function dispatchSync(page: Page, origin: string, tag: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const registrationId = await new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> }) => {
      const r = e.registrations.find((x) => x.scopeURL.startsWith(origin) && !x.isDeleted);
      if (r) resolve(r.registrationId);
    });
    void cdp.send('ServiceWorker.enable');
  });
  await cdp.send('ServiceWorker.dispatchSyncEvent', { origin, registrationId, tag, lastChance: false });
  await cdp.detach();
}

/** How many renewals the SW holds for this patron (the pending-count message). */
export async function pendingCount(page: Page, patronId: string): Promise<number> {
  const reply = await page.evaluate(
    (id) =>
      new Promise<{ count: number }>((resolve) => {
        const channel = new (window as any).MessageChannel();
        channel.port1.onmessage = (e: { data: { count: number } }) => resolve(e.data);
        navigator.serviceWorker.controller.postMessage({ type: 'pending-count', patronId: id }, [channel.port2]);
      }),
    patronId,
  );
  return reply.count;
}

/** Logs in through the login page (harness.ts), taking a seeded patron. */
export async function logInOnPage(page: Page, baseUrl: string, p: { cardNumber: string; password: string }, path = '/login'): Promise<void> {
  await loginThroughPage(page, baseUrl, p.cardNumber, p.password, path);
}

/**
 * One real server for the whole test file: started before its tests, disposed after them. Its
 * branches open every day, so a renewal of a loan due today is due exactly 7 days later.
 */
export function serverForFile(use: (server: TestServer) => void, opts: ServerOptions = {}): void {
  let server: TestServer | undefined;
  before(async () => {
    server = await startServer({ openEveryDay: true, ...opts });
    use(server);
  });
  after(async () => {
    await server?.dispose();
  });
}

export type Device = Awaited<ReturnType<typeof launchPersistent>>;

/**
 * A fresh device (browser profile) for one test, recording the SW's messages; afterwards the
 * server is running again whatever the test left it in.
 */
export async function withDevice(server: TestServer, fn: (device: Device) => Promise<void>): Promise<void> {
  const device = await launchPersistent();
  await recordSwMessages(device.context);
  try {
    await fn(device);
  } finally {
    await device.close();
    await server.start().catch(() => undefined);
  }
}

/**
 * The usual start of a queue test: the patron opens the app (SW in control), logs in and sees the
 * account online (the snapshot is stored); then the server goes down and the patron renews the
 * loan: the SW must answer 202 (queued). The server is left stopped.
 */
export async function queueRenewalOffline(page: Page, server: TestServer, p: SeededPatron, idempotencyKey: string): Promise<PageFetchResult> {
  await openControlled(page, `${server.url}/account`);
  await apiLogin(page, p);
  await pageFetch(page, '/api/account');
  await server.stop();
  const queued = await pageFetch(page, `/api/loans/${p.loanId}/renew`, { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey } });
  if (queued.status !== 202) throw new Error(`offline renewal was not queued: ${queued.status} ${JSON.stringify(queued.body)}`);
  return queued;
}
