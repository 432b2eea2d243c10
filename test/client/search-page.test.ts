import { Router } from '@vaadin/router';
import { expect, waitUntil } from '@open-wc/testing';
import '../../client/pages/search/search-page.ts';
import type { SearchPage } from '../../client/pages/search/search-page.ts';
import { snapshot } from './fixtures.ts';
import { LIBRARY, WISHLIST, placedHold, result, searchAnswer } from './catalog-fixtures.ts';
import {
  MODES, STANDARD, afterEachRestoreFetchAndMode, apiError, applyMode, deepActiveElement, deepQuery, json, recordNavigations, restoreFetch, stubApi, waitForLive, type Call, appOf, routedFixture } from './helpers.ts';

const START_URL = location.pathname + location.search;

/** Each test gets a fresh search (answers are remembered per URL for 戻る). */
let n = 0;
function freshQuery(word = '守り人'): string {
  n += 1;
  return `${word}${n}`;
}

async function renderAt(url: string): Promise<SearchPage> {
  const el = await routedFixture<SearchPage>(url);
  return el;
}

function resultItems(el: SearchPage): HTMLLIElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('ol.results > li')];
}

async function renderResults(handler: (c: Call) => Response | Promise<Response>, q = freshQuery(), extra = ''): Promise<{ el: SearchPage; calls: Call[]; q: string }> {
  const calls = stubApi(handler);
  const el = await renderAt(`/search?q=${encodeURIComponent(q)}${extra}`);
  await waitUntil(() => resultItems(el).length > 0 || el.shadowRoot!.querySelector('#results-heading'), 'results never appeared');
  return { el, calls, q };
}

const catalogue = (c: Call) => {
  if (c.path.startsWith('/api/catalog/search')) return json(200, searchAnswer());
  if (c.path === '/api/account') return json(200, snapshot());
  if (c.path === '/api/wishlist') return json(200, WISHLIST);
  if (c.path === '/api/library') return json(200, LIBRARY);
  return apiError(404, 'not_found', 'not found');
};

