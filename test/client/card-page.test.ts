/**
 * 利用者カード (/card): the barcode drawn with the library's symbology (policy `card.barcode`) —
 * each compared with what bwip-js itself draws for the expected symbology — the digits beneath, the
 * 有効期限日 and 有効期限切れ in words, 画面を明るくしてください, the offline banner, the screen kept
 * awake (a fake navigator.wakeLock) and given back, nothing personal on a kiosk; axe in every mode.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { toSVG } from 'bwip-js/generic';
import '../../client/pages/card/card-page.ts';
import type { CardPage } from '../../client/pages/card/card-page.ts';
import { renderOptions } from '../../client/pages/card/card-barcode.ts';
import type { AccountSnapshot, CardBarcode, LibraryInfo } from '../../common/api.ts';
import { OFFLINE_HEADER } from '../../common/offline.ts';
import { LIBRARY } from './catalog-fixtures.ts';
import { snapshot } from './fixtures.ts';
import { STANDARD, afterEachRestoreFetchAndMode, applyMode, fixture, itIsAccessibleInEveryMode, json, stubApi, type Call } from './helpers.ts';

const CARD = '2000000326';

function account(patron: Partial<AccountSnapshot['patron']> = {}): AccountSnapshot {
  const s = snapshot();
  return { ...s, patron: { ...s.patron, cardNumber: CARD, cardExpiresOn: '2028-03-31', ...patron } };
}

function libraryWith(barcode: CardBarcode | undefined): LibraryInfo {
  const { card: _card, ...policy } = LIBRARY.policy;
  return { ...LIBRARY, policy: barcode ? { ...policy, card: { barcode } } : policy };
}

async function renderCard(opts: { body?: AccountSnapshot; headers?: Record<string, string>; library?: LibraryInfo; kiosk?: boolean } = {}): Promise<{ el: CardPage; calls: Call[] }> {
  const calls = stubApi(() => json(200, opts.body ?? account(), opts.headers ?? {}));
  const el = await fixture<CardPage>(html`<shiori-card-page></shiori-card-page>`, { library: opts.library ?? LIBRARY, kiosk: opts.kiosk ?? false });
  if (!opts.kiosk) await waitUntil(() => el.shadowRoot!.querySelector('.symbol svg, .notice.warn'), 'the card never showed');
  return { el, calls };
}

const root = (el: CardPage) => el.shadowRoot!;
const text = (node: Element | ShadowRoot) => node.textContent!.replace(/\s+/g, ' ');

/** The symbology bwip-js must draw for each policy value (NW-7 with its start/stop characters A). */
const EXPECTED: Record<CardBarcode, { bcid: string; text: string }> = {
  codabar: { bcid: 'rationalizedCodabar', text: `A${CARD}A` },
  code39: { bcid: 'code39', text: CARD },
  code128: { bcid: 'code128', text: CARD },
  qrcode: { bcid: 'qrcode', text: CARD },
};

/** Lit's markers and the DOM's serialisation aside: the shapes (paths) and the frame of an SVG. */
function shapesOf(svg: string): { viewBox: string | null; paths: string[] } {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  return { viewBox: doc.documentElement.getAttribute('viewBox'), paths: [...doc.querySelectorAll('path')].map((p) => p.getAttribute('d') ?? '') };
}

/** A fake Screen Wake Lock: what was asked for, and sentinels the test can drop as a browser does. */
function fakeWakeLock() {
  const requests: string[] = [];
  const sentinels: Array<{ released: boolean; release(): Promise<void> }> = [];
  const api = {
    request: async (type: string) => {
      requests.push(type);
      const s = {
        released: false,
        async release() {
          s.released = true;
        },
      };
      sentinels.push(s);
      return s;
    },
  };
  Object.defineProperty(navigator, 'wakeLock', { value: api, configurable: true });
  return { requests, sentinels, restore: () => delete (navigator as unknown as { wakeLock?: unknown }).wakeLock };
}

