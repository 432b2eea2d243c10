import { expect, html, waitUntil } from '@open-wc/testing';
import '../../client/pages/preferences/preferences-page.ts';
import type { PreferencesPage } from '../../client/pages/preferences/preferences-page.ts';
import { snapshot } from './fixtures.ts';
import {
  afterEachRestoreFetchAndMode, apiError, deepActiveElement, itIsAccessibleInEveryMode, json, stubApi, waitForLive, type Call, fixture } from './helpers.ts';

async function render(put: (c: Call) => Response = () => json(200, {})): Promise<{ el: PreferencesPage; calls: Call[] }> {
  const account = snapshot({ patron: { ...snapshot().patron, defaults: { pickupBranch: 'higashi', contactMethod: 'phone' } } });
  const calls = stubApi((c) => (c.path === '/api/account' ? json(200, account) : put(c)));
  const el = await fixture<PreferencesPage>(html`<shiori-preferences-page></shiori-preferences-page>`);
  await waitUntil(() => el.shadowRoot!.querySelector('#pref-branch'), 'form never appeared');
  return { el, calls };
}

function choose(el: PreferencesPage, branch: string, contact: string): void {
  const root = el.shadowRoot!;
  const b = root.querySelector<HTMLSelectElement>('#pref-branch')!;
  b.value = branch;
  b.dispatchEvent(new Event('change'));
  const c = root.querySelector<HTMLSelectElement>('#pref-contact')!;
  c.value = contact;
  c.dispatchEvent(new Event('change'));
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('受取館・連絡方法 初期設定', () => {
  afterEachRestoreFetchAndMode();
  itIsAccessibleInEveryMode(async () => (await render()).el);

  it('starts at the current defaults, with the numbered choices 1:本館 … 5:西之台 and 1:メール 2:電話 3:不要', async () => {
    const { el } = await render();
    const root = el.shadowRoot!;
    const branch = root.querySelector<HTMLSelectElement>('#pref-branch')!;
    const contact = root.querySelector<HTMLSelectElement>('#pref-contact')!;
    expect(branch.value).to.equal('higashi');
    expect(contact.value).to.equal('phone');
    expect([...branch.options].map((o) => o.textContent)).to.deep.equal(['1:本館', '2:東分館', '3:貫井北分館', '4:緑分室', '5:西之台']);
    expect([...contact.options].map((o) => o.textContent)).to.deep.equal(['1:メール', '2:電話', '3:不要']);
    expect(root.querySelector('h1')!.textContent).to.equal('受取館・連絡方法 初期設定');
  });

  it('登録 → PUT /api/preferences with the choice, and says it changed', async () => {
    const { el, calls } = await render();
    choose(el, 'nukuikita', 'none');
    await waitForLive('初期設定を変更しました。');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.path).to.equal('/api/preferences');
    expect(put.body).to.deep.equal({ pickupBranch: 'nukuikita', contactMethod: 'none' });
    expect(deepActiveElement()?.id).to.equal('done');
  });

  it('explains email_not_registered', async () => {
    const { el } = await render(() => apiError(409, 'email_not_registered', 'no'));
    choose(el, 'central', 'email');
    await waitForLive('メールアドレスが登録されていないため');
    expect(el.shadowRoot!.querySelector('#problem')!.textContent).to.include('「メール登録・変更」で登録してから');
    expect(deepActiveElement()?.id).to.equal('problem');
    await expect(el).to.be.accessible();
  });
});
