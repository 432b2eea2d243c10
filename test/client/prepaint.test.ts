import { expect } from '@open-wc/testing';
import { KIOSK_COOKIE } from '../../common/kiosk.ts';

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