describe('利用者カード', () => {
  afterEachRestoreFetchAndMode();
  itIsAccessibleInEveryMode(async () => (await renderCard()).el);

  it('is accessible with an expired card, offline, in every palette', async () => {
    for (const options of [STANDARD, { ...STANDARD, palette: 'cud' as const }, { ...STANDARD, audience: 'kids' as const, size: 'l' as const }]) {
      await applyMode(options);
      const { el } = await renderCard({ body: account({ cardExpired: true }), headers: { [OFFLINE_HEADER]: '2020-04-28T01:00:00.000Z' } });
      await expect(el).to.be.accessible();
    }
  });

  for (const symbology of ['codabar', 'code39', 'code128', 'qrcode'] as const) {
    it(`draws the card number in the policy's symbology: ${symbology}`, async () => {
      const { el } = await renderCard({ library: libraryWith(symbology) });
      const symbol = root(el).querySelector<HTMLElement>('.symbol')!;
      expect(symbol.dataset['symbology']).to.equal(symbology);
      expect(symbol.getAttribute('role')).to.equal('img');
      // What bwip-js draws for the expected symbology and text, by its own name for it.
      const reference = toSVG({ ...renderOptions(symbology, CARD), ...EXPECTED[symbology] });
      expect(shapesOf(symbol.innerHTML)).to.deep.equal(shapesOf(reference));
      expect(shapesOf(reference).paths.join('').length).to.be.greaterThan(100);
    });
  }

  it('names the symbology in the barcode’s label, and the four draw four different symbols', async () => {
    const drawn = new Set<string>();
    for (const [symbology, name] of [['codabar', 'NW-7'], ['code39', 'CODE39'], ['code128', 'CODE128'], ['qrcode', 'QR']] as const) {
      const { el } = await renderCard({ library: libraryWith(symbology) });
      const symbol = root(el).querySelector<HTMLElement>('.symbol')!;
      expect(symbol.getAttribute('aria-label')).to.equal(`利用券番号のバーコード（${name}）`);
      drawn.add(JSON.stringify(shapesOf(symbol.innerHTML)));
    }
    expect(drawn.size).to.equal(4);
  });

  it('draws NW-7 when the library answer predates card.barcode', async () => {
    const { el } = await renderCard({ library: libraryWith(undefined) });
    expect(root(el).querySelector<HTMLElement>('.symbol')!.dataset['symbology']).to.equal('codabar');
  });

  it('shows the digits beneath the barcode, the 有効期限日 and 画面を明るくしてください', async () => {
    const { el, calls } = await renderCard();
    expect(calls.map((c) => c.path)).to.deep.equal(['/api/account']);
    const figure = root(el).querySelector('figure')!;
    expect(figure.querySelector('.symbol')!.compareDocumentPosition(figure.querySelector('.digits')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(text(figure.querySelector('.digits')!)).to.equal(`利用券番号:${CARD}`);
    expect(text(root(el))).to.include('有効期限日:2028/03/31');
    expect(text(root(el))).to.include('画面を明るくしてください。');
    expect(text(root(el))).not.to.include('有効期限切れ');
    // The digits are large: bigger than the page's own text.
    const digits = parseFloat(getComputedStyle(figure.querySelector('.digits')!).fontSize);
    expect(digits).to.be.greaterThan(parseFloat(getComputedStyle(el).fontSize) * 1.4);
  });

  it('says 有効期限切れ in words when the card has expired', async () => {
    const { el } = await renderCard({ body: account({ cardExpiresOn: '2020-03-31', cardExpired: true }) });
    expect(text(root(el).querySelector('.expires')!)).to.include('有効期限切れ');
    expect(text(root(el))).to.include('窓口で更新してください');
    // The barcode is still shown: the desk renews the card from it.
    expect(root(el).querySelector('.symbol svg')).to.not.equal(null);
  });

  it('offline: the card from the device, with the banner saying as of when', async () => {
    const { el } = await renderCard({ headers: { [OFFLINE_HEADER]: '2020-04-28T01:00:00.000Z' } });
    expect(text(root(el).querySelector('.offline-banner')!)).to.include('オフライン表示中');
    expect(root(el).querySelector('.symbol svg')).to.not.equal(null);
  });

  it('without a number on the device (a snapshot kept from before): says so, draws nothing', async () => {
    const { el } = await renderCard({ body: account({ cardNumber: undefined }) });
    expect(root(el).querySelector('.symbol')).to.equal(null);
    expect(text(root(el))).to.include('カードの番号がまだありません');
    expect(text(root(el))).to.include('有効期限日:2028/03/31');
  });

  it('in English and in the kids’ wording', async () => {
    await applyMode({ ...STANDARD, lang: 'en' });
    let { el } = await renderCard({ body: account({ cardExpired: true }) });
    expect(text(root(el))).to.include('Please turn up the screen brightness.');
    expect(text(root(el).querySelector('.expires')!)).to.include('Expired');
    await applyMode({ ...STANDARD, audience: 'kids' });
    ({ el } = await renderCard());
    expect(text(root(el))).to.include('がめんを あかるく してね。');
  });

  it('keeps the screen awake while shown, asks again when shown again, and gives it back on leaving', async () => {
    const wake = fakeWakeLock();
    try {
      const { el } = await renderCard();
      await waitUntil(() => wake.requests.length === 1, 'no wake lock was asked for');
      expect(wake.requests).to.deep.equal(['screen']);
      // The browser drops the lock when the page is hidden; coming back asks again.
      wake.sentinels[0]!.released = true;
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => wake.requests.length === 2, 'the lock was not asked for again');
      // Visible again while still held: no second lock.
      document.dispatchEvent(new Event('visibilitychange'));
      await new Promise((r) => setTimeout(r, 50));
      expect(wake.requests).to.have.length(2);
      el.remove();
      await waitUntil(() => wake.sentinels[1]!.released, 'the lock was not given back');
      document.dispatchEvent(new Event('visibilitychange'));
      await new Promise((r) => setTimeout(r, 50));
      expect(wake.requests).to.have.length(2);
    } finally {
      wake.restore();
    }
  });

  it('works where there is no Screen Wake Lock, and where it is refused', async () => {
    Object.defineProperty(navigator, 'wakeLock', { value: undefined, configurable: true });
    try {
      const { el } = await renderCard();
      expect(root(el).querySelector('.symbol svg')).to.not.equal(null);
      Object.defineProperty(navigator, 'wakeLock', { value: { request: () => Promise.reject(new DOMException('no', 'NotAllowedError')) }, configurable: true });
      const refused = await renderCard();
      expect(root(refused.el).querySelector('.symbol svg')).to.not.equal(null);
      expect(text(root(refused.el))).to.include(CARD);
    } finally {
      delete (navigator as unknown as { wakeLock?: unknown }).wakeLock;
    }
  });

  it('on a kiosk: asks for nothing, shows nothing personal, keeps no lock', async () => {
    const wake = fakeWakeLock();
    try {
      const { el, calls } = await renderCard({ kiosk: true });
      await new Promise((r) => setTimeout(r, 50));
      expect(calls).to.have.length(0);
      expect(root(el).querySelector('.symbol, .digits')).to.equal(null);
      expect(text(root(el))).not.to.include(CARD);
      expect(text(root(el))).to.include('共用の端末では表示しません');
      expect(wake.requests).to.have.length(0);
      await expect(el).to.be.accessible();
    } finally {
      wake.restore();
    }
  });
});
