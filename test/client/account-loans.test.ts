import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ACCOUNT_UPDATED_EVENT, OFFLINE_HEADER, OFFLINE_REASON_HEADER, RENEWAL_NEEDS_LOGIN_EVENT, RENEWAL_SETTLED_EVENT } from '../../common/offline.ts';
import '../../client/pages/account/account-page.ts';
import type { AccountPage } from '../../client/pages/account/account-page.ts';
import { loan, snapshot } from './fixtures.ts';
import {
  MODES, STANDARD, afterEachRestoreFetchAndMode, apiError, applyMode, deepActiveElement, deepQuery, deepQueryAll, json, recordNavigations, stubApi, waitForLive, type TestApp, fixture, openedDialog } from './helpers.ts';

async function renderAccount(app: TestApp = {}): Promise<AccountPage> {
  const el = await fixture<AccountPage>(html`<shiori-account-page></shiori-account-page>`, app);
  await waitUntil(() => deepQuery(el, 'table.loans'), 'loans table never appeared');
  return el;
}

function row(el: Element, loanId: string): HTMLTableRowElement {
  return deepQuery<HTMLTableRowElement>(el, `tr[data-loan="${loanId}"]`)!;
}

describe('利用状況一覧: 貸出', () => {
  afterEachRestoreFetchAndMode();

  for (const mode of MODES) {
    it(`is accessible and shows the card line and loans (${mode.name})`, async () => {
      await applyMode(mode.options);
      stubApi(() => json(200, snapshot()));
      const el = await renderAccount();
      await expect(el).to.be.accessible();
      const text = el.shadowRoot!.textContent!;
      expect(text).to.include('*****326');
      expect(text).to.include('2024/04/27');
      expect(deepQuery(el, 'table.loans')!.textContent).to.include('夢の守り人');
      expect(document.documentElement.dataset['size']).to.equal(mode.options.size);
    });
  }

  it('shows the seed wording: card line, tabs with counts, count summary, columns', async () => {
    stubApi(() => json(200, snapshot()));
    const el = await renderAccount();
    const root = el.shadowRoot!;
    expect(root.textContent).to.include('利用券番号:*****326');
    expect(root.textContent).to.include('有効期限日:2024/04/27');
    const tabs = [...root.querySelectorAll('[role="tab"]')].map((t) => t.textContent!.replace(/\s+/g, ' ').trim());
    expect(tabs).to.deep.equal(['貸出 2', '予約 4', '今度読みたい資料 3', '予約取消 2']);
    const panel = deepQuery(el, 'shiori-loans-panel')!.shadowRoot!;
    const headers = [...panel.querySelectorAll('table.loans th')].map((th) => th.textContent!.replace(/[⇅▲▼\s]/g, ''));
    expect(headers).to.deep.equal(['No.', '貸出更新', 'タイトル', '区分', 'バーコード', '貸出館', '貸出日', '返却期限日']);
    expect(panel.querySelector('table.counts')!.textContent!.replace(/\s+/g, ' ')).to.include('2 2 / 9999 0 / 5');
    expect(row(el, 'L1').textContent).to.include('児童');
    expect(row(el, 'L1').textContent).to.include('2020/04/28');
  });

  it('renews through 【貸出延長確認】: 延長 → 更新する → 延長済, the new date and an announcement', async () => {
    const calls = stubApi((c) => {
      if (c.path === '/api/account') return json(200, snapshot());
      if (c.path === '/api/loans/L1/renew') return json(200, { loan: loan({ dueOn: '2020-05-05', renewals: 1, renewable: false, renewBlockedBy: 'renewal_limit' }) });
      return apiError(404, 'not_found', 'not found');
    });
    const el = await renderAccount();
    const renew = row(el, 'L1').querySelector<HTMLButtonElement>('button.renew')!;
    expect(renew.textContent!.trim()).to.equal('延長');
    renew.click();
    const dialog = await openedDialog(el, 'shiori-renew-dialog');
    expect(dialog.textContent).to.include('【貸出延長確認】');
    expect(dialog.textContent).to.include('夢の守り人');
    expect(dialog.querySelector('.new-due')!.textContent).to.equal('2020/05/05');
    await expect(deepQuery(el, 'shiori-renew-dialog')!).to.be.accessible();
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitForLive('延長しました');
    await waitUntil(() => row(el, 'L1').textContent!.includes('延長済'));
    expect(row(el, 'L1').querySelector('.due')!.textContent).to.include('2020/05/05');
    expect(row(el, 'L1').querySelector('button.renew')).to.equal(null);
    // 延長 is gone: the focus goes to the row's new status instead of being lost.
    await waitUntil(() => deepActiveElement()?.id === 'status-L1', 'focus was lost after renewing');
    const renewCall = calls.find((c) => c.path === '/api/loans/L1/renew')!;
    expect(renewCall.method).to.equal('POST');
    expect(renewCall.headers.get('Idempotency-Key')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('gives focus back to 延長 when the dialog is closed with 更新しない or Escape', async () => {
    const calls = stubApi(() => json(200, snapshot()));
    const el = await renderAccount();
    const renew = row(el, 'L1').querySelector<HTMLButtonElement>('button.renew')!;
    renew.focus();
    renew.click();
    const dialog = await openedDialog(el, 'shiori-renew-dialog');
    dialog.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await waitUntil(() => deepActiveElement() === renew, 'focus did not return to 延長');
    renew.click();
    await waitUntil(() => dialog.open);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape did not close the dialog');
    await waitUntil(() => deepActiveElement() === renew, 'focus did not return after Escape');
    expect(calls.filter((c) => c.path.includes('/renew'))).to.have.length(0);
  });

  it('tells why a loan cannot be renewed, and marks overdue loans with text and an icon', async () => {
    stubApi(() =>
      json(200, snapshot({
        loans: [
          loan({ id: 'a', title: '予約あり', renewable: false, renewBlockedBy: 'has_holds' }),
          loan({ id: 'b', title: 'まだ', renewable: false, renewBlockedBy: 'outside_window', renewWindow: { from: '2020-05-11', to: '2020-05-25' } }),
          loan({ id: 'c', title: 'CDです', category: 'cd', renewable: false, renewBlockedBy: 'not_renewable_material' }),
          loan({ id: 'd', title: '相互貸借', interLibraryLoan: true, renewable: false, renewBlockedBy: 'inter_library_loan' }),
          loan({ id: 'e', title: '期限切れ', renewable: false, renewBlockedBy: 'card_expired' }),
          loan({ id: 'f', title: '過ぎた', overdue: true, dueOn: '2020-04-10', renewable: false, renewBlockedBy: 'outside_window', renewWindow: { from: '2020-04-03', to: '2020-04-17' } }),
          loan({ id: 'g', title: '延長済み', renewals: 1, renewable: false, renewBlockedBy: 'renewal_limit' }),
        ],
      })),
    );
    const el = await renderAccount();
    const cell = (id: string) => row(el, id).querySelector('.renew-col')!.textContent!.trim();
    expect(cell('a')).to.equal('予約が入っているため延長できません');
    expect(cell('b')).to.equal('延長は 5/11 から');
    expect(cell('c')).to.equal('CDは延長できません');
    expect(cell('d')).to.equal('他館からの借用資料は延長できません');
    expect(cell('e')).to.equal('有効期限が切れています');
    expect(cell('f')).to.equal('延長期間を過ぎています');
    expect(cell('g')).to.include('延長済');
    expect(deepQueryAll(el, 'button.renew')).to.have.length(0);
    const overdue = row(el, 'f').querySelector('.due')!;
    expect(overdue.textContent).to.include('延滞');
    expect(overdue.textContent).to.include('⚠');
  });

  it('renews several selected loans after one confirmation and reports each outcome', async () => {
    const calls = stubApi((c) => {
      if (c.path === '/api/account') return json(200, snapshot({ loans: [loan({ id: 'x', title: '一冊目' }), loan({ id: 'y', title: '二冊目' })] }));
      if (c.path === '/api/loans/x/renew') return json(200, { loan: loan({ id: 'x', title: '一冊目', dueOn: '2020-05-05', renewals: 1, renewable: false }) });
      if (c.path === '/api/loans/y/renew') return apiError(409, 'has_holds', '予約が入っているため延長できません。');
      return apiError(404, 'not_found', '');
    });
    const el = await renderAccount();
    for (const box of deepQueryAll<HTMLInputElement>(el, '.select-box input')) box.click();
    const many = deepQuery<HTMLButtonElement>(el, 'button.renew-selected')!;
    await waitUntil(() => !many.disabled);
    many.click();
    const dialog = await openedDialog(el, 'shiori-renew-dialog');
    expect(dialog.querySelectorAll('.new-due')).to.have.length(2);
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitForLive('一冊目: 延長しました');
    await waitForLive('二冊目: 予約が入っているため延長できません');
    expect(calls.filter((c) => c.path.endsWith('/renew'))).to.have.length(2);
  });

  it('sorts by 返却期限日 with aria-sort', async () => {
    stubApi(() => json(200, snapshot()));
    const el = await renderAccount();
    const panel = deepQuery(el, 'shiori-loans-panel')!.shadowRoot!;
    const th = [...panel.querySelectorAll<HTMLElement>('table.loans th[aria-sort]')].find((t) => t.textContent!.includes('返却期限日'))!;
    th.querySelector('button')!.click();
    await waitUntil(() => th.getAttribute('aria-sort') === 'ascending');
    th.querySelector('button')!.click();
    await waitUntil(() => th.getAttribute('aria-sort') === 'descending');
    const titles = [...panel.querySelectorAll('td.title')].map((t) => t.textContent);
    expect(titles).to.deep.equal(['哲学のことば', '夢の守り人']);
  });

  it('sends the patron to login with the return path on a 401 (idle timeout)', async () => {
    const nav = recordNavigations();
    history.replaceState(null, '', '/account/loans');
    stubApi(() => apiError(401, 'unauthenticated', 'ログインしてください'));
    await fixture(html`<shiori-account-page></shiori-account-page>`);
    await waitUntil(() => nav.paths.length > 0);
    nav.stop();
    expect(nav.paths[0]).to.equal(`/login?return=${encodeURIComponent('/account/loans')}`);
    history.replaceState(null, '', '/');
  });

  it('offline: banner with the capture time (Asia/Tokyo), other actions disabled with a reason, renew queued as 送信待ち', async () => {
    // The snapshot was taken on 4/20, when L1 was not yet renewable; the device says it is 4/27 now.
    const deviceNow = () => new Date('2026-04-27T01:00:00.000Z');
    const offlineSnapshot = snapshot({
      today: '2026-04-20',
      loans: [
        loan({ id: 'L1', renewWindow: { from: '2026-04-24', to: '2026-05-08' }, dueOn: '2026-05-01', renewable: false, renewBlockedBy: 'outside_window' }),
        { ...loan({ id: 'L9', title: '前に送った本' }), pendingRenewal: true } as ReturnType<typeof loan>,
      ],
    });
    stubApi((c) => {
      if (c.path === '/api/account') return json(200, offlineSnapshot, { [OFFLINE_HEADER]: '2020-04-27T01:00:00.000Z' });
      if (c.path === '/api/loans/L1/renew') return json(202, { queued: true, loanId: 'L1' });
      return apiError(404, 'not_found', '');
    });
    const el = await renderAccount({ now: deviceNow });
    expect(el.shadowRoot!.querySelector('.offline-banner')!.textContent).to.include('オフライン表示中（2020/04/27 10:00 時点）');
    const wl = [...deepQueryAll<HTMLButtonElement>(el, 'button')].find((b) => b.textContent!.includes('全て今度読みたい資料に追加する'))!;
    expect(wl.disabled).to.equal(true);
    expect(deepQuery(el, '#wl-reason')!.textContent).to.include('オフライン');
    expect(row(el, 'L9').textContent).to.include('送信待ち');
    // Predicted from the window and today's date: renewable offline.
    row(el, 'L1').querySelector<HTMLButtonElement>('button.renew')!.click();
    const dialog = await openedDialog(el, 'shiori-renew-dialog');
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitUntil(() => row(el, 'L1').textContent!.includes('送信待ち'));
    await expect(el).to.be.accessible();
  });

  const reasons = [
    { mode: STANDARD, noConnection: 'インターネットに接続されていません。', notAnswering: '図書館のサーバーが応答していません。' },
    { mode: { ...STANDARD, lang: 'en' as const }, noConnection: 'This device has no connection.', notAnswering: "The library's server is not answering." },
    { mode: { ...STANDARD, audience: 'kids' as const }, noConnection: 'インターネットに つながっていません。', notAnswering: 'コンピューターが へんじを しません。' },
  ];
  for (const r of reasons) {
    it(`offline: the banner tells "no connection" from "the server is not answering" (${r.mode.lang}, ${r.mode.audience})`, async () => {
      await applyMode(r.mode);
      let reason = 'no-connection';
      stubApi(() => json(200, snapshot(), { [OFFLINE_HEADER]: '2020-04-27T01:00:00.000Z', [OFFLINE_REASON_HEADER]: reason }));
      let el = await renderAccount();
      let banner = el.shadowRoot!.querySelector('.offline-banner')!.textContent!;
      expect(banner).to.include(r.noConnection);
      expect(banner).to.not.include(r.notAnswering);
      el.remove();

      reason = 'server-not-answering';
      el = await renderAccount();
      banner = el.shadowRoot!.querySelector('.offline-banner')!.textContent!;
      expect(banner).to.include(r.notAnswering);
      expect(banner).to.not.include(r.noConnection);
      await expect(el).to.be.accessible();
    });
  }

  it('offline: when the server answers late, its snapshot replaces the offline one, the banner goes, and it is announced', async () => {
    stubApi(() => json(200, snapshot(), { [OFFLINE_HEADER]: '2020-04-27T01:00:00.000Z', [OFFLINE_REASON_HEADER]: 'server-not-answering' }));
    const el = await renderAccount();
    expect(el.shadowRoot!.querySelector('.offline-banner')).to.not.equal(null);
    // Another patron's late answer (a stale message) changes nothing.
    const fresh = snapshot({ loans: [loan({ title: '届いた本' })] });
    window.dispatchEvent(new CustomEvent(ACCOUNT_UPDATED_EVENT, { detail: { type: 'account-updated', patronId: 'someone-else', snapshot: fresh } }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.offline-banner')).to.not.equal(null);

    window.dispatchEvent(new CustomEvent(ACCOUNT_UPDATED_EVENT, { detail: { type: 'account-updated', patronId: fresh.patron.id, snapshot: fresh } }));
    await waitUntil(() => el.shadowRoot!.querySelector('.offline-banner') === null, 'the banner stayed');
    expect(row(el, 'L1').textContent).to.include('届いた本');
    await waitForLive('最新の情報を表示しました');
  });

  it('offline: a late answer that overtakes the offline one on its way to the page still wins', async () => {
    const fresh = snapshot({ loans: [loan({ title: '追い越した本' })] });
    stubApi(async () => {
      // The SW's message arrives while the offline answer is still being read.
      window.dispatchEvent(new CustomEvent(ACCOUNT_UPDATED_EVENT, { detail: { type: 'account-updated', patronId: fresh.patron.id, snapshot: fresh } }));
      return json(200, snapshot(), { [OFFLINE_HEADER]: '2020-04-27T01:00:00.000Z', [OFFLINE_REASON_HEADER]: 'server-not-answering' });
    });
    const el = await renderAccount();
    await waitUntil(() => row(el, 'L1')?.textContent!.includes('追い越した本'), 'the late answer was lost');
    expect(el.shadowRoot!.querySelector('.offline-banner')).to.equal(null);
  });

  it('replaces 送信待ち with the result when the SW settles the renewal, and announces it', async () => {
    let renewed = false;
    stubApi((c) => {
      if (c.path === '/api/account') {
        return json(200, snapshot({ loans: [renewed ? loan({ renewals: 1, dueOn: '2020-05-05', renewable: false }) : { ...loan(), pendingRenewal: true } as ReturnType<typeof loan>] }),
          renewed ? {} : { [OFFLINE_HEADER]: '2020-04-27T01:00:00.000Z' });
      }
      return apiError(404, 'not_found', '');
    });
    const el = await renderAccount();
    expect(row(el, 'L1').textContent).to.include('送信待ち');
    renewed = true;
    window.dispatchEvent(new CustomEvent(RENEWAL_SETTLED_EVENT, {
      detail: { type: 'renewal-settled', patronId: 'p-326', loanId: 'L1', ok: true, loan: loan({ renewals: 1, dueOn: '2020-05-05' }) },
    }));
    await waitForLive('夢の守り人: 延長しました');
    await waitUntil(() => row(el, 'L1').textContent!.includes('延長済'));
    expect(row(el, 'L1').textContent).to.not.include('送信待ち');
  });

  it('asks the patron to log in when a queued renewal meets an expired session', async () => {
    stubApi(() => json(200, snapshot()));
    const el = await renderAccount();
    window.dispatchEvent(new CustomEvent(RENEWAL_NEEDS_LOGIN_EVENT, { detail: { type: 'renewal-needs-login', patronId: 'p-326', loanId: 'L1' } }));
    await waitUntil(() => el.shadowRoot!.textContent!.includes('送信待ちの延長を送るには、もう一度ログインしてください。'));
    const link = [...el.shadowRoot!.querySelectorAll('a')].find((a) => a.textContent === 'ログイン')!;
    expect(link.getAttribute('href')).to.match(/^\/login\?return=/);
  });

  it('warns about an expired card', async () => {
    const expired = snapshot();
    expired.patron = { ...expired.patron, cardExpired: true, cardExpiresOn: '2020-04-01' };
    stubApi(() => json(200, expired));
    const el = await renderAccount();
    expect(el.shadowRoot!.querySelector('.notice.warn')!.textContent).to.include('利用券の有効期限が切れています');
  });

  it('全て今度読みたい資料に追加する posts from-loans and reloads the counts', async () => {
    let added = false;
    const calls = stubApi((c) => {
      if (c.path === '/api/wishlist/from-loans') {
        added = true;
        return json(201, {});
      }
      return json(200, snapshot({ wishlistCount: added ? 5 : 3 }));
    });
    const el = await renderAccount();
    [...deepQueryAll<HTMLButtonElement>(el, 'button')].find((b) => b.textContent!.includes('全て今度読みたい資料に追加する'))!.click();
    await waitForLive('今度読みたい資料に追加しました');
    expect(calls.find((c) => c.path === '/api/wishlist/from-loans')!.method).to.equal('POST');
    await waitUntil(() => el.shadowRoot!.querySelector('#tab-wishlist')!.textContent!.includes('5'));
  });

  it('tabs: arrow keys move between 貸出 · 予約 · 今度読みたい資料 · 予約取消 and the URL follows', async () => {
    stubApi((c) => (c.path === '/api/wishlist' ? json(200, { categories: [], entries: [] }) : json(200, snapshot())));
    const el = await renderAccount();
    const loansTab = el.shadowRoot!.querySelector<HTMLButtonElement>('#tab-loans')!;
    loansTab.focus();
    loansTab.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await waitUntil(() => deepActiveElement()?.id === 'tab-holds');
    expect(el.shadowRoot!.querySelector('#tab-holds')!.getAttribute('aria-selected')).to.equal('true');
    expect(location.pathname).to.equal('/account/holds');
    await waitUntil(() => deepQuery(el, 'table.holds'), 'the holds panel did not load');
    (deepActiveElement() as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await waitUntil(() => deepActiveElement()?.id === 'tab-cancelled');
    expect(location.pathname).to.equal('/account/cancelled');
    history.replaceState(null, '', '/');
  });

  it('English: reasons and the dialog in English, Accept-Language: en', async () => {
    await applyMode({ ...STANDARD, lang: 'en' });
    const calls = stubApi(() => json(200, snapshot()));
    const el = await renderAccount();
    expect(row(el, 'L2').textContent).to.include('Renewable from 5/11');
    expect(row(el, 'L1').querySelector('button.renew')!.textContent!.trim()).to.equal('Renew');
    expect(calls[0]!.headers.get('Accept-Language')).to.equal('en');
  });

  it("こども: the kids' wording", async () => {
    await applyMode({ ...STANDARD, audience: 'kids' });
    stubApi(() => json(200, snapshot()));
    const el = await renderAccount();
    expect(row(el, 'L1').querySelector('button.renew')!.textContent!.trim()).to.equal('のばす');
    expect(el.shadowRoot!.textContent).to.include('かりている ほん・よやく');
  });
});
