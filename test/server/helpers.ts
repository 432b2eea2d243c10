/**
 * Shared helpers for server tests: a real app over real SQLite storage in a fresh temp DATA_DIR,
 * data created through the staff API, and a logged-in client that carries its session cookie.
 *
 *   const t = await startTestApp({ now: '2026-04-27T01:00:00Z' });   // LIBRARY_NOW, STAFF_TOKEN set
 *   after(() => t.close());
 *   await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
 *   const { bibId, barcodes } = await t.addTitle({ title: '夢の守り人', category: 'children' });
 *   const { loanId } = await t.checkout({ cardNumber: '2000000326', barcode: barcodes[0]!, dueOn: '2026-04-30' });
 *   const patron = await t.login('2000000326', 'library1');
 *   const res = await patron.fetch(`/api/loans/${loanId}/renew`, { method: 'POST' });
 *   await t.setClock('2026-04-27T02:00:00Z');                        // POST /api/staff/clock
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { H3 } from 'h3';
import { createApp } from '../../server/app.ts';
import { writeOpenEveryDayConfig } from './open-every-day.ts';
import { closeContext, createContext, type AppContext } from '../../server/context.ts';
import { silentLog } from '../../server/log.ts';

export const ORIGIN = 'http://localhost';
export const STAFF_TOKEN = 'test-staff-token';

export interface TestApp {
  ctx: AppContext;
  app: H3;
  dataDir: string;
  /** `app.fetch` with a path relative to ORIGIN. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** A staff API call (bearer token, JSON body); asserts `expectStatus` (default 2xx) and returns the JSON. */
  staff<T = any>(path: string, body?: unknown, expectStatus?: number): Promise<T>;
  addPatron(p: NewPatron): Promise<{ patronId: string; cardNumber: string }>;
  addTitle(t: NewTitle): Promise<{ bibId: string; barcodes: string[] }>;
  checkout(c: NewCheckout): Promise<{ loanId: string; dueOn: string }>;
  /** Moves the library clock (POST /api/staff/clock). */
  setClock(now: string): Promise<void>;
  /** Logs in (asserts 200) and returns a client sending the session cookie. */
  login(cardNumber: string, password: string, opts?: { kiosk?: boolean }): Promise<PatronClient>;
  close(): Promise<void>;
}

export interface PatronClient {
  /** The session cookie's `name=value`, sent on every request of this client. */
  cookie: string;
  /** Raw Set-Cookie of the session cookie in the login answer. */
  setCookie: string;
  /** The device cookie's `name=value` the login answer gave (auth/known-devices.ts), or null (kiosk). */
  deviceCookie?: string | null;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** GET and parse JSON, asserting 200. */
  json<T = any>(path: string): Promise<T>;
}

export interface NewPatron {
  cardNumber: string;
  password?: string;
  birthDate?: string;
  cardExpiresOn?: string;
  email?: string | null;
  name?: string | null;
}

export interface NewTitle {
  title: string;
  bibId?: string;
  author?: string | null;
  publisher?: string | null;
  year?: number | null;
  materialType?: 'book' | 'magazine' | 'cd';
  category?: 'general' | 'children' | 'ya' | 'magazine' | 'cd';
  /** Default: one copy at central with a generated barcode. */
  copies?: { barcode: string; branch: string }[];
}

export interface NewCheckout {
  cardNumber: string;
  barcode: string;
  loanedOn?: string;
  dueOn?: string;
  interLibraryLoan?: boolean;
  branch?: string;
}

let barcodeSeq = 0;

export interface StartOptions {
  /** LIBRARY_NOW (default 2026-04-27T01:00:00Z = 2026-04-27 10:00 in Tokyo). */
  now?: string;
  /** STAFF_TOKEN (default STAFF_TOKEN; null = staff API disabled). */
  staffToken?: string | null;
  /** Extra environment (LIBRARY_CONFIG, KIOSK…). */
  env?: Record<string, string>;
  /** Reuse this DATA_DIR (a restart); it is then left in place by close(). Default: a fresh temp dir. */
  dataDir?: string;
  /** A LIBRARY_CONFIG laid over the defaults, written into the DATA_DIR. */
  policy?: unknown;
  /**
   * Every branch opens every day (laid over LIBRARY_CONFIG when one is given), for tests of date
   * arithmetic that is not about closed days: no due date or 取置期限日 moves ([docs/rules.md#opening-days](../../docs/rules.md#opening-days)).
   */
  openEveryDay?: boolean;
}

