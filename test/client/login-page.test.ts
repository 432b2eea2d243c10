import { expect, html, waitUntil } from '@open-wc/testing';
import '../../client/pages/login/login-page.ts';
import type { LoginPage } from '../../client/pages/login/login-page.ts';
import { snapshot } from './fixtures.ts';
import { STANDARD, apiError, applyMode, itIsAccessibleInEveryMode, json, recordNavigations, restoreFetch, stubApi, fixture, routedFixture } from './helpers.ts';

function fill(el: LoginPage, card: string, password: string): void {
  el.shadowRoot!.querySelector<HTMLInputElement>('#card')!.value = card;
  el.shadowRoot!.querySelector<HTMLInputElement>('#password')!.value = password;
  el.shadowRoot!.querySelector('form')!.requestSubmit();
}

describe('ログイン', () => {
  afterEach(async () => {
    restoreFetch();
    history.replaceState(null, '', '/');
    await applyMode(STANDARD);
  });

  itIsAccessibleInEveryMode(() => fixture<LoginPage>(html`<shiori-login-page></shiori-login-page>`));

  it('has the seed wording: 利用券番号, パスワード, 送信 / 戻る, 新規パスワード発行の方はこちら', async () => {
    const el = await fixture<LoginPage>(html`<shiori-login-page></shiori-login-page>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('label[for="card"]')!.textContent).to.equal('利用券番号');
    expect(root.querySelector('label[for="password"]')!.textContent).to.equal('パスワード');
    expect([...root.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['送信', '戻る']);
    const link = root.querySelector('a')!;
    expect(link.textContent).to.equal('新規パスワード発行の方はこちら');
    expect(link.getAttribute('href')).to.equal('/password-issuance');
  });

  it('戻る on a login that was the first page goes to かんたん検索 (history.back would go nowhere)', async () => {
    const el = await fixture<LoginPage>(html`<shiori-login-page></shiori-login-page>`);
    const nav = recordNavigations();
    Object.defineProperty(history, 'length', { configurable: true, get: () => 1 });
    try {
      [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === '戻る')!.click();
      await waitUntil(() => nav.paths.length > 0);
      expect(nav.paths[0]).to.equal('/search');
    } finally {
      delete (history as { length?: number }).length;
      nav.stop();
      history.replaceState(null, '', '/');
    }
  });

  it('logs in, asks the SW to replay queued renewals, and returns to the return path', async () => {
    const posted: unknown[] = [];
    Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: { controller: { postMessage: (m: unknown) => posted.push(m) } } });
    const calls = stubApi(() => json(200, { patron: snapshot().patron }));
    const nav = recordNavigations();
    const el = await routedFixture<LoginPage>(`/login?return=${encodeURIComponent('/account/holds')}`);
    fill(el, '2000000326', 'library1');
    await waitUntil(() => nav.paths.length > 0);
    nav.stop();
    delete (navigator as unknown as Record<string, unknown>)['serviceWorker'];
    expect(nav.paths).to.deep.equal(['/account/holds']);
    expect(calls[0]).to.deep.include({ method: 'POST', path: '/api/session', body: { cardNumber: '2000000326', password: 'library1' } });
    expect(posted).to.deep.equal([{ type: 'replay-renewals' }]);
  });

  it('never returns to another site (return=//evil)', async () => {
    stubApi(() => json(200, { patron: snapshot().patron }));
    const nav = recordNavigations();
    const el = await routedFixture<LoginPage>('/login?return=//evil.example/x');
    fill(el, '2000000326', 'library1');
    await waitUntil(() => nav.paths.length > 0);
    nav.stop();
    expect(nav.paths).to.deep.equal(['/account']);
  });

  it('shows the server message for 401 invalid_credentials as an alert', async () => {
    stubApi(() => apiError(401, 'invalid_credentials', '利用券番号またはパスワードが正しくありません。'));
    const nav = recordNavigations();
    const el = await fixture<LoginPage>(html`<shiori-login-page></shiori-login-page>`);
    fill(el, '2000000326', 'wrong');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
    nav.stop();
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('利用券番号またはパスワードが正しくありません。');
    expect(nav.paths).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('#card')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('429 too_many_attempts: says how long to wait (Retry-After)', async () => {
    stubApi(() => apiError(429, 'too_many_attempts', 'too many', { 'Retry-After': '120' }));
    const el = await fixture<LoginPage>(html`<shiori-login-page></shiori-login-page>`);
    fill(el, '2000000326', 'x');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include('2分後にもう一度お試しください');
  });

  it('429 in English uses error.retryAfterSeconds', async () => {
    await applyMode({ ...STANDARD, lang: 'en' });
    const calls = stubApi(() => apiError(429, 'too_many_attempts', 'too many', {}, { retryAfterSeconds: 45 }));
    const el = await fixture<LoginPage>(html`<shiori-login-page></shiori-login-page>`);
    fill(el, '2000000326', 'x');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include('try again in 45 s');
    expect(calls[0]!.headers.get('Accept-Language')).to.equal('en');
  });

  it("こども: the error code in kids' wording", async () => {
    await applyMode({ ...STANDARD, audience: 'kids' });
    stubApi(() => apiError(401, 'invalid_credentials', '利用券番号またはパスワードが正しくありません。'));
    const el = await fixture<LoginPage>(html`<shiori-login-page></shiori-login-page>`);
    fill(el, '2000000326', 'x');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('カードの ばんごうか パスワードが ちがいます。');
  });
});
