/**
 * Helpers for the kiosk end-to-end tests (on top of offline-support.ts): what the first visible
 * frame showed, and "nothing of this patron anywhere the browser keeps data" — IndexedDB, Cache
 * Storage, web storage and every cookie a script can read.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { KIOSK_COOKIE } from '../../common/kiosk.ts';
import { dumpCacheStorage, dumpIndexedDb, dumpWebStorage, type SeededPatron } from './offline-support.ts';

/** The one HttpOnly cookie: the session. Script-visible cookies may only be these non-personal flags. */
export const SESSION_COOKIE = 'shiori_session';
const FLAG_COOKIES = new Set([KIOSK_COOKIE, 'shiori_session_hint']);

export interface FirstFrame {
  /** The shell's 共用端末モード banner was rendered. */
  kioskBanner: boolean;
  palette: string | undefined;
  lang: string;
}

/**
 * Records, on every page of the context, what the first frame in which the shell is visible shows
 * (app.css hides it until `data-ready`): a requestAnimationFrame callback runs just before that
 * frame is painted. A kiosk learnt from a later answer would not be in it.
 */
export async function recordFirstVisibleFrame(context: BrowserContext): Promise<void> {
  // A string, not a function: tsx's name helpers do not exist in the page.
  await context.addInitScript(`(() => {
    const look = () => {
      const root = document.documentElement;
      if (!root.hasAttribute('data-ready')) return requestAnimationFrame(look);
      const app = document.querySelector('shiori-app');
      window.__firstFrame = { kioskBanner: Boolean(app && app.shadowRoot && app.shadowRoot.querySelector('p.kiosk')), palette: root.dataset.palette, lang: root.lang };
    };
    requestAnimationFrame(look);
  })()`);
}

export async function firstVisibleFrame(page: Page): Promise<FirstFrame> {
  const handle = await page.waitForFunction(() => (window as unknown as { __firstFrame?: FirstFrame }).__firstFrame, undefined, { timeout: 20_000 });
  return (await handle.jsonValue()) as FirstFrame;
}

/** The session cookie's value as the browser holds it now (HttpOnly: only the browser API sees it). */
export async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  if (cookie) assert.equal(cookie.httpOnly, true, 'the session cookie is HttpOnly');
  return cookie?.value;
}

/** Nothing of the patron (title, patron id, card digits) in IndexedDB, Cache Storage, web storage or script-visible cookies. */
export async function assertNothingOf(page: Page, p: SeededPatron): Promise<void> {
  const idb = await dumpIndexedDb(page);
  const cache = await dumpCacheStorage(page);
  const web = await dumpWebStorage(page);
  const cookies = (await page.context().cookies()).filter((c) => !c.httpOnly);
  const cookieText = JSON.stringify(cookies);
  for (const secret of [p.title, p.patronId, p.cardNumber, p.cardNumber.slice(-3) + '"']) {
    assert.ok(!idb.includes(secret), `IndexedDB: ${idb}`);
    assert.ok(!cache.text.includes(secret), 'Cache Storage');
    assert.ok(!web.includes(secret), `web storage: ${web}`);
    assert.ok(!cookieText.includes(secret), `cookies: ${cookieText}`);
  }
  assert.ok(!cache.urls.some((u) => new URL(u).pathname.startsWith('/api')), 'no /api response in Cache Storage');
  for (const c of cookies) assert.ok(FLAG_COOKIES.has(c.name) && c.value === '1', `only non-personal flags are readable by script: ${cookieText}`);
}

/** GET /api/session from outside the browser with a session cookie value: is that session alive on the server? */
export async function sessionStatus(baseUrl: string, sessionId: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/session`, { headers: { cookie: `${SESSION_COOKIE}=${sessionId}` } });
  await res.body?.cancel();
  return res.status;
}