async function withOpenEveryDay(dataDir: string, env: Record<string, string>): Promise<void> {
  const given = env['LIBRARY_CONFIG'] ? JSON.parse(await readFile(env['LIBRARY_CONFIG'], 'utf8')) : {};
  env['LIBRARY_CONFIG'] = writeOpenEveryDayConfig(dataDir, given);
}

export async function startTestApp(opts: StartOptions = {}): Promise<TestApp> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'shiori-test-')));
  const env: Record<string, string> = { DATA_DIR: dataDir, LIBRARY_NOW: opts.now ?? '2026-04-27T01:00:00Z', DEMO: '0', ...opts.env };
  if (opts.policy !== undefined) {
    env['LIBRARY_CONFIG'] = join(dataDir, 'test-policy.json');
    await writeFile(env['LIBRARY_CONFIG'], JSON.stringify(opts.policy));
  }
  if (opts.staffToken !== null) env['STAFF_TOKEN'] = opts.staffToken ?? STAFF_TOKEN;
  if (opts.openEveryDay) await withOpenEveryDay(dataDir, env);
  const ctx = await createContext(env, silentLog);
  const app = createApp(ctx);
  const doFetch = (path: string, init?: RequestInit) => Promise.resolve(app.fetch(new Request(ORIGIN + path, init)));

  const t: TestApp = {
    ctx,
    app,
    dataDir,
    fetch: doFetch,
    async staff(path, body, expectStatus) {
      const res = await doFetch(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.staffToken ?? STAFF_TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await res.text();
      if (expectStatus !== undefined) assert.equal(res.status, expectStatus, text);
      else assert.ok(res.ok, `${path} → ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    addPatron: (p) =>
      t.staff('/api/staff/patrons', {
        birthDate: '1990-01-01',
        cardExpiresOn: '2030-03-31',
        ...p,
      }),
    async addTitle(n) {
      const copies = n.copies ?? [{ barcode: `T${process.pid}${++barcodeSeq}`, branch: 'central' }];
      const { bibId } = await t.staff('/api/staff/titles', {
        materialType: 'book',
        category: 'general',
        ...n,
        copies,
      });
      return { bibId, barcodes: copies.map((c) => c.barcode) };
    },
    checkout: (c) => t.staff('/api/staff/checkouts', c),
    async setClock(now) {
      await t.staff('/api/staff/clock', { now });
    },
    async login(cardNumber, password, o = {}) {
      const res = await doFetch('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cardNumber, password, ...o }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      const setCookies = res.headers.getSetCookie();
      const setCookie = setCookies.find((c) => /^(__Host-)?shiori_session=/.test(c)) ?? '';
      const cookie = setCookie.split(';')[0]!;
      const device = setCookies.find((c) => /^(__Host-)?shiori_device=/.test(c));
      const client: PatronClient = {
        cookie,
        setCookie,
        deviceCookie: device ? device.split(';')[0]! : null,
        fetch: (path, init = {}) => {
          const headers = new Headers(init.headers);
          headers.set('cookie', cookie);
          return doFetch(path, { ...init, headers });
        },
        async json(path) {
          const r = await client.fetch(path);
          const text = await r.text();
          assert.equal(r.status, 200, text);
          return JSON.parse(text);
        },
      };
      return client;
    },
    async close() {
      await closeContext(ctx);
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Reads an error answer: `{ status, code, body }`. */
export async function errorOf(res: Response): Promise<{ status: number; code: string; message: string; body: any }> {
  const body = (await res.json()) as any;
  return { status: res.status, code: body?.error?.code, message: body?.error?.message, body };
}
