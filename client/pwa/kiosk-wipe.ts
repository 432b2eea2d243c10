/**
 * Kiosk wipe ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode)): on ログアウト or when the idle countdown runs out, nothing of the patron stays
 * on the shared device; then the page starts again at the kiosk login, and that fresh page load drops
 * every in-memory state (the app's state lives in the page, nowhere else).
 *  - The screen is emptied at once.
 *  - The SW forgets its records (snapshots, queue, last patron: it keeps none in kiosk mode anyway)
 *    and every IndexedDB store of the origin is emptied. Cache Storage keeps only Workbox's precache
 *    (the app's own build files); any other cache is deleted.
 *  - Web storage is cleared, and so is every cookie a script can see except the kiosk flag and the
 *    session hint.
 *  - The session ends on the server. When the server cannot be reached, the HttpOnly session cookie
 *    stays (no script can remove it) and so does the session hint: the next kiosk start ends the
 *    session before it shows the login form (kiosk-handover.ts).
 */
import { msg } from '@lit/localize';
import { KIOSK_COOKIE } from '../../common/kiosk.ts';
import { href } from '../app/navigate.ts';
import { SESSION_HINT_COOKIE } from '../app/session-hint.ts';
import type { Api } from '../data/api.ts';
import { endServerSession } from '../data/session-end.ts';
import { forgetAll } from '../data/sw-bridge.ts';

/** Workbox names its precache `workbox-precache-v2-<scope>`: the build's files, nothing personal. */
const PRECACHE_PREFIX = 'workbox-precache';
/** A server that hangs must not keep the patron's page on screen: the next start retries. */
const LOGOUT_WAIT_MS = 3000;
const KEPT_COOKIES = new Set([KIOSK_COOKIE, SESSION_HINT_COOKIE]);

export async function wipeKioskDevice(api: Api): Promise<void> {
  const loginPath = href('/login');
  const done = document.createElement('p');
  done.textContent = msg('ログアウトしました', { id: 'logout.done' });
  document.body.replaceChildren(done);

  forgetAll();
  clearWebStorage();
  clearCookies();
  await Promise.all([emptyIndexedDb(), deleteRuntimeCaches()]);
  await endServerSession(api, LOGOUT_WAIT_MS);
  window.location.replace(loginPath);
}

function clearWebStorage(): void {
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // Storage blocked: then nothing was written there either.
  }
}

function clearCookies(): void {
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]!.trim();
    if (name && !KEPT_COOKIES.has(name)) document.cookie = `${name}=; Path=/; Max-Age=0`;
  }
}

async function emptyIndexedDb(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const databases = await indexedDB.databases().catch(() => []);
  await Promise.all(databases.map(({ name }) => (name ? emptyDatabase(name) : undefined)));
}

/** Empties every store (the schema stays: the SW keeps its connection open). */
function emptyDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.open(name);
    // The database vanished since it was listed: do not create it.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve();
    request.onsuccess = () => {
      const db = request.result;
      const stores = [...db.objectStoreNames];
      if (stores.length === 0) {
        db.close();
        resolve();
        return;
      }
      const tx = db.transaction(stores, 'readwrite');
      for (const store of stores) tx.objectStore(store).clear();
      tx.oncomplete = tx.onerror = tx.onabort = () => {
        db.close();
        resolve();
      };
    };
  });
}

async function deleteRuntimeCaches(): Promise<void> {
  if (typeof caches === 'undefined') return;
  const names = await caches.keys().catch(() => []);
  await Promise.all(names.filter((n) => !n.startsWith(PRECACHE_PREFIX)).map((n) => caches.delete(n)));
}
