/**
 * A real app over a real SQLite store in a temp DATA_DIR, for the account route tests, with small
 * fixtures written straight to the store (patrons, titles, loans, holds) and a JSON client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { H3 } from 'h3';
import { createApp } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/password-hash.ts';
import { closeContext, createContext, silentLog, type AppContext } from '../../server/context.ts';
import { keys, type HoldRecord, type LoanRecord, type PatronRecord, type TitleRecord } from '../../server/domain/records.ts';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Harness {
  ctx: AppContext;
  app: H3;
  dataDir: string;
  request<T = any>(method: string, path: string, opts?: { body?: unknown; cookie?: string | undefined; headers?: Record<string, string> }): Promise<Answer<T>>;
  /** Logs in and returns the Cookie header value for later requests. */
  login(cardNumber: string, password: string): Promise<string>;
  addPatron(p: Partial<PatronRecord> & { id: string; cardNumber: string }, password?: string | null): Promise<PatronRecord>;
  addTitle(bibId: string, title: string, extra?: Partial<TitleRecord>): Promise<TitleRecord>;
  patron(id: string): Promise<PatronRecord>;
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shiori-account-'));
  const ctx = await createContext({ DATA_DIR: dataDir, LIBRARY_NOW: '2020-04-27T10:00:00+09:00', DEMO: '0', ...env }, silentLog);
  const app = createApp(ctx, { appDir: dataDir });

  const request: Harness['request'] = async (method, path, opts = {}) => {
    const headers = new Headers(opts.headers);
    if (opts.cookie) headers.set('cookie', opts.cookie);
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers.set('content-type', 'application/json');
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await app.fetch(new Request(`http://localhost${path}`, { method, headers, body: body ?? null }));
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) };
  };

  return {
    ctx,
    app,
    dataDir,
    request,
    async login(cardNumber, password) {
      const res = await request('POST', '/api/session', { body: { cardNumber, password } });
      if (res.status !== 200) throw new Error(`login ${cardNumber}: ${res.status} ${JSON.stringify(res.body)}`);
      const setCookie = res.headers.get('set-cookie') ?? '';
      return setCookie.split(';')[0]!;
    },
    async addPatron(p, password = 'abc123') {
      const record: PatronRecord = {
        birthDate: '1990-01-01',
        cardExpiresOn: '2024-04-27',
        name: null,
        passwordHash: password === null ? null : await hashPassword(password),
        email: null,
        defaults: { pickupBranch: 'central', contactMethod: 'phone' },
        loans: [],
        holds: [],
        cancelledHolds: [],
        wishlist: { categories: [], entries: [] },
        ...p,
      };
      await ctx.store.transaction(async (tx) => {
        tx.set(keys.patron(record.id), record);
        tx.set(keys.card(record.cardNumber), record.id);
      });
      return record;
    },
    async addTitle(bibId, title, extra = {}) {
      const record: TitleRecord = {
        bibId,
        title,
        author: null,
        publisher: null,
        year: null,
        materialType: 'book',
        category: 'general',
        copies: [],
        queue: [],
        ...extra,
      };
      await ctx.store.transaction(async (tx) => tx.set(keys.title(bibId), record));
      ctx.catalog.upsert(record);
      return record;
    },
    async patron(id) {
      const p = await ctx.store.get<PatronRecord>(keys.patron(id));
      if (!p) throw new Error(`no patron ${id}`);
      return p;
    },
    async close() {
      await closeContext(ctx);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function loan(id: string, bibId: string, extra: Partial<LoanRecord> = {}): LoanRecord {
  return { id, bibId, barcode: `bc-${id}`, branch: 'central', loanedOn: '2020-04-07', dueOn: '2020-04-28', renewals: 0, interLibraryLoan: false, ...extra };
}

export function hold(id: string, bibId: string, extra: Partial<HoldRecord> = {}): HoldRecord {
  return {
    id,
    bibId,
    placedAt: '2020-04-20T01:00:00.000Z',
    placedOn: '2020-04-20',
    status: 'waiting',
    pickupBranch: 'central',
    contactMethod: 'email',
    notNeededAfter: null,
    pickupBy: null,
    barcode: null,
    seriesNo: null,
    seriesOrder: null,
    ...extra,
  };
}
