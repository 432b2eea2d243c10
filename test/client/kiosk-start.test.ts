/**
 * A KIOSK=1 server's page ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode)): the kiosk flag cookie is in the browser before the app loads,
 * so the app is a kiosk from its first render; and a kiosk start hands over — it ends any session
 * the browser still carries before any page (the login form included) is shown.
 *
 * The app's modules read the flag when they load: this file sets the cookie first and imports them
 * dynamically (a static import would run before the cookie is there).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { KIOSK_COOKIE } from '../../common/kiosk.ts';
import type { ShioriApp } from '../../client/app/shiori-app.ts';
import type { Call, Handler } from './helpers.ts';

const HINT = 'shiori_session_hint';
function setCookie(pair: string): void {
  document.cookie = `${pair}; Path=/`;
}
function dropCookie(name: string): void {
  document.cookie = `${name}=; Path=/; Max-Age=0`;
}
const hasCookie = (pair: string) => document.cookie.split(';').some((p) => p.trim() === pair);

setCookie(`${KIOSK_COOKIE}=1`);
const helpers = await import('./helpers.ts');
const { snapshot } = await import('./fixtures.ts');
const { askApp } = await import('../../client/app/events.ts');
const { createApi } = await import('../../client/data/api.ts');
const { logIn } = await import('../../client/data/login.ts');
await import('../../client/app/shiori-app.ts');

const unauthenticated = () => helpers.json(401, { error: { code: 'unauthenticated', message: '' } });

/** The server side of a kiosk start: DELETE /api/session answered by `onDelete`, nobody logged in. */
function kioskServer(onDelete: () => Response | Promise<Response>): Handler {
  return (c: Call) => {
    if (c.path === '/api/session' && c.method === 'DELETE') return onDelete();
    if (c.path === '/api/session' && c.method === 'POST') return helpers.json(200, { patron: snapshot().patron, kiosk: true, idleTimeoutSeconds: 180 });
    if (c.path === '/api/account' && c.method === 'GET') return helpers.json(200, snapshot());
    return unauthenticated();
  };
}

async function renderAt(path: string): Promise<ShioriApp> {
  history.replaceState(null, '', path);
  return fixture<ShioriApp>(html`<shiori-app></shiori-app>`);
}

const routedPage = (el: ShioriApp) => el.shadowRoot!.querySelector('#outlet')!.firstElementChild;

describe('kiosk start on a KIOSK=1 server (flag cookie)', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    dropCookie(HINT);
  });
  afterEach(async () => {
    helpers.restoreFetch();
    dropCookie(HINT);
    history.replaceState(null, '', '/');
    await helpers.applyMode(helpers.STANDARD);
  });
  after(() => dropCookie(KIOSK_COOKIE));

  it('is kiosk mode from the first render: the banner is there, display choices and the cart stay in memory', async () => {
    const calls = helpers.stubApi(kioskServer(() => new Response(null, { status: 204 })));
    const el = await renderAt('/account');
    expect(el.state.kiosk).to.equal(true);
    expect(el.shadowRoot!.querySelector('p.kiosk')?.textContent).to.include('共用端末モード');
    await waitUntil(() => helpers.deepQuery(el, 'shiori-login-page') || helpers.deepQuery(el, 'table.loans'), 'no page was routed');

    const options = el.shadowRoot!.querySelector('shiori-display-options')!.shadowRoot!;
    options.querySelector<HTMLButtonElement>('button[data-option="palette:cud"]')!.click();
    await waitUntil(() => document.documentElement.dataset['palette'] === 'cud');
    askApp(el, 'shiori-cart-change', { bibIds: ['B1'] });
    expect(el.state.cart).to.deep.equal(['B1']);
    expect(localStorage.length, JSON.stringify({ ...localStorage })).to.equal(0);
    expect(sessionStorage.length).to.equal(0);
    for (const c of calls) expect(c.headers.get('X-Shiori-Kiosk'), c.path).to.equal('1');
  });

  it('ends the session the browser carries before any page is routed: DELETE /api/session comes first', async () => {
    let answer!: (r: Response) => void;
    const calls = helpers.stubApi(kioskServer(() => new Promise<Response>((resolve) => (answer = resolve))));
    const el = await renderAt('/account');
    await waitUntil(() => calls.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal(['DELETE /api/session']);
    expect(routedPage(el), 'nothing routed while the old session may be live').to.equal(null);

    answer(new Response(null, { status: 204 }));
    await waitUntil(() => helpers.deepQuery(el, 'table.loans'), 'the account page never came');
    expect(calls[0]!.method).to.equal('DELETE');
  });

  it('server unreachable with a session that may be live: 前の利用者のログアウト処理中…, no login form, until the server answers', async () => {
    setCookie(`${HINT}=1`);
    let reachable = false;
    const calls = helpers.stubApi(
      kioskServer(() => {
        if (!reachable) throw new TypeError('Failed to fetch');
        return new Response(null, { status: 204 });
      }),
    );
    const el = await renderAt('/login');
    await waitUntil(() => el.shadowRoot!.querySelector('.handover'), 'the handover state never showed');
    expect(el.shadowRoot!.querySelector('.handover')!.textContent).to.equal('前の利用者のログアウト処理中…');
    await helpers.waitForLive('前の利用者のログアウト処理中…');
    expect(helpers.deepQuery(el, '#card'), 'no login form yet').to.equal(null);
    await expect(el).to.be.accessible();

    // Another attempt (the browser says it is online again), still no server: still waiting.
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => calls.length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(helpers.deepQuery(el, '#card')).to.equal(null);

    reachable = true;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => helpers.deepQuery(el, '#card'), 'the login form never came', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('.handover')).to.equal(null);
    expect(hasCookie(`${HINT}=1`), 'the server said the session is over').to.equal(false);
    // Only DELETEs until the handover is over; then the library's information (no personal data).
    const firstOther = calls.findIndex((c) => !(c.method === 'DELETE' && c.path === '/api/session'));
    const afterHandover = firstOther === -1 ? [] : calls.slice(firstOther);
    expect(afterHandover.map((c) => `${c.method} ${c.path}`).filter((c) => c !== 'GET /api/library')).to.deep.equal([]);
    expect(calls.slice(0, firstOther === -1 ? calls.length : firstOther).length).to.be.greaterThan(2);
  });

  it('server unreachable and no session this browser knows of: the login form (nothing to wait for)', async () => {
    helpers.stubApi(
      kioskServer(() => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const el = await renderAt('/login');
    await waitUntil(() => helpers.deepQuery(el, '#card'), 'the login form never came');
    expect(el.shadowRoot!.querySelector('.handover')).to.equal(null);
  });

  it('a login notes that a session may be live before it is sent; a refused one does not leave the note', async () => {
    let seenWhileSending = false;
    helpers.stubApi((c) => {
      seenWhileSending = hasCookie(`${HINT}=1`);
      return c.body && (c.body as { password: string }).password === 'right1'
        ? helpers.json(200, { patron: snapshot().patron, kiosk: true, idleTimeoutSeconds: 180 })
        : helpers.json(401, { error: { code: 'invalid_credentials', message: '' } });
    });
    const api = createApi({ kiosk: () => true, language: () => 'ja', onUnauthenticated: () => undefined });
    await logIn(api, '2000000326', 'wrong1', true).catch(() => undefined);
    expect(seenWhileSending).to.equal(true);
    expect(hasCookie(`${HINT}=1`), 'a refused login made no session').to.equal(false);
    await logIn(api, '2000000326', 'right1', true);
    expect(hasCookie(`${HINT}=1`)).to.equal(true);
  });
});
