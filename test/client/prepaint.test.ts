import { expect } from '@open-wc/testing';
import { KIOSK_COOKIE } from '../../common/kiosk.ts';
import { json, restoreFetch, stubApi, type Call } from './helpers.ts';

/** Runs client/public/prepaint.js as index.html does (a classic script in <head>). */
async function runPrepaint(): Promise<void> {
  const script = document.createElement('script');
  script.src = `/client/public/prepaint.js?run=${Math.random()}`;
  const done = new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = reject;
  });
  document.head.append(script);
  await done;
  script.remove();
}

describe('prepaint.js: stored display options before first paint', () => {
  afterEach(() => localStorage.clear());

  it('applies the stored palette, audience, size and language to <html>', async () => {
    localStorage.setItem('shiori.display', JSON.stringify({ palette: 'cud', audience: 'kids', size: 'l', lang: 'en' }));
    await runPrepaint();
    const html = document.documentElement;
    expect([html.dataset['palette'], html.dataset['audience'], html.dataset['size'], html.lang]).to.deep.equal(['cud', 'kids', 'l', 'en']);
  });

  it('falls back to 標準 · 大人 · 中 · 日本語 for nothing stored or garbage', async () => {
    localStorage.setItem('shiori.display', '{not json');
    await runPrepaint();
    const html = document.documentElement;
    expect([html.dataset['palette'], html.dataset['audience'], html.dataset['size'], html.lang]).to.deep.equal(['standard', 'adult', 'm', 'ja']);
  });

  it("ignores stored options on a KIOSK=1 server's page (its flag cookie): a shared device keeps nothing", async () => {
    localStorage.setItem('shiori.display', JSON.stringify({ palette: 'cud', audience: 'kids', size: 'l', lang: 'en' }));
    document.cookie = `${KIOSK_COOKIE}=1; Path=/`;
    try {
      await runPrepaint();
    } finally {
      document.cookie = `${KIOSK_COOKIE}=; Path=/; Max-Age=0`;
    }
    const html = document.documentElement;
    expect([html.dataset['palette'], html.dataset['audience'], html.dataset['size'], html.lang]).to.deep.equal(['standard', 'adult', 'm', 'ja']);
  });

  it('is not fooled by a look-alike cookie (another name, another value)', async () => {
    localStorage.setItem('shiori.display', JSON.stringify({ palette: 'cud', audience: 'adult', size: 'm', lang: 'ja' }));
    document.cookie = `x${KIOSK_COOKIE}=1; Path=/`;
    document.cookie = `${KIOSK_COOKIE}x=1; Path=/`;
    try {
      await runPrepaint();
    } finally {
      document.cookie = `x${KIOSK_COOKIE}=; Path=/; Max-Age=0`;
      document.cookie = `${KIOSK_COOKIE}x=; Path=/; Max-Age=0`;
    }
    expect(document.documentElement.dataset['palette']).to.equal('cud');
  });
});

describe('prepaint.js: the account page first asks GET /api/account at once', () => {
  let calls: Call[] = [];
  beforeEach(() => {
    calls = stubApi(() => json(200, {}));
  });
  afterEach(() => {
    restoreFetch();
    localStorage.clear();
    window.shioriStartAccount = null;
    history.replaceState(null, '', '/');
  });

  async function startAt(path: string): Promise<string[]> {
    history.replaceState(null, '', path);
    window.shioriStartAccount = null;
    calls.length = 0;
    await runPrepaint();
    return calls.map((c) => `${c.method} ${c.path}`);
  }

  it('asks on /, /account and /account/<tab>, in the stored language, and keeps the pending answer for the page', async () => {
    localStorage.setItem('shiori.display', JSON.stringify({ lang: 'en' }));
    for (const path of ['/', '/account', '/account/holds']) {
      expect(await startAt(path), path).to.deep.equal(['GET /api/account']);
      expect(window.shioriStartAccount, path).to.be.instanceOf(Promise);
    }
    expect(calls[0]!.headers.get('Accept-Language')).to.equal('en');
    expect((await window.shioriStartAccount!).status).to.equal(200);
  });

  it('asks nothing personal on another first page: the login page, search, the card, a look-alike path', async () => {
    for (const path of ['/login', '/login?return=%2Faccount', '/search', '/card', '/accounts']) {
      expect(await startAt(path), path).to.deep.equal([]);
      expect(window.shioriStartAccount, path).to.equal(null);
    }
  });

  it('asks nothing on a kiosk: a /kiosk/ page, or any page with the kiosk flag cookie', async () => {
    expect(await startAt('/kiosk/account')).to.deep.equal([]);
    document.cookie = `${KIOSK_COOKIE}=1; Path=/`;
    try {
      expect(await startAt('/account')).to.deep.equal([]);
    } finally {
      document.cookie = `${KIOSK_COOKIE}=; Path=/; Max-Age=0`;
    }
    expect(window.shioriStartAccount).to.equal(null);
  });

  it('a navigation before the account page took it drops it (a later visit asks afresh)', async () => {
    await startAt('/account');
    window.dispatchEvent(new CustomEvent('vaadin-router-go', { detail: { pathname: '/search', search: '', hash: '' } }));
    expect(window.shioriStartAccount).to.equal(null);
  });
});
