import { expect, html, waitUntil } from '@open-wc/testing';
import '../../client/pages/account/cancelled-panel.ts';
import '../../client/pages/account/wishlist-panel.ts';
import type { CancelledPanel } from '../../client/pages/account/cancelled-panel.ts';
import type { WishlistPanel } from '../../client/pages/account/wishlist-panel.ts';
import { snapshot, wishlist } from './fixtures.ts';
import { STANDARD, afterEachRestoreFetchAndMode, applyMode, itIsAccessibleInEveryMode, json, stubApi, waitForLive, fixture } from './helpers.ts';

describe('利用状況一覧: 予約取消', () => {
  afterEach(() => applyMode(STANDARD));

  itIsAccessibleInEveryMode(() => fixture<CancelledPanel>(html`<shiori-cancelled-panel .cancelled=${snapshot().cancelledHolds}></shiori-cancelled-panel>`));

  it('shows the columns and 取消区分 (取置期限経過 / blank)', async () => {
    const el = await fixture<CancelledPanel>(html`<shiori-cancelled-panel .cancelled=${snapshot().cancelledHolds}></shiori-cancelled-panel>`);
    const headers = [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal(['No.', '状況', 'タイトル', '予約日', '予約待ち期限日', '受取館', '取消区分', '予約取消日']);
    const reasons = [...el.shadowRoot!.querySelectorAll('td.reason-col')].map((td) => td.textContent!.trim());
    expect(reasons).to.deep.equal(['取置期限経過', '']);
    expect(el.shadowRoot!.textContent).to.include('週刊ベースボール');
  });
});

describe('利用状況一覧: 今度読みたい資料', () => {
  afterEachRestoreFetchAndMode();

  async function render(): Promise<WishlistPanel> {
    const el = await fixture<WishlistPanel>(html`<shiori-wishlist-panel .patron=${snapshot().patron}></shiori-wishlist-panel>`);
    await waitUntil(() => el.shadowRoot!.querySelector('li.entry'), 'entries never appeared');
    return el;
  }

  itIsAccessibleInEveryMode(() => {
    stubApi(() => json(200, wishlist()));
    return render();
  });

  it('lists entries by category and 未分類, moves, removes and places a hold with the defaults', async () => {
    const calls = stubApi((c) => (c.method === 'GET' ? json(200, wishlist()) : c.method === 'DELETE' ? new Response(null, { status: 204 }) : json(c.method === 'POST' ? 201 : 200, { hold: {} })));
    const el = await render();
    const headings = [...el.shadowRoot!.querySelectorAll('h3')].map((h) => h.textContent!.trim());
    expect(headings).to.deep.equal(['未分類 (2)', '冒険 (1)']);
    const move = el.shadowRoot!.querySelector<HTMLSelectElement>('#move-w2')!;
    move.value = 'c1';
    move.dispatchEvent(new Event('change'));
    await waitUntil(() => calls.some((c) => c.method === 'PATCH'));
    expect(calls.find((c) => c.method === 'PATCH')).to.deep.include({ path: '/api/wishlist/entries/w2', body: { categoryId: 'c1' } });
    const entry = [...el.shadowRoot!.querySelectorAll('li.entry')].find((li) => li.textContent!.includes('星の王子さま'))!;
    entry.querySelector<HTMLButtonElement>('button.hold')!.click();
    await waitForLive('星の王子さま: 予約しました');
    expect(calls.find((c) => c.method === 'POST')).to.deep.include({ path: '/api/holds', body: { bibId: 'B31', pickupBranch: 'central', contactMethod: 'email' } });
    entry.querySelector<HTMLButtonElement>('button.remove')!.click();
    await waitUntil(() => calls.some((c) => c.method === 'DELETE'));
    expect(calls.find((c) => c.method === 'DELETE')!.path).to.equal('/api/wishlist/entries/w2');
  });

  it('adds, renames and deletes categories', async () => {
    const calls = stubApi((c) => (c.method === 'GET' ? json(200, wishlist()) : c.method === 'DELETE' ? new Response(null, { status: 204 }) : json(201, { id: 'c2', name: '科学' })));
    const el = await render();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#new-category')!;
    input.value = '科学';
    input.form!.requestSubmit();
    await waitUntil(() => calls.some((c) => c.method === 'POST'));
    expect(calls.find((c) => c.method === 'POST')).to.deep.include({ path: '/api/wishlist/categories', body: { name: '科学' } });
    const rename = el.shadowRoot!.querySelector<HTMLInputElement>('#rename-c1')!;
    rename.value = '冒険もの';
    rename.form!.requestSubmit();
    await waitUntil(() => calls.some((c) => c.method === 'PATCH'));
    expect(calls.find((c) => c.method === 'PATCH')).to.deep.include({ path: '/api/wishlist/categories/c1', body: { name: '冒険もの' } });
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('「冒険」を削除'))!.click();
    await waitUntil(() => calls.some((c) => c.method === 'DELETE'));
    expect(calls.find((c) => c.method === 'DELETE')!.path).to.equal('/api/wishlist/categories/c1');
  });
});
