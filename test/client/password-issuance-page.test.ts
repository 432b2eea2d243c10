import { expect, html } from '@open-wc/testing';
import '../../client/pages/password-issuance/password-issuance-page.ts';
import type { PasswordIssuancePage } from '../../client/pages/password-issuance/password-issuance-page.ts';
import {
  afterEachRestoreFetchAndMode, apiError, deepActiveElement, itIsAccessibleInEveryMode, json, recordNavigations, stubApi, waitForLive, type Call, fixture } from './helpers.ts';

async function render(handler: (c: Call) => Response = () => json(201, {})): Promise<{ el: PasswordIssuancePage; calls: Call[] }> {
  const calls = stubApi(handler);
  const el = await fixture<PasswordIssuancePage>(html`<shiori-password-issuance-page></shiori-password-issuance-page>`);
  return { el, calls };
}

function send(el: PasswordIssuancePage, card = '2000000418', birth = '2012-05-05', pw = 'kids2012', again = 'kids2012'): void {
  const root = el.shadowRoot!;
  root.querySelector<HTMLInputElement>('#card')!.value = card;
  root.querySelector<HTMLInputElement>('#birth')!.value = birth;
  root.querySelector<HTMLInputElement>('#new')!.value = pw;
  root.querySelector<HTMLInputElement>('#confirm')!.value = again;
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('パスワードの発行', () => {
  afterEachRestoreFetchAndMode();
  itIsAccessibleInEveryMode(async () => (await render()).el);

  it('asks for 利用券番号, 生年月日, 新しいパスワード and 新しいパスワード(再), with the password note first', async () => {
    const { el } = await render();
    const root = el.shadowRoot!;
    const labels = [...root.querySelectorAll('label')].map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['利用券番号', '生年月日', '新しいパスワード', '新しいパスワード(再)']);
    expect(root.querySelector('#birth')!.getAttribute('type')).to.equal('date');
    expect(root.querySelector('#note')!.textContent).to.include('(6文字以上)');
    expect(root.querySelector('#new')!.getAttribute('aria-describedby')).to.equal('note');
  });

  it('201 → success with a link to log in (no login needed to get here)', async () => {
    const { el, calls } = await render();
    send(el);
    await waitForLive('パスワードを発行しました。');
    expect(calls).to.have.length(1);
    expect(calls[0]!.method).to.equal('POST');
    expect(calls[0]!.path).to.equal('/api/password-issuance');
    expect(calls[0]!.body).to.deep.equal({ cardNumber: '2000000418', birthDate: '2012-05-05', newPassword: 'kids2012', newPasswordConfirm: 'kids2012' });
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('#done a')!;
    expect(link.textContent!.trim()).to.equal('ログイン');
    expect(link.getAttribute('href')).to.equal('/login');
    expect(deepActiveElement()?.id).to.equal('done');
  });

  it('verification_failed (401) is explained once, under 利用券番号, and does not send the patron to login', async () => {
    const nav = recordNavigations();
    const { el } = await render(() => apiError(401, 'verification_failed', 'no'));
    send(el);
    await waitForLive('利用券番号または生年月日が正しくありません');
    nav.stop();
    expect(nav.paths).to.deep.equal([]);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('.error')).to.have.length(1);
    expect(root.querySelector('#card')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root.querySelector('#birth')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root.querySelector('#birth')!.getAttribute('aria-describedby')).to.include('card-error');
    expect(deepActiveElement()?.id).to.equal('card');
    await expect(el).to.be.accessible();
  });

  const refusals: Array<[string, number, string, string, Record<string, string>?]> = [
    ['already_issued', 409, 'refusal', 'パスワードは発行済みです'],
    ['password_policy', 400, 'new', '6文字以上で'],
    ['password_mismatch', 400, 'confirm', '一致しません'],
    ['too_many_attempts', 429, 'refusal', '5分後にもう一度お試しください', { 'Retry-After': '300' }],
  ];
  for (const [code, status, focus, words, headers] of refusals) {
    it(`explains ${code}`, async () => {
      const { el } = await render(() => apiError(status, code, 'no', headers ?? {}));
      send(el);
      await waitForLive(words);
      expect(el.shadowRoot!.textContent).to.include(words);
      expect(deepActiveElement()?.id).to.equal(focus);
    });
  }
});
