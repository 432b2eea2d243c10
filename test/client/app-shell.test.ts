import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Router } from '@vaadin/router';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../client/app/shiori-app.ts';
import type { ShioriApp } from '../../client/app/shiori-app.ts';
import { askApp } from '../../client/app/events.ts';
import { KIOSK_COOKIE } from '../../common/kiosk.ts';
import { LIBRARY } from './catalog-fixtures.ts';
import { snapshot } from './fixtures.ts';
import { MODES, STANDARD, applyMode, deepQuery, json, recordNavigations, restoreFetch, stubApi, type Call, openedDialog } from './helpers.ts';

function api(loggedIn: boolean) {
  return (c: Call) => {
    if (c.path === '/api/session' && c.method === 'GET') return loggedIn ? json(200, { patron: snapshot().patron, kiosk: false, idleTimeoutSeconds: 3600 }) : json(401, { error: { code: 'unauthenticated', message: '' } });
    if (c.path === '/api/session' && c.method === 'DELETE') return new Response(null, { status: 204 });
    if (c.path === '/api/account') return json(200, snapshot());
    if (c.path === '/api/library') return json(200, LIBRARY);
    return json(404, { error: { code: 'not_found', message: '' } });
  };
}

async function renderApp(): Promise<ShioriApp> {
  history.replaceState(null, '', '/account');
  const el = await fixture<ShioriApp>(html`<shiori-app></shiori-app>`);
  await waitUntil(() => deepQuery(el, 'table.loans'), 'the loans page never rendered');
  return el;
}

