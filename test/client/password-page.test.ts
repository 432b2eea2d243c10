import { expect, html, waitUntil } from '@open-wc/testing';
import '../../client/pages/password/password-page.ts';
import type { PasswordPage } from '../../client/pages/password/password-page.ts';
import {
  STANDARD, afterEachRestoreFetchAndMode, apiError, applyMode, deepActiveElement, itIsAccessibleInEveryMode, json, stubApi, waitForLive, type Call, fixture } from './helpers.ts';

const NOTE = '新しく変更したいパスワードを入力してください。(6文字以上) パスワードは、半角英数(大文字、小文字)のみで英数混在での入力をお願い致します。';

async function render(handler: (c: Call) => Response = () => json(204, null)): Promise<{ el: PasswordPage; calls: Call[] }> {
  const calls = stubApi(handler);
  const el = await fixture<PasswordPage>(html`<shiori-password-page></shiori-password-page>`);
  return { el, calls };
}

function fill(el: PasswordPage, current: string, next: string, again: string): void {
  const root = el.shadowRoot!;
  root.querySelector<HTMLInputElement>('#current')!.value = current;
  root.querySelector<HTMLInputElement>('#new')!.value = next;
  root.querySelector<HTMLInputElement>('#confirm')!.value = again;
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('パスワード変更', () => {
  afterEachRestoreFetchAndMode();
  itIsAccessibleInEveryMode(async () => (await render()).el);

  it('shows the seed note before typing, and the fields 古いパスワード / 新しいパスワード / 新しいパスワード(再) with 登録', async () => {
    const { el } = await render();
    const root = el.shadowRoot!;
    expect(root.querySelector('#note')!.textContent!.trim()).to.equal(NOTE);
    const labels = [...root.querySelectorAll('label')].map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['古いパスワード', '新しいパスワード', '新しいパスワード(再)']);
    expect(root.querySelector('#new')!.getAttribute('aria-describedby')).to.equal('note');
    expect(root.querySelector('#note')!.compareDocumentPosition(root.querySelector('form')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(root.querySelector('button[type="submit"]')!.textContent!.trim()).to.equal('登録');
  });

  it('登録 → PUT /api/password → 「新しいパスワードに変更しました。」', async () => {
    const { el, calls } = await render();
    fill(el, 'library1', 'abc123', 'abc123');
    await waitForLive('新しいパスワードに変更しました。');
    expect(calls).to.have.length(1);
    expect(calls[0]!.method).to.equal('PUT');
    expect(calls[0]!.path).to.equal('/api/password');
    expect(calls[0]!.body).to.deep.equal({ currentPassword: 'library1', newPassword: 'abc123', newPasswordConfirm: 'abc123' });
    expect(el.shadowRoot!.querySelector('#done')!.textContent!.trim()).to.equal('新しいパスワードに変更しました。');
    expect(deepActiveElement()?.id).to.equal('done');
    await expect(el).to.be.accessible();
  });

  const refusals: Array<[string, number, string, string]> = [
    ['wrong_password', 403, 'current', '古いパスワードが正しくありません'],
    ['password_policy', 400, 'new', '6文字以上で、半角の英字と数字を両方含めて'],
    ['password_mismatch', 400, 'confirm', '一致しません'],
  ];
  for (const [code, status, field, words] of refusals) {
    it(`explains ${code} at its field and moves the focus there`, async () => {
      const { el } = await render(() => apiError(status, code, 'no'));
      fill(el, 'library1', 'abcdef', 'abcdeg');
      await waitUntil(() => el.shadowRoot!.querySelector(`#${field}-error`), 'no explanation');
      const input = el.shadowRoot!.querySelector<HTMLInputElement>(`#${field}`)!;
      expect(el.shadowRoot!.querySelector(`#${field}-error`)!.textContent).to.include(words);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.include(`${field}-error`);
      expect(deepActiveElement()).to.equal(input);
      await waitForLive(words);
      await expect(el).to.be.accessible();
    });
  }

  it('speaks English and kids\' Japanese', async () => {
    await applyMode({ ...STANDARD, lang: 'en' });
    const { el } = await render();
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.equal('Change password');
    await applyMode({ ...STANDARD, audience: 'kids' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.equal('パスワードを かえる');
  });
});
