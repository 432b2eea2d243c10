/**
 * Test helpers: the API is stubbed at the fetch boundary only (window.fetch replaced), the display
 * modes are applied the way the app applies them, and components are rendered inside a
 * `<test-provider>` that provides the app's contexts (client/app/context.ts) with the test's own
 * values — the same AppState the shell uses, so no production module needs a test setter.
 */
import { aTimeout, expect, fixture as openWcFixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { Router } from '@vaadin/router';
import { customElement } from 'lit/decorators.js';
import { AppState, type AppStateOptions } from '../../client/app/app-state.ts';
import { appliedDisplayOptions, applyToDocument, type DisplayOptions } from '../../client/app/display-options.ts';
import { pageRoutes } from '../../client/app/routes.ts';
import { localeFor, setLocale } from '../../client/i18n/localize.ts';
import { LIBRARY } from './catalog-fixtures.ts';

/** What a test's app holds; anything left out is the ordinary start (no kiosk, nobody, empty cart, LIBRARY). */
export type TestApp = Partial<Omit<AppStateOptions, 'library'>> & {
  /** GET /api/library as provided; `'load'` = loaded through the (stubbed) API as the shell does. */
  library?: AppStateOptions['library'] | 'load';
};

/** Provides the app's contexts to its children, as `<shiori-app>` does. */
@customElement('test-provider')
export class TestProvider extends LitElement {
  state!: AppState;

  /** Set before the children connect (the template's property binding comes first). */
  set app(app: TestApp) {
    const { library, ...rest } = app;
    this.state = new AppState(this, {
      kiosk: false,
      display: appliedDisplayOptions(),
      ...rest,
      ...(library === 'load' ? {} : { library: library ?? LIBRARY }),
    });
  }

  /** The router of a routedFixture(), stopped when the fixture is removed. */
  router: Router | null = null;

  protected override createRenderRoot(): HTMLElement {
    // Light DOM: the children are the test's, rendered by the fixture.
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.router?.unsubscribe();
  }
}

/** Renders `template` inside a `<test-provider>` with `app`; returns the template's element. */
export async function fixture<T extends Element>(template: TemplateResult, app: TestApp = {}): Promise<T> {
  const provider = await openWcFixture<TestProvider>(html`<test-provider .app=${app}>${template}</test-provider>`);
  const el = provider.firstElementChild as T;
  await (el as unknown as Partial<LitElement>).updateComplete;
  return el;
}

/**
 * Opens `url` with Vaadin Router and the app's routes (client/app/routes.ts) inside a
 * `<test-provider>`: the page gets its `location` (route parameters, query) as in the shell, and a
 * navigation (Router.go) gives it the next one. Returns the routed page (its module must be imported).
 */
export async function routedFixture<T extends Element>(url: string, app: TestApp = {}): Promise<T> {
  history.replaceState(null, '', url);
  const provider = await openWcFixture<TestProvider>(html`<test-provider .app=${app}><div class="outlet"></div></test-provider>`);
  const outlet = provider.querySelector('.outlet')!;
  const router = new Router(outlet);
  provider.router = router;
  await router.setRoutes(pageRoutes.map((r) => ({ path: r.path, component: r.tag })));
  await waitUntil(() => outlet.firstElementChild, `no route rendered ${url}`);
  const el = outlet.firstElementChild as T;
  await (el as unknown as Partial<LitElement>).updateComplete;
  return el;
}

/** The app's state a fixture's element lives in (to read the cart, or change who is logged in). */
export function appOf(el: Element): AppState {
  const provider = el.closest('test-provider');
  if (!(provider instanceof TestProvider)) throw new Error('not rendered by fixture() of test/client/helpers.ts');
  return provider.state;
}

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

/** Applies a display mode to the page (a provider made afterwards starts with it, as the shell does). */
export async function applyMode(options: DisplayOptions): Promise<void> {
  applyToDocument(options);
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

/**
 * The native <dialog> of the dialog element `tag` inside `root`, once it is open. The dialogs are
 * their own chunks, loaded by the button that opens them: wait for the element to be defined too.
 */
export async function openedDialog(root: Element, tag: string): Promise<HTMLDialogElement> {
  await waitUntil(() => deepQuery(root, tag)?.shadowRoot?.querySelector('dialog')?.open, `${tag} never opened`);
  return deepQuery(root, tag)!.shadowRoot!.querySelector('dialog')!;
}
