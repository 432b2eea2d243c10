import { expect, waitUntil } from '@open-wc/testing';
import '../../client/pages/title/title-page.ts';
import type { TitlePage } from '../../client/pages/title/title-page.ts';
import { snapshot } from './fixtures.ts';
import { placedHold, titleDetail } from './catalog-fixtures.ts';
import {
  STANDARD, afterEachRestoreFetchAndMode, apiError, applyMode, deepQuery, itIsAccessibleInEveryMode, json, stubApi, waitForLive, type Call, appOf, routedFixture } from './helpers.ts';

const START_URL = location.pathname + location.search;

async function renderTitle(handler: (c: Call) => Response, bibId = 'B100'): Promise<{ el: TitlePage; calls: Call[] }> {
  const calls = stubApi(handler);
  const el = await routedFixture<TitlePage>(`/titles/${bibId}`);
  await waitUntil(() => el.shadowRoot!.querySelector('h1, .notice.warn'), 'title never appeared');
  return { el, calls };
}

const api = (c: Call) => {
  if (c.path === '/api/catalog/B100') return json(200, titleDetail());
  if (c.path === '/api/account') return json(200, snapshot());
  if (c.path === '/api/holds') return json(201, placedHold('B100', '精霊の守り人'));
  return apiError(404, 'not_found', '見つかりません。');
};

describe('資料の詳細 (title page)', () => {
  afterEachRestoreFetchAndMode();
  afterEach(() => history.replaceState(null, '', START_URL));

  itIsAccessibleInEveryMode(async () => (await renderTitle(api)).el);

  it('shows the title, availability and the copies per branch: 所蔵館 · 状態 · 返却期限日', async () => {
    const { el, calls } = await renderTitle(api);
    const root = el.shadowRoot!;
    expect(calls[0]!.path).to.equal('/api/catalog/B100');
    expect(root.querySelector('h1')!.textContent).to.equal('精霊の守り人');
    expect(root.textContent).to.include('上橋菜穂子');
    expect(root.textContent).to.include('在庫あり');
    const headers = [...root.querySelectorAll('th')].map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal(['所蔵館', '状態', '返却期限日']);
    const rows = [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(rows).to.deep.equal([
      ['本館', '在架', ''],
      ['東分館', '貸出中', '2020/05/12'],
    ]);
  });

  it('offers 予約する, 今度読みたい資料に追加 and カートに入れる, described by the title', async () => {
    const { el, calls } = await renderTitle(api);
    const root = el.shadowRoot!;
    const names = [...root.querySelectorAll('.title-actions button')].map((b) => b.textContent!.trim());
    expect(names).to.deep.equal(['予約する', '今度読みたい資料に追加', 'カートに入れる']);
    for (const b of root.querySelectorAll('.title-actions button')) expect(b.getAttribute('aria-describedby')).to.equal('title-name');
    root.querySelector<HTMLButtonElement>('button.cart')!.click();
    expect(appOf(el).cart).to.deep.equal(['B100']);
    root.querySelector<HTMLButtonElement>('button.hold')!.click();
    const dialog = deepQuery(el, 'shiori-place-hold-dialog')!.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open);
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitForLive('「精霊の守り人」を予約しました。');
    expect(calls.find((c) => c.path === '/api/holds')!.body).to.deep.equal({ bibId: 'B100', pickupBranch: 'central', contactMethod: 'email' });
  });

  it('says when the title does not exist', async () => {
    const { el } = await renderTitle(api, 'NOPE');
    expect(el.shadowRoot!.querySelector('.notice.warn')!.textContent).to.include('この資料は見つかりませんでした。');
    await expect(el).to.be.accessible();
  });

  it('speaks English', async () => {
    await applyMode({ ...STANDARD, lang: 'en' });
    const { el } = await renderTitle(api);
    const headers = [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent!.trim());
    expect(headers[0]).to.equal('Branch');
    expect(el.shadowRoot!.textContent).to.include('Available');
  });
});