describe('app shell', () => {
  beforeEach(() => {
    localStorage.clear();
  });
  afterEach(async () => {
    restoreFetch();
    document.cookie = `${KIOSK_COOKIE}=; max-age=0; path=/`;
    history.replaceState(null, '', '/');
    await applyMode(STANDARD);
  });

  for (const mode of MODES) {
    it(`is accessible with the loans page (${mode.name})`, async () => {
      await applyMode(mode.options);
      stubApi(api(true));
      const el = await renderApp();
      await waitUntil(() => el.shadowRoot!.querySelector('button.logout'));
      await expect(el).to.be.accessible();
    });
  }

  it('shows the library name, ログイン before and 「ログインしています」 + ログアウト after, and 予約カート(N件)', async () => {
    stubApi(api(false));
    history.replaceState(null, '', '/login');
    const el = await fixture<ShioriApp>(html`<shiori-app></shiori-app>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('.brand')!.textContent).to.equal('小金井市立図書館');
    expect(root.querySelector('a.login')!.textContent).to.equal('ログイン');
    askApp(el, 'shiori-cart-change', { bibIds: ['B1', 'B2'] });
    await waitUntil(() => root.querySelector('a.cart')!.textContent!.includes('予約カート(2件)'));
    askApp(el, 'shiori-session-change', { patron: snapshot().patron });
    await waitUntil(() => root.querySelector('.status'));
    expect(root.querySelector('.status')!.textContent).to.equal('ログインしています');
    expect(root.querySelector('button.logout')!.textContent).to.equal('ログアウト');
    askApp(el, 'shiori-cart-change', { bibIds: [] });
  });

  it('has the 利用者のページ menu with the seed entries, then 通知設定, お知らせ and 利用者カード (keyboard: Escape closes)', async () => {
    stubApi(api(true));
    const el = await renderApp();
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('#menu-button')!;
    button.click();
    await waitUntil(() => button.getAttribute('aria-expanded') === 'true');
    const links = [...el.shadowRoot!.querySelectorAll('#patron-menu a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).to.deep.equal([
      ['利用状況一覧', '/account'],
      ['パスワード変更', '/password'],
      ['メール登録・変更', '/email'],
      ['受取館・連絡方法 初期設定', '/preferences'],
      ['通知設定', '/notifications'],
      ['お知らせ', '/notices'],
      ['利用者カード', '/card'],
    ]);
    el.shadowRoot!.querySelector<HTMLElement>('#patron-menu a')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => button.getAttribute('aria-expanded') === 'false');
    expect(el.shadowRoot!.activeElement).to.equal(button);
  });

  it('display options: CUD, こども, 大 and English change the page and are stored on the device', async () => {
    stubApi(api(true));
    const el = await renderApp();
    const options = el.shadowRoot!.querySelector('shiori-display-options')!.shadowRoot!;
    const pick = (o: string) => options.querySelector<HTMLButtonElement>(`button[data-option="${o}"]`)!;
    pick('palette:cud').click();
    await waitUntil(() => document.documentElement.dataset['palette'] === 'cud');
    expect(getComputedStyle(document.documentElement).getPropertyValue('--c-primary').trim().toLowerCase()).to.equal('#005aff');
    pick('size:l').click();
    await waitUntil(() => document.documentElement.dataset['size'] === 'l');
    pick('audience:kids').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.brand ruby'));
    expect(pick('audience:kids').getAttribute('aria-pressed')).to.equal('true');
    pick('lang:en').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.brand')!.textContent === 'Koganei City Library');
    expect(document.documentElement.lang).to.equal('en');
    expect(JSON.parse(localStorage.getItem('shiori.display')!)).to.deep.equal({ palette: 'cud', audience: 'kids', size: 'l', lang: 'en' });
  });

  it('on a 360 px phone the display options fold behind 表示設定 (aria-expanded), and unfold on request; wide screens show them', async () => {
    stubApi(api(true));
    await setViewport({ width: 360, height: 740 });
    try {
      const el = await renderApp();
      // On a phone the display options live in the header's メニュー: open it first.
      el.shadowRoot!.querySelector<HTMLButtonElement>('#site-menu-button')!.click();
      await el.updateComplete;
      const options = el.shadowRoot!.querySelector('shiori-display-options')!.shadowRoot!;
      const toggle = options.querySelector<HTMLButtonElement>('button.toggle')!;
      const groups = options.querySelector<HTMLElement>('#groups')!;
      expect(toggle.getAttribute('aria-controls')).to.equal('groups');
      expect(getComputedStyle(toggle).display).to.not.equal('none');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(getComputedStyle(groups).display).to.equal('none');
      toggle.click();
      await waitUntil(() => toggle.getAttribute('aria-expanded') === 'true');
      expect(getComputedStyle(groups).display).to.not.equal('none');
      expect(options.querySelector('button[data-option="palette:cud"]')!.getBoundingClientRect().height).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
      await setViewport({ width: 1280, height: 800 });
      toggle.click();
      await waitUntil(() => toggle.getAttribute('aria-expanded') === 'false');
      expect(getComputedStyle(toggle).display).to.equal('none');
      expect(getComputedStyle(groups).display).to.not.equal('none');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('kiosk mode: the menu has no 通知設定 and no お知らせ (nothing of reminders on a shared device)', async () => {
    document.cookie = `${KIOSK_COOKIE}=1; path=/`;
    stubApi(api(true));
    const el = await renderApp();
    const links = [...el.shadowRoot!.querySelectorAll('#patron-menu a')].map((a) => a.textContent);
    expect(links).to.include('利用状況一覧');
    expect(links).to.not.include('通知設定');
    expect(links).to.not.include('お知らせ');
  });

  it('kiosk mode: every API call carries X-Shiori-Kiosk: 1 and nothing is written to web storage', async () => {
    // What a KIOSK=1 server's page carries: the kiosk flag cookie (common/kiosk.ts).
    document.cookie = `${KIOSK_COOKIE}=1; path=/`;
    const calls = stubApi(api(true));
    const el = await renderApp();
    const options = el.shadowRoot!.querySelector('shiori-display-options')!.shadowRoot!;
    options.querySelector<HTMLButtonElement>('button[data-option="palette:cud"]')!.click();
    askApp(el, 'shiori-cart-change', { bibIds: ['B1'] });
    await waitUntil(() => document.documentElement.dataset['palette'] === 'cud');
    expect(el.state.cart).to.deep.equal(['B1']);
    expect(localStorage.length).to.equal(0);
    expect(sessionStorage.length).to.equal(0);
    expect(calls.length).to.be.greaterThan(0);
    for (const c of calls) expect(c.headers.get('X-Shiori-Kiosk'), c.path).to.equal('1');
  });

  it('ログアウト with a renewal waiting: warns first; then forgets the patron in the SW, ends the session, goes to login', async () => {
    const posted: unknown[] = [];
    Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: { controller: { postMessage: (m: unknown) => posted.push(m) } } });
    const calls = stubApi(api(true));
    const el = await renderApp();
    await waitUntil(() => el.shadowRoot!.querySelector('button.logout'));
    askApp(el, 'shiori-pending-renewals', { count: 1 });
    const nav = recordNavigations();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.logout')!.click();
    const dialog = await openedDialog(el, 'shiori-confirm-dialog');
    const confirm = el.shadowRoot!.querySelector('shiori-confirm-dialog')!;
    expect(dialog.textContent).to.include('送信待ちの延長はまだ図書館に送られていません');
    await expect(confirm).to.be.accessible();
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitUntil(() => nav.paths.includes('/login'));
    nav.stop();
    delete (navigator as unknown as Record<string, unknown>)['serviceWorker'];
    expect(posted).to.deep.equal([{ type: 'forget-patron', patronId: 'p-326' }]);
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/session')).to.equal(true);
  });

  it('a 401 (idle timeout) ends the header\'s 「ログインしています」 and goes to login with the return path', async () => {
    let expired = false;
    stubApi((c) => (expired && c.path === '/api/account' ? json(401, { error: { code: 'unauthenticated', message: '' } }) : api(true)(c)));
    const el = await renderApp();
    await waitUntil(() => el.shadowRoot!.querySelector('button.logout'));
    expired = true;
    const nav = recordNavigations();
    (deepQuery(el, 'shiori-account-page') as unknown as { load(): Promise<void> }).load();
    await waitUntil(() => nav.paths.length > 0);
    nav.stop();
    expect(nav.paths[0]).to.equal(`/login?return=${encodeURIComponent('/account')}`);
    await waitUntil(() => el.shadowRoot!.querySelector('a.login'));
  });

  it('deep links: /account/holds opens the 予約 tab, and navigating to /account/cancelled opens 予約取消', async () => {
    stubApi(api(true));
    history.replaceState(null, '', '/account/holds');
    const el = await fixture<ShioriApp>(html`<shiori-app></shiori-app>`);
    await waitUntil(() => deepQuery(el, 'table.holds'), 'the holds tab never showed');
    Router.go('/account/cancelled');
    await waitUntil(() => deepQuery(el, 'table.cancelled'), 'the cancelled tab never showed');
    expect(deepQuery(el, '#tab-cancelled')!.getAttribute('aria-selected')).to.equal('true');
  });

  it('shows the not-found page for an unknown path', async () => {
    stubApi(api(true));
    history.replaceState(null, '', '/no/such/page');
    const el = await fixture<ShioriApp>(html`<shiori-app></shiori-app>`);
    await waitUntil(() => deepQuery(el, 'shiori-not-found-page')?.shadowRoot?.querySelector('h1'));
    expect(deepQuery(el, 'shiori-not-found-page')!.shadowRoot!.querySelector('h1')!.textContent).to.equal('ページが見つかりません');
    await expect(el).to.be.accessible();
  });
});
