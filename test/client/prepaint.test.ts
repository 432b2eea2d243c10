import { expect } from '@open-wc/testing';

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
});
