import { expect, html, waitUntil } from '@open-wc/testing';
import '../../client/pages/library/library-page.ts';
import type { LibraryPage } from '../../client/pages/library/library-page.ts';
import type { LibraryToday } from '../../client/pages/library/library-today.ts';
import { LIBRARY } from './catalog-fixtures.ts';
import { STANDARD, afterEachRestoreFetchAndMode, apiError, applyMode, deepQuery, itIsAccessibleInEveryMode, json, stubApi, fixture } from './helpers.ts';

async function render(): Promise<LibraryPage> {
  stubApi((c) => (c.path === '/api/library' ? json(200, LIBRARY) : apiError(404, 'not_found', '')));
  const el = await fixture<LibraryPage>(html`<shiori-library-page></shiori-library-page>`, { library: 'load' });
  await waitUntil(() => deepQuery(el, 'shiori-library-today')?.shadowRoot?.querySelector('ul') && el.shadowRoot!.querySelector('.branches'));
  return el;
}

const todayLines = (el: Element) =>
  [...deepQuery<LibraryToday>(el, 'shiori-library-today')!.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());

describe('各館案内 (library information)', () => {
  afterEachRestoreFetchAndMode();
  itIsAccessibleInEveryMode(render);

  it('shows today as on the seed top page: 〇は開館、休は休館です, ○ 本館 10:00~20:00, 休 緑分室 休館 — in words, not colour', async () => {
    const el = await render();
    const today = deepQuery<LibraryToday>(el, 'shiori-library-today')!.shadowRoot!;
    expect(today.querySelector('h2')!.textContent!.trim()).to.equal('2020/04/24開館状況');
    expect(today.textContent).to.include('〇は開館、休は休館です');
    expect(todayLines(el)).to.deep.equal([
      '○ 本館 開館 10:00~20:00',
      '○ 東分館 開館 9:00~17:00',
      '○ 貫井北分館 開館 9:00~20:00',
      '休 緑分室 休館',
      '○ 西之台 開館 9:00~17:00',
    ]);
  });

  it('lists each branch with its weekly hours', async () => {
    const el = await render();
    const central = el.shadowRoot!.querySelector('section.branch')!;
    expect(central.querySelector('h3')!.textContent).to.equal('本館');
    // The weekly hours are the published policy's (the server's defaults: 水〜金 until 20:00, with its note).
    expect(central.textContent).to.include('水〜金');
    expect(central.textContent).to.include('10:00~20:00（17:00以降は1階のみ）');
    expect(central.textContent).to.include('月休館');
  });

  it('lists a branch’s coming days in words: 開館 with the hours, 休館 with the reason', async () => {
    const el = await render();
    const days = el.shadowRoot!.querySelector('section.branch shiori-branch-days')!.shadowRoot!;
    expect(days.querySelector('summary')!.textContent).to.include('これから4日間の開館日');
    const rows = [...days.querySelectorAll('tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).to.deep.equal(['4/24(金) 開館 10:00~20:00（17:00以降は1階のみ）', '4/25(土) 開館 10:00~17:00', '4/27(月) 休館', '5/5(火) 休館（臨時休館）']);
    // A branch without the list (an answer kept from before it existed) shows none.
    expect(el.shadowRoot!.querySelectorAll('section.branch')[1]!.querySelector('shiori-branch-days')!.shadowRoot!.querySelector('details')).to.equal(null);
  });

  it('the coming days in English', async () => {
    await applyMode({ ...STANDARD, lang: 'en' });
    const el = await render();
    const days = el.shadowRoot!.querySelector('section.branch shiori-branch-days')!.shadowRoot!;
    days.querySelector('details')!.open = true;
    expect(days.querySelector('summary')!.textContent).to.include('Open days in the next 4 days');
    expect(days.querySelector('tbody tr')!.textContent!.replace(/\s+/g, ' ')).to.include('4/24(Fri)');
    await expect(el).to.be.accessible();
  });

  it('says so when the information cannot be loaded', async () => {
    stubApi(() => apiError(503, 'internal', 'サーバーでエラーが発生しました。'));
    const el = await fixture<LibraryToday>(html`<shiori-library-today></shiori-library-today>`, { library: 'load' });
    await waitUntil(() => el.shadowRoot!.querySelector('.notice.warn'));
    expect(el.shadowRoot!.textContent).to.include('エラーが発生しました。しばらくしてからもう一度お試しください。');
  });
});
