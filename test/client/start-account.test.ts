/**
 * The account page and the GET /api/account asked at start (public/prepaint.js: whether it is
 * asked is tested in prepaint.test.ts): its first load reads that answer instead of asking again,
 * once; a 401 in it still sends the patron to the login page.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../client/pages/account/account-page.ts';
import type { AccountPage } from '../../client/pages/account/account-page.ts';
import { loan, snapshot } from './fixtures.ts';
import { afterEachRestoreFetchAndMode, apiError, deepQuery, fixture, json, recordNavigations, stubApi } from './helpers.ts';

const accountCalls = (calls: Array<{ path: string }>) => calls.filter((c) => c.path === '/api/account').length;

describe('the account page and the answer asked at start', () => {
  afterEachRestoreFetchAndMode();
  afterEach(() => {
    window.shioriStartAccount = null;
    history.replaceState(null, '', '/');
  });

  it('shows the answer asked at start without asking again, and its next load asks the server', async () => {
    const early = snapshot();
    early.loans = [loan({ id: 'L9', title: 'はじめに届いた本' })];
    window.shioriStartAccount = Promise.resolve(json(200, early));
    const calls = stubApi((c) => (c.path === '/api/account' ? json(200, snapshot()) : apiError(404, 'not_found', '')));
    const el = await fixture<AccountPage>(html`<shiori-account-page></shiori-account-page>`);
    await waitUntil(() => deepQuery(el, 'table.loans'), 'loans table never appeared');
    expect(deepQuery(el, 'table.loans')!.textContent).to.include('はじめに届いた本');
    expect(accountCalls(calls)).to.equal(0);
    expect(window.shioriStartAccount).to.equal(null);
    // Taken once: 再読み込み (or the reload after a change) asks the server.
    await el.load();
    expect(accountCalls(calls)).to.equal(1);
    await waitUntil(() => deepQuery(el, 'table.loans')!.textContent!.includes('夢の守り人'), 'the reload did not show the server answer');
  });

  it('the offline mark and its reason of an answer asked at start are shown as any other', async () => {
    window.shioriStartAccount = Promise.resolve(json(200, snapshot(), { 'X-Shiori-Offline': '2020-04-28T00:10:00.000Z', 'X-Shiori-Offline-Reason': 'no-connection' }));
    stubApi(() => apiError(404, 'not_found', ''));
    const el = await fixture<AccountPage>(html`<shiori-account-page></shiori-account-page>`);
    await waitUntil(() => deepQuery(el, 'table.loans'), 'loans table never appeared');
    expect(el.shadowRoot!.textContent).to.include('オフライン表示中');
  });

  it('a 401 in the answer asked at start sends the patron to the login page', async () => {
    history.replaceState(null, '', '/account');
    window.shioriStartAccount = Promise.resolve(apiError(401, 'unauthenticated', ''));
    const calls = stubApi(() => apiError(401, 'unauthenticated', ''));
    const nav = recordNavigations();
    try {
      await fixture<AccountPage>(html`<shiori-account-page></shiori-account-page>`);
      await waitUntil(() => nav.paths.length > 0, 'never sent to the login page');
      expect(nav.paths[0]).to.equal(`/login?return=${encodeURIComponent('/account')}`);
      expect(accountCalls(calls)).to.equal(0);
    } finally {
      nav.stop();
    }
  });
});
