/**
 * How a KIOSK=1 server tells its pages they are a kiosk before they ask anything ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode), [docs/api.md#library](../../docs/api.md#library)):
 * GET /api/library `kiosk`, and the non-personal `shiori_kiosk=1` cookie on index.html and
 * GET /api/library that the page reads before first paint (also when the SW answers the page).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LibraryInfo } from '../../common/api.ts';
import { KIOSK_COOKIE, hasKioskFlag } from '../../common/kiosk.ts';
import { KIOSK_HEADER } from '../../common/offline.ts';
import { createApp } from '../../server/app.ts';
import { startTestApp } from './helpers.ts';

let appDir: string;
before(async () => {
  appDir = await mkdtemp(join(tmpdir(), 'shiori-kiosk-app-'));
  await writeFile(join(appDir, 'index.html'), '<!doctype html><title>栞</title>');
  await writeFile(join(appDir, 'app-DLxfqRQH.js'), 'export{}');
});
after(() => rm(appDir, { recursive: true, force: true }));

/** A test app serving the small app directory above; `get` sends the given request headers. */
async function server(env: Record<string, string> = {}) {
  const t = await startTestApp({ env });
  const app = createApp(t.ctx, { appDir });
  const get = (path: string, headers: Record<string, string> = {}, origin = 'http://localhost') =>
    Promise.resolve(app.fetch(new Request(`${origin}${path}`, { headers })));
  return { t, get };
}

const flagCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${KIOSK_COOKIE}=`));

describe('on a KIOSK=1 server', () => {
  let s: Awaited<ReturnType<typeof server>>;
  before(async () => (s = await server({ KIOSK: '1' })));
  after(() => s.t.close());

  it('the flag is Secure on answers over HTTPS, and only there', async () => {
    for (const path of ['/', '/api/library']) {
      const https = await s.get(path, {}, 'https://library.example');
      assert.match(flagCookie(https) ?? '', /^shiori_kiosk=1; Path=\/; Secure; /, path);
      assert.doesNotMatch(flagCookie(await s.get(path)) ?? '', /Secure/, path);
    }
  });

  it('GET /api/library says kiosk: true', async () => {
    const info = (await (await s.get('/api/library')).json()) as LibraryInfo;
    assert.equal(info.kiosk, true);
  });

  it('every page answer (index.html, on any path) and GET /api/library set the flag: readable by script, long-lived, nothing personal', async () => {
    for (const path of ['/', '/login', '/account/loans', '/kiosk/login', '/index.html', '/api/library']) {
      const cookie = flagCookie(await s.get(path));
      assert.ok(cookie, `${path} sets the flag`);
      assert.match(cookie, /^shiori_kiosk=1; /);
      assert.match(cookie, /; Path=\//);
      assert.match(cookie, /; Max-Age=34560000/, 'kept 400 days: a restart with the server unreachable still knows');
      assert.doesNotMatch(cookie, /HttpOnly/i, 'prepaint.js must read it');
    }
  });

  it('hashed chunks carry no cookie (they are cached for a year)', async () => {
    const res = await s.get('/app-DLxfqRQH.js');
    assert.equal(res.status, 200);
    assert.equal(flagCookie(res), undefined);
  });

  it("another app's malformed cookie on the same host changes nothing", async () => {
    const res = await s.get('/', { cookie: 'analytics=100%; shiori_kiosk=%%' });
    assert.equal(res.status, 200);
    assert.match(flagCookie(res) ?? '', /^shiori_kiosk=1;/);
  });
});

describe('on a server without KIOSK', () => {
  let s: Awaited<ReturnType<typeof server>>;
  before(async () => (s = await server()));
  after(() => s.t.close());

  it('GET /api/library says kiosk: false, and sets no cookie', async () => {
    const res = await s.get('/api/library');
    assert.equal(((await res.json()) as LibraryInfo).kiosk, false);
    assert.equal(flagCookie(res), undefined);
    assert.equal(flagCookie(await s.get('/login')), undefined);
  });

  it('a /kiosk/ page (it sends the kiosk header) is told kiosk: true, and still gets no server-wide flag', async () => {
    const res = await s.get('/api/library', { [KIOSK_HEADER]: '1' });
    assert.equal(((await res.json()) as LibraryInfo).kiosk, true);
    assert.equal(flagCookie(res), undefined);
    const off = (await (await s.get('/api/library', { [KIOSK_HEADER]: '0' })).json()) as LibraryInfo;
    assert.equal(off.kiosk, false);
  });

  it('clears a flag left from when it ran with KIOSK=1', async () => {
    for (const path of ['/', '/api/library']) {
      const cookie = flagCookie(await s.get(path, { cookie: `${KIOSK_COOKIE}=1` }));
      assert.ok(cookie, path);
      assert.match(cookie, /^shiori_kiosk=; /);
      assert.match(cookie, /; Max-Age=0/);
    }
  });
});

describe('reading the flag (page and server)', () => {
  it('matches the whole pair only, and survives malformed cookies', () => {
    assert.equal(hasKioskFlag('shiori_kiosk=1'), true);
    assert.equal(hasKioskFlag('a=b; shiori_kiosk=1; c=d'), true);
    assert.equal(hasKioskFlag('analytics=100%;shiori_kiosk=1'), true);
    for (const no of ['', null, undefined, 'shiori_kiosk=0', 'shiori_kiosk=', 'xshiori_kiosk=1', 'shiori_kiosk=10', 'a=shiori_kiosk=1']) {
      assert.equal(hasKioskFlag(no), false, String(no));
    }
  });
});