describe('かんたん検索', () => {
  afterEachRestoreFetchAndMode();
  afterEach(() => history.replaceState(null, '', START_URL));

  for (const mode of MODES) {
    it(`is accessible with results (${mode.name})`, async () => {
      await applyMode(mode.options);
      const { el } = await renderResults(catalogue);
      await expect(el).to.be.accessible();
      expect(resultItems(el)).to.have.length(3);
      expect(document.documentElement.dataset['palette']).to.equal(mode.options.palette);
    });
  }

  it('has the seed wording: フリーワード, 絞り込み条件 □図書 □雑誌 □CD, 検索', async () => {
    stubApi(catalogue);
    const el = await renderAt('/search');
    const root = el.shadowRoot!;
    expect(root.querySelector('label[for="q"]')!.textContent!.trim()).to.equal('フリーワード');
    expect(root.querySelector('legend')!.textContent!.trim()).to.equal('絞り込み条件');
    const boxes = [...root.querySelectorAll('fieldset label')].map((l) => l.textContent!.trim());
    expect(boxes).to.deep.equal(['図書', '雑誌', 'CD']);
    expect(root.querySelector('button[type="submit"]')!.textContent!.trim()).to.equal('検索');
  });

  it('reads the search from the URL, asks the API with it, and shows availability and holds', async () => {
    const { el, calls } = await renderResults(catalogue, '守り人');
    expect(calls[0]!.path).to.equal(`/api/catalog/search?q=${encodeURIComponent('守り人').replace(/%20/g, '+')}`);
    const [first, , third] = resultItems(el);
    expect(first!.textContent).to.include('精霊の守り人');
    expect(first!.textContent).to.include('在庫あり');
    expect(first!.textContent).to.include('予約 0件');
    expect(third!.textContent).to.include('貸出中');
    expect(third!.textContent).to.include('予約 3件');
    expect(first!.querySelector('h3 a')!.getAttribute('href')).to.equal('/titles/B100');
    expect(el.shadowRoot!.querySelector('#results-heading')!.textContent).to.include('検索結果 3件');
    expect((el.shadowRoot!.querySelector('#q') as HTMLInputElement).value).to.equal('守り人');
  });

  it('sends the type filter and the page, and offers 次へ / 前へ', async () => {
    const { el, calls } = await renderResults(
      (c) => (c.path.startsWith('/api/catalog/search') ? json(200, searchAnswer({ total: 45, page: 2 })) : apiError(404, 'not_found', '')),
      freshQuery(),
      '&type=book&page=2',
    );
    expect(calls[0]!.path).to.include('type=book');
    expect(calls[0]!.path).to.include('page=2');
    const nav = el.shadowRoot!.querySelector('nav.paging')!;
    const links = [...nav.querySelectorAll('a')].map((a) => [a.textContent!.trim(), a.getAttribute('href')]);
    expect(links[0]![0]).to.equal('前へ');
    expect(links[0]![1]).to.not.include('page=');
    expect(links[1]![0]).to.equal('次へ');
    expect(links[1]![1]).to.include('page=3');
    expect(nav.textContent).to.include('2 / 3');
    expect((el.shadowRoot!.querySelector('input[value="book"]') as HTMLInputElement).checked).to.equal(true);
  });

  it('検索 puts the search in the URL (so 戻る comes back to it)', async () => {
    stubApi(catalogue);
    const el = await renderAt('/search');
    const nav = recordNavigations();
    const root = el.shadowRoot!;
    (root.querySelector('#q') as HTMLInputElement).value = '地底';
    (root.querySelector('input[value="cd"]') as HTMLInputElement).checked = true;
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    nav.stop();
    expect(nav.paths).to.deep.equal([`/search?q=${encodeURIComponent('地底')}&type=cd`]);
  });

  it('asks for a word instead of searching for nothing', async () => {
    const calls = stubApi(catalogue);
    const el = await renderAt('/search');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitForLive('フリーワードを入力してください。');
    expect(calls.filter((c) => c.path.startsWith('/api/catalog'))).to.have.length(0);
  });

  it('before a search, shows today\'s 開館状況 as the seed\'s top page does (and is accessible)', async () => {
    stubApi(catalogue);
    const el = await renderAt('/search');
    const today = el.shadowRoot!.querySelector('shiori-library-today')!;
    await waitUntil(() => today.shadowRoot!.querySelector('ul'), 'no 開館状況');
    expect(today.shadowRoot!.textContent).to.include('〇は開館、休は休館です');
    expect(today.shadowRoot!.querySelector('li')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('○ 本館 開館 10:00~20:00');
    await expect(el).to.be.accessible();
  });

  it('coming back to the same URL shows the remembered results at the remembered scroll position', async () => {
    const q = freshQuery();
    const { el, calls } = await renderResults(catalogue, q);
    expect(calls.filter((c) => c.path.startsWith('/api/catalog/search'))).to.have.length(1);
    document.body.style.minHeight = '5000px';
    window.scrollTo(0, 600);
    // Away to another page and back, in the same app (the router calls onBeforeLeave on the way out).
    const outlet = el.parentElement!;
    Router.go('/library');
    await waitUntil(() => !el.isConnected, 'the search page was not left');
    window.scrollTo(0, 0);
    Router.go(`/search?q=${encodeURIComponent(q)}`);
    await waitUntil(() => outlet.querySelector('shiori-search-page'), 'the search page did not come back');
    const again = outlet.querySelector<SearchPage>('shiori-search-page')!;
    await waitUntil(() => resultItems(again).length === 3);
    await waitUntil(() => window.scrollY === 600, `scroll was ${window.scrollY}`);
    expect(calls.filter((c) => c.path.startsWith('/api/catalog/search'))).to.have.length(1);
    document.body.style.minHeight = '';
    window.scrollTo(0, 0);
  });

  it('予約する: 【予約確認】 starts at the patron 初期設定, sends the choice, announces 予約しました', async () => {
    const { el, calls } = await renderResults((c) => {
      if (c.path === '/api/holds') return json(201, placedHold('B100', '精霊の守り人'));
      return catalogue(c);
    });
    const button = resultItems(el)[0]!.querySelector<HTMLButtonElement>('button.hold')!;
    button.focus();
    button.click();
    const dialogEl = deepQuery(el, 'shiori-place-hold-dialog')!;
    const dialog = dialogEl.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'dialog did not open');
    expect(dialog.textContent).to.include('【予約確認】');
    expect(dialog.textContent).to.include('精霊の守り人');
    const branch = dialog.querySelector<HTMLSelectElement>('#hold-branch')!;
    const contact = dialog.querySelector<HTMLSelectElement>('#hold-contact')!;
    expect(branch.value).to.equal('central');
    expect(contact.value).to.equal('email');
    expect([...branch.options].map((o) => o.textContent)).to.deep.equal(['1:本館', '2:東分館', '3:貫井北分館', '4:緑分室', '5:西之台']);
    expect([...contact.options].map((o) => o.textContent)).to.deep.equal(['1:メール', '2:電話', '3:不要']);
    await expect(dialogEl).to.be.accessible();
    branch.value = 'nishinodai';
    branch.dispatchEvent(new Event('change'));
    contact.value = 'phone';
    contact.dispatchEvent(new Event('change'));
    const until = dialog.querySelector<HTMLInputElement>('#hold-until')!;
    until.value = '2020-06-30';
    until.dispatchEvent(new Event('change'));
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitForLive('「精霊の守り人」を予約しました。');
    const post = calls.find((c) => c.path === '/api/holds')!;
    expect(post.method).to.equal('POST');
    expect(post.body).to.deep.equal({ bibId: 'B100', pickupBranch: 'nishinodai', contactMethod: 'phone', notNeededAfter: '2020-06-30' });
    expect(dialog.open).to.equal(false);
    expect(el.shadowRoot!.querySelector('.notice.ok')!.textContent).to.include('予約しました');
    await waitUntil(() => deepActiveElement() === button, 'focus did not return to 予約する');
  });

  const refusals: Array<[string, number, string]> = [
    ['hold_limit', 409, '予約できる件数の上限に達している'],
    ['cd_hold_limit', 409, 'CDの予約できる件数の上限'],
    ['already_held', 409, 'すでに予約しています'],
    ['already_on_loan', 409, 'いま借りているため'],
    ['card_expired', 409, '利用券の有効期限が切れています'],
    ['email_not_registered', 409, 'メールアドレスが登録されていない'],
  ];
  for (const [code, status, words] of refusals) {
    it(`explains a refused hold (${code}) inside the dialog, which stays open`, async () => {
      const { el } = await renderResults((c) => (c.path === '/api/holds' ? apiError(status, code, 'server says no') : catalogue(c)));
      resultItems(el)[0]!.querySelector<HTMLButtonElement>('button.hold')!.click();
      const dialogEl = deepQuery(el, 'shiori-place-hold-dialog')!;
      const dialog = dialogEl.shadowRoot!.querySelector('dialog')!;
      await waitUntil(() => dialog.open);
      dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
      await waitUntil(() => dialog.querySelector('#hold-problem'), 'no explanation shown');
      expect(dialog.querySelector('#hold-problem')!.textContent).to.include(words);
      expect(dialog.open).to.equal(true);
      await waitUntil(() => deepActiveElement() === dialog.querySelector('#hold-problem'));
      await expect(dialogEl).to.be.accessible();
    });
  }

  it('explains before sending that メール needs a registered address', async () => {
    const { el } = await renderResults((c) =>
      c.path === '/api/account' ? json(200, snapshot({ patron: { ...snapshot().patron, email: null } })) : catalogue(c),
    );
    resultItems(el)[0]!.querySelector<HTMLButtonElement>('button.hold')!.click();
    const dialog = deepQuery(el, 'shiori-place-hold-dialog')!.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open);
    expect(dialog.querySelector('#hold-contact-note')!.textContent).to.include('メールアドレスが登録されていません');
  });

  it('今度読みたい資料に追加: choose a category, POST /api/wishlist/entries', async () => {
    const { el, calls } = await renderResults((c) => (c.path === '/api/wishlist/entries' ? json(201, {}) : catalogue(c)));
    resultItems(el)[1]!.querySelector<HTMLButtonElement>('button.wish')!.click();
    const dialogEl = deepQuery(el, 'shiori-wishlist-add-dialog')!;
    const dialog = dialogEl.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open);
    expect(dialog.textContent).to.include('【今度読みたい資料に追加】');
    const select = dialog.querySelector<HTMLSelectElement>('select')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['未分類', 'ファンタジー']);
    await expect(dialogEl).to.be.accessible();
    select.value = 'c1';
    select.dispatchEvent(new Event('change'));
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitForLive('「闇の守り人」を今度読みたい資料（ファンタジー）に追加しました。');
    const post = calls.find((c) => c.path === '/api/wishlist/entries')!;
    expect(post.body).to.deep.equal({ bibIds: ['B101'], categoryId: 'c1' });
  });

  it('カートに入れる adds the title to the 予約カート store and says how many are in it', async () => {
    let changes = 0;
    const count = () => (changes += 1);
    window.addEventListener('shiori-cart-change', count);
    const { el } = await renderResults(catalogue);
    resultItems(el)[0]!.querySelector<HTMLButtonElement>('button.cart')!.click();
    await waitForLive('「精霊の守り人」を予約カートに入れました（1件）。');
    window.removeEventListener('shiori-cart-change', count);
    expect(appOf(el).cart).to.deep.equal(['B100']);
    expect(changes).to.equal(1);
    await waitUntil(() => resultItems(el)[0]!.querySelector('a.in-cart'));
    expect(resultItems(el)[0]!.querySelector('a.in-cart')!.textContent!.trim()).to.equal('予約カートに入っています');
  });

  it('says so when nothing matched, and shows a failure in words', async () => {
    const { el } = await renderResults((c) => (c.path.startsWith('/api/catalog/search') ? json(200, searchAnswer({ total: 0, results: [] })) : catalogue(c)));
    expect(el.shadowRoot!.textContent).to.include('該当する資料はありませんでした');
    restoreFetch();
    stubApi(() => apiError(400, 'invalid_input', '入力内容に誤りがあります。'));
    const bad = await renderAt(`/search?q=${encodeURIComponent(freshQuery())}`);
    await waitUntil(() => bad.shadowRoot!.querySelector('.notice.warn'));
    expect(bad.shadowRoot!.querySelector('.notice.warn')!.textContent).to.include('入力内容に誤りがあります。');
  });

  it('speaks kids\' Japanese and English', async () => {
    await applyMode({ ...STANDARD, audience: 'kids' });
    const { el } = await renderResults(catalogue);
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.include('ほんを さがす');
    expect(resultItems(el)[0]!.textContent).to.include('たなに あります');
    await applyMode({ ...STANDARD, lang: 'en' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.include('Quick search');
    expect(resultItems(el)[2]!.textContent).to.include('On loan');
    expect(result().title).to.equal('精霊の守り人');
  });
});
