import { expect, html, waitUntil } from '@open-wc/testing';
import '../../client/pages/email/email-page.ts';
import type { EmailPage } from '../../client/pages/email/email-page.ts';
import { snapshot } from './fixtures.ts';
import {
  afterEachRestoreFetchAndMode, apiError, deepActiveElement, itIsAccessibleInEveryMode, json, stubApi, waitForLive, type Call, fixture } from './helpers.ts';

async function render(put: (c: Call) => Response = (c) => json(200, { email: (c.body as { email: string }).email || null })): Promise<{ el: EmailPage; calls: Call[] }> {
  const calls = stubApi((c) => (c.path === '/api/account' ? json(200, snapshot()) : put(c)));
  const el = await fixture<EmailPage>(html`<shiori-email-page></shiori-email-page>`);
  await waitUntil(() => el.shadowRoot!.querySelector('#current-email')!.textContent!.includes('patron@example.jp'));
  return { el, calls };
}

function send(el: EmailPage, email: string, again: string): void {
  const root = el.shadowRoot!;
  root.querySelector<HTMLInputElement>('#email')!.value = email;
  root.querySelector<HTMLInputElement>('#email-confirm')!.value = again;
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('メール登録・変更', () => {
  afterEachRestoreFetchAndMode();
  itIsAccessibleInEveryMode(async () => (await render()).el);

  it('shows the current address, the deletion note, [E-mail1] and (再入力), and 登録・変更', async () => {
    const { el } = await render();
    const root = el.shadowRoot!;
    expect(root.textContent).to.include('* 登録内容を削除する場合は、欄を空にして下さい。');
    expect(root.querySelector('label[for="email"]')!.textContent!.trim()).to.equal('[E-mail1]');
    expect(root.querySelector('label[for="email-confirm"]')!.textContent!.trim()).to.equal('(再入力)');
    expect(root.querySelector('button[type="submit"]')!.textContent!.trim()).to.equal('登録・変更');
  });

  it('registers: PUT /api/email → 「登録されました。」 and the new current address', async () => {
    const { el, calls } = await render();
    send(el, 'new@example.jp', 'new@example.jp');
    await waitForLive('登録されました。');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.path).to.equal('/api/email');
    expect(put.body).to.deep.equal({ email: 'new@example.jp', emailConfirm: 'new@example.jp' });
    expect(el.shadowRoot!.querySelector('#current-email')!.textContent).to.equal('new@example.jp');
    expect(deepActiveElement()?.id).to.equal('done');
  });

  it('both fields empty deletes the address and says so', async () => {
    const { el, calls } = await render();
    send(el, '', '');
    await waitForLive('メールアドレスの登録を削除しました。');
    expect(calls.find((c) => c.method === 'PUT')!.body).to.deep.equal({ email: '', emailConfirm: '' });
    expect(el.shadowRoot!.querySelector('#current-email')!.textContent).to.equal('登録されていません');
  });

  const refusals: Array<[string, number, string | null, string]> = [
    ['invalid_email', 400, 'email', 'メールアドレスの形式が正しくありません'],
    ['email_mismatch', 400, 'email-confirm', '一致しません'],
    ['email_in_use', 409, null, '連絡方法が「メール」の予約がある'],
  ];
  for (const [code, status, field, words] of refusals) {
    it(`explains ${code}`, async () => {
      const { el } = await render(() => apiError(status, code, 'no'));
      send(el, code === 'email_in_use' ? '' : 'x@example.jp', code === 'email_in_use' ? '' : 'y@example.jp');
      await waitForLive(words);
      const root = el.shadowRoot!;
      if (field) {
        expect(root.querySelector(`#${field}-error`)!.textContent).to.include(words);
        expect(root.querySelector(`#${field}`)!.getAttribute('aria-invalid')).to.equal('true');
        expect(deepActiveElement()?.id).to.equal(field);
      } else {
        expect(root.querySelector('#refusal')!.textContent).to.include(words);
        expect(deepActiveElement()?.id).to.equal('refusal');
      }
      expect(root.querySelector('#current-email')!.textContent).to.equal('patron@example.jp');
      await expect(el).to.be.accessible();
    });
  }
});
