/**
 * The real start (client/main.ts) on the login page: nothing
 * personal is asked — no GET /api/account — while the login form shows. (The account start is
 * start-path-account.test.ts: main.ts runs once per page.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { LIBRARY } from './catalog-fixtures.ts';
import { apiError, deepQuery, json, stubApi } from './helpers.ts';

describe('start on the login page', () => {
  it('asks GET /api/session but not GET /api/account', async () => {
    history.replaceState(null, '', '/login');
    navigator.serviceWorker.register = () => new Promise(() => undefined);
    const calls = stubApi((c) => {
      if (c.path === '/api/library') return json(200, LIBRARY);
      return apiError(401, 'unauthenticated', '');
    });
    const app = document.createElement('shiori-app');
    document.body.append(app);
    await import('../../client/main.ts');
    await waitUntil(() => deepQuery(app, 'shiori-login-page')?.shadowRoot?.querySelector('form'), 'the login form never rendered', { timeout: 5000 });
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.include('GET /api/session');
    expect(calls.filter((c) => c.path === '/api/account')).to.have.length(0);
  });
});
