import { expect, html, waitUntil } from '@open-wc/testing';
import '../../client/pages/cart/cart-page.ts';
import type { CartPage } from '../../client/pages/cart/cart-page.ts';
import { snapshot } from './fixtures.ts';
import { placedHold, titleDetail } from './catalog-fixtures.ts';
import {
  STANDARD, apiError, applyMode, deepActiveElement, itIsAccessibleInEveryMode, json, restoreFetch, stubApi, waitForLive, type Call, appOf, fixture } from './helpers.ts';

const TITLES: Record<string, string> = { B100: '精霊の守り人', B101: '闇の守り人', B102: '夢の守り人' };

function catalogue(c: Call): Response | null {
  const m = /^\/api\/catalog\/(B\d+)$/.exec(c.path);
  if (m) return TITLES[m[1]!] ? json(200, titleDetail({ bibId: m[1]!, title: TITLES[m[1]!]! })) : apiError(404, 'not_found', '');
  if (c.path === '/api/account') return json(200, snapshot());
  return null;
}

async function renderCart(handler: (c: Call) => Response | Promise<Response>, items = ['B100', 'B101', 'B102']): Promise<{ el: CartPage; calls: Call[] }> {
  const calls = stubApi((c) => catalogue(c) ?? handler(c));
  const el = await fixture<CartPage>(html`<shiori-cart-page></shiori-cart-page>`, { cart: items });
  await waitUntil(
    () => el.shadowRoot!.querySelectorAll('ol.cart h2.item a').length === items.filter((i) => TITLES[i]).length && el.shadowRoot!.querySelector('#cart-branch'),
    'cart never filled',
  );
  return { el, calls };
}

const titlesShown = (el: CartPage) => [...el.shadowRoot!.querySelectorAll('ol.cart h2.item')].map((h) => h.textContent!.trim());

describe('予約カート', () => {
  afterEach(async () => {
    restoreFetch();
    await applyMode(STANDARD);
  });

  itIsAccessibleInEveryMode(async () => (await renderCart(() => apiError(404, 'not_found', ''))).el);

  it('lists the titles in the cart with 予約カート(N件), one 受取館 and 連絡方法 from 初期設定', async () => {
    const { el } = await renderCart(() => apiError(404, 'not_found', ''));
    const root = el.shadowRoot!;
    expect(root.querySelector('h1')!.textContent!.trim()).to.equal('予約カート(3件)');
    expect(titlesShown(el)).to.deep.equal(['精霊の守り人', '闇の守り人', '夢の守り人']);
    expect(root.querySelector<HTMLSelectElement>('#cart-branch')!.value).to.equal('central');
    expect(root.querySelector<HTMLSelectElement>('#cart-contact')!.value).to.equal('email');
    expect(root.querySelector('form button[type="submit"]')!.textContent!.trim()).to.equal('3件をまとめて予約する');
  });

  it('削除 removes one title, keeps the focus in the list and announces it', async () => {
    const { el } = await renderCart(() => apiError(404, 'not_found', ''));
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.remove')[1]!.click();
    await waitForLive('「闇の守り人」を予約カートから削除しました。');
    expect(appOf(el).cart).to.deep.equal(['B100', 'B102']);
    await waitUntil(() => titlesShown(el).length === 2);
    expect(el.shadowRoot!.querySelector('h1')!.textContent!.trim()).to.equal('予約カート(2件)');
    await waitUntil(() => deepActiveElement()?.classList.contains('remove'), 'focus left the list');
  });

  it('places every hold one after another with the one choice; placed titles leave, the refused one stays with its reason', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { el, calls } = await renderCart(async (c) => {
      if (c.path !== '/api/holds') return apiError(404, 'not_found', '');
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight -= 1;
      const bibId = (c.body as { bibId: string }).bibId;
      return bibId === 'B101' ? apiError(409, 'hold_limit', '予約できる点数を超えています。') : json(201, placedHold(bibId, TITLES[bibId]!));
    });
    const root = el.shadowRoot!;
    const branch = root.querySelector<HTMLSelectElement>('#cart-branch')!;
    branch.value = 'midori';
    branch.dispatchEvent(new Event('change'));
    const contact = root.querySelector<HTMLSelectElement>('#cart-contact')!;
    contact.value = 'none';
    contact.dispatchEvent(new Event('change'));
    root.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await waitForLive('2件を予約しました。1件は予約できませんでした。');
    const posts = calls.filter((c) => c.path === '/api/holds');
    expect(posts.map((p) => p.body)).to.deep.equal([
      { bibId: 'B100', pickupBranch: 'midori', contactMethod: 'none' },
      { bibId: 'B101', pickupBranch: 'midori', contactMethod: 'none' },
      { bibId: 'B102', pickupBranch: 'midori', contactMethod: 'none' },
    ]);
    expect(maxInFlight).to.equal(1);
    const outcomes = [...root.querySelectorAll('ul.outcomes li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(outcomes[0]).to.include('精霊の守り人').and.include('予約しました');
    expect(outcomes[1]).to.include('闇の守り人').and.include('予約できる件数の上限に達している');
    expect(outcomes[2]).to.include('夢の守り人').and.include('予約しました');
    expect(appOf(el).cart).to.deep.equal(['B101']);
    await waitUntil(() => titlesShown(el).length === 1);
    expect(titlesShown(el)).to.deep.equal(['闇の守り人']);
    expect(deepActiveElement()?.id).to.equal('outcomes-heading');
    await expect(el).to.be.accessible();
  });

  it('shows a title that no longer exists, so it can be removed', async () => {
    const { el } = await renderCart(() => apiError(404, 'not_found', ''), ['B100', 'B999']);
    await waitUntil(() => el.shadowRoot!.textContent!.includes('この資料は見つかりませんでした。'));
    expect(el.shadowRoot!.querySelectorAll('button.remove')).to.have.length(2);
  });

  it('says the cart is empty and links to かんたん検索', async () => {
    stubApi((c) => catalogue(c) ?? apiError(404, 'not_found', ''));
    const el = await fixture<CartPage>(html`<shiori-cart-page></shiori-cart-page>`);
    expect(el.shadowRoot!.querySelector('h1')!.textContent!.trim()).to.equal('予約カート(0件)');
    expect(el.shadowRoot!.textContent).to.include('予約カートは空です');
    await expect(el).to.be.accessible();
  });

  it('speaks kids\' Japanese', async () => {
    await applyMode({ ...STANDARD, audience: 'kids' });
    const { el } = await renderCart(() => apiError(404, 'not_found', ''));
    expect(el.shadowRoot!.querySelector('h1')!.textContent!.trim()).to.equal('よやくカート(3けん)');
  });
});
