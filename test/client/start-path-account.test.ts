/**
 * The real start (client/main.ts) on /account: GET /api/account is asked in the
 * same moment as GET /api/session — before the account page's chunk has run — and the page shows
 * that answer without asking again. (main.ts runs once per page: the login-page start is
 * start-path-login.test.ts.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { LIBRARY } from './catalog-fixtures.ts';
import { snapshot } from './fixtures.ts';
import { apiError, deepQuery, json, stubApi } from './helpers.ts';

describe('start on /account', () => {
  it('asks GET /api/account beside GET /api/session, and the page uses that answer', async () => {
    history.replaceState(null, '', '/account');
    // The SW's registration is not this test's business (the test server has no /sw.js).
    navigator.serviceWorker.register = () => new Promise(() => undefined);
    const calls = stubApi((c) => {
      if (c.path === '/api/session') return json(200, { patron: snapshot().patron, kiosk: false, idleTimeoutSeconds: 3600 });
      if (c.path === '/api/library') return json(200, LIBRARY);
      if (c.path === '/api/account') return json(200, snapshot());
      return apiError(404, 'not_found', '');
    });
    const app = document.createElement('shiori-app');
    document.body.append(app);
    await import('../../client/main.ts');
    // Synchronously after the entry ran: the account page has not been routed yet.
    expect(customElements.get('shiori-account-page')).to.equal(undefined);
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.include.members(['GET /api/session', 'GET /api/account']);
    await waitUntil(() => deepQuery(app, 'table.loans'), 'the loans page never rendered', { timeout: 5000 });
    expect(deepQuery(app, 'table.loans')!.textContent).to.include('夢の守り人');
    expect(calls.filter((c) => c.path === '/api/account')).to.have.length(1);
  });
});
