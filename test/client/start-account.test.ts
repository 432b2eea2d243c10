/**
 * The account asked at start (client/data/start-account.ts): when it is asked, that the account
 * page's first load takes the pending answer instead of asking again, and that the answer belongs
 * to the first page only (a navigation, a 401's trip to the login page, drops it).
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { Router } from '@vaadin/router';
import { createApi, type Api } from '../../client/data/api.ts';
import { askAccountAtStart, asksAccountAtStart, takeStartAccount } from '../../client/data/start-account.ts';
import { goToLogin } from '../../client/app/navigate.ts';
import '../../client/pages/account/account-page.ts';
import type { AccountPage } from '../../client/pages/account/account-page.ts';
import { loan, snapshot } from './fixtures.ts';
import { afterEachRestoreFetchAndMode, apiError, deepQuery, fixture, json, recordNavigations, stubApi } from './helpers.ts';

const startApi = (): Api => createApi({ kiosk: () => false, language: () => 'ja', onUnauthenticated: () => goToLogin() });
const accountCalls = (calls: Array<{ path: string }>) => calls.filter((c) => c.path === '/api/account').length;

describe('asksAccountAtStart: GET /api/account beside GET /api/session', () => {
  it('asks when the first page is the account page (/ leads there) on a personal device', () => {
    for (const path of ['/', '/account', '/account/holds', '/account/cancelled']) expect(asksAccountAtStart({ kiosk: false, path }), path).to.equal(true);
  });

  it('asks nothing on another first page: the login page, search, a page that only starts with "account"', () => {
    for (const path of ['/login', '/search', '/card', '/email', '/accounts', '/login?return=/account']) expect(asksAccountAtStart({ kiosk: false, path }), path).to.equal(false);
  });

  it('asks nothing on a kiosk (its start ends the previous session first), on any page', () => {
    for (const path of ['/kiosk/account', '/kiosk', '/account', '/']) expect(asksAccountAtStart({ kiosk: true, path }), path).to.equal(false);
  });
});

describe('the account page and the answer asked at start', () => {
  afterEachRestoreFetchAndMode();
  afterEach(() => {
    takeStartAccount();
    history.replaceState(null, '', '/');
  });

  it('shows the answer asked at start, without asking again', async () => {
    const early = snapshot();
    early.loans = [loan({ id: 'L9', title: 'はじめに届いた本' })];
    let answered = 0;
    const calls = stubApi((c) => (c.path === '/api/account' ? json(200, answered++ === 0 ? early : snapshot()) : apiError(404, 'not_found', '')));
    askAccountAtStart(startApi());
    const el = await fixture<AccountPage>(html`<shiori-account-page></shiori-account-page>`);
    await waitUntil(() => deepQuery(el, 'table.loans'), 'loans table never appeared');
    expect(deepQuery(el, 'table.loans')!.textContent).to.include('はじめに届いた本');
    expect(accountCalls(calls)).to.equal(1);
    // Taken once: the page's next load (再読み込み, after a change) asks the server.
    await el.load();
    expect(accountCalls(calls)).to.equal(2);
    await waitUntil(() => deepQuery(el, 'table.loans')!.textContent!.includes('夢の守り人'), 'the reload did not show the server answer');
  });

  it('a 401 sends the patron to the login page, and the answer is not kept for a later visit', async () => {
    history.replaceState(null, '', '/account');
    const calls = stubApi(() => apiError(401, 'unauthenticated', ''));
    const nav = recordNavigations();
    try {
      askAccountAtStart(startApi());
      await waitUntil(() => nav.paths.length > 0, 'never sent to the login page');
      expect(nav.paths[0]).to.equal(`/login?return=${encodeURIComponent('/account')}`);
      expect(takeStartAccount()).to.equal(null);
      expect(accountCalls(calls)).to.equal(1);
    } finally {
      nav.stop();
    }
  });

  it('any navigation before the account page took it drops it (a later visit asks afresh)', async () => {
    const calls = stubApi(() => json(200, snapshot()));
    askAccountAtStart(startApi());
    Router.go('/search');
    expect(takeStartAccount()).to.equal(null);
    const el = await fixture<AccountPage>(html`<shiori-account-page></shiori-account-page>`);
    await waitUntil(() => deepQuery(el, 'table.loans'), 'loans table never appeared');
    expect(accountCalls(calls)).to.equal(2);
  });
});
