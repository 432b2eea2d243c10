/**
 * Test helpers: the API is stubbed at the fetch boundary only (window.fetch replaced), and the
 * display modes are applied the way the app applies them.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { setDisplayOptionsForTest, type DisplayOptions } from '../../client/app/display-options.ts';
import { localeFor, setLocale } from '../../client/i18n/localize.ts';

export interface Call {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

export type Handler = (call: Call) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}, extra: object = {}): Response {
  return json(status, { error: { code, message, ...extra } }, headers);
}

const realFetch = window.fetch;

/** Replaces window.fetch for /api calls; returns the log of calls. */
export function stubApi(handler: Handler): Call[] {
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
    if (!url.pathname.startsWith('/api/')) return realFetch(input, init);
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return handler(call);
  };
  return calls;
}

export function restoreFetch(): void {
  window.fetch = realFetch;
}

export const STANDARD: DisplayOptions = { palette: 'standard', audience: 'adult', size: 'm', lang: 'ja' };

/** Every display mode the tests run in: 標準/CUD, 大人/こども, 小/中/大, 日本語/English. */
export const MODES: Array<{ name: string; options: DisplayOptions }> = [
  { name: '標準 大人 中 日本語', options: STANDARD },
  { name: 'CUD', options: { ...STANDARD, palette: 'cud' } },
  { name: 'こども', options: { ...STANDARD, audience: 'kids' } },
  { name: '小', options: { ...STANDARD, size: 's' } },
  { name: '大', options: { ...STANDARD, size: 'l' } },
  { name: 'English', options: { ...STANDARD, lang: 'en' } },
  { name: 'CUD こども 大', options: { palette: 'cud', audience: 'kids', size: 'l', lang: 'ja' } },
];

export async function applyMode(options: DisplayOptions): Promise<void> {
  setDisplayOptionsForTest(options);
  await setLocale(localeFor(options));
}

/** Registers the teardown every page test needs: the real fetch back, and the standard display mode. */
export function afterEachRestoreFetchAndMode(): void {
  afterEach(async () => {
    restoreFetch();
    await applyMode(STANDARD);
  });
}

/**
 * One `is accessible (<mode>)` test per display mode, as every page test opens: the element rendered
 * in that mode passes axe; `alsoCheck` adds the page's own checks on the same render.
 */
export function itIsAccessibleInEveryMode(render: () => Promise<Element>, alsoCheck?: (el: Element) => void): void {
  for (const mode of MODES) {
    it(`is accessible (${mode.name})`, async () => {
      await applyMode(mode.options);
      const el = await render();
      await expect(el).to.be.accessible();
      alsoCheck?.(el);
    });
  }
}

/** Deep query through shadow roots. */
export function deepQuery<T extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): T | null {
  const direct = root.querySelector<T>(selector);
  if (direct) return direct;
  if (root instanceof Element && root.shadowRoot) {
    const inside = deepQuery<T>(root.shadowRoot, selector);
    if (inside) return inside;
  }
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const found = deepQuery<T>(el.shadowRoot, selector);
      if (found) return found;
    }
  }
  return null;
}

export function deepQueryAll<T extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): T[] {
  const out: T[] = [...root.querySelectorAll<T>(selector)];
  if (root instanceof Element && root.shadowRoot) out.push(...deepQueryAll<T>(root.shadowRoot, selector));
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepQueryAll<T>(el.shadowRoot, selector));
  return out;
}

/** The element that has focus, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

export function liveText(): string {
  return document.getElementById('shiori-live')?.textContent ?? '';
}

export async function waitForLive(text: string): Promise<void> {
  await waitUntil(() => liveText().includes(text), `live region never said ${text}; it says "${liveText()}"`, { timeout: 3000 });
}

/** Collects vaadin-router-go navigations (what Router.go dispatches on window). */
export function recordNavigations(): { paths: string[]; stop: () => void } {
  const paths: string[] = [];
  const listener = (e: Event) => {
    const d = (e as CustomEvent<{ pathname: string; search: string }>).detail;
    paths.push(`${d.pathname}${d.search}`);
  };
  window.addEventListener('vaadin-router-go', listener);
  return { paths, stop: () => window.removeEventListener('vaadin-router-go', listener) };
}

export { aTimeout };

/** The page-wide stylesheet (palettes, text size), as index.html links it. */
async function loadAppCss(): Promise<void> {
  if (document.querySelector('link[data-app-css]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/client/public/app.css';
  link.dataset['appCss'] = '';
  const loaded = new Promise((resolve) => link.addEventListener('load', resolve, { once: true }));
  document.head.append(link);
  await loaded;
  document.documentElement.dataset['ready'] = '';
}
await loadAppCss();
