/**
 * The due-date summary 利用状況一覧 starts with (issue 15): which date it names and how many loans
 * (client/pages/account/due-summary.ts), its words in each language (due-summary-text.ts: today,
 * tomorrow, in N days, overdue; English singular and plural; the kids' hiragana), the loan cards'
 * distance to their due date, and the page showing it from the library's date — the snapshot's, and
 * offline the device clock read in the library's zone — never the test machine's today.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { OFFLINE_HEADER } from '../../common/offline.ts';
import { dueSummary } from '../../client/pages/account/due-summary.ts';
import { daysLeftText, dueSummaryText } from '../../client/pages/account/due-summary-text.ts';
import '../../client/pages/account/account-page.ts';
import type { AccountPage } from '../../client/pages/account/account-page.ts';
import { loan, snapshot, TODAY } from './fixtures.ts';
import { STANDARD, afterEachRestoreFetchAndMode, applyMode, deepQuery, fixture, json, stubApi } from './helpers.ts';

const due = (...dates: string[]) => dates.map((dueOn) => ({ dueOn }));
const text = (dates: string[], today = TODAY) => dueSummaryText(dueSummary(due(...dates), today));

describe('due-date summary: the rule', () => {
  it('names the earliest due date, how many loans share it and how many days away it is', () => {
    expect(dueSummary(due('2020-05-18', '2020-04-30', '2020-04-30'), TODAY)).to.deep.equal({ kind: 'due', dueOn: '2020-04-30', days: 2, count: 2 });
    expect(dueSummary(due('2020-04-28'), TODAY)).to.deep.equal({ kind: 'due', dueOn: '2020-04-28', days: 0, count: 1 });
    // Across a month's end, by the calendar.
    expect(dueSummary(due('2020-05-01'), '2020-04-30')).to.deep.equal({ kind: 'due', dueOn: '2020-05-01', days: 1, count: 1 });
  });

  it('says overdue, with the days since the earliest due date, when it has passed', () => {
    expect(dueSummary(due('2020-04-26', '2020-05-18', '2020-04-27'), TODAY)).to.deep.equal({ kind: 'overdue', dueOn: '2020-04-26', days: 2, count: 1 });
  });

  it('has nothing to say without loans', () => {
    expect(dueSummary([], TODAY)).to.deep.equal({ kind: 'none' });
    expect(dueSummaryText({ kind: 'none' })).to.equal('');
  });
});

describe('due-date summary: the words', () => {
  afterEachRestoreFetchAndMode();

  it('Japanese: 今日, 明日, あと3日, 2日過ぎています, and the count in 冊', async () => {
    await applyMode(STANDARD);
    expect(text(['2020-04-28'])).to.equal('次の返却期限 4/28（今日）1冊');
    expect(text(['2020-04-29', '2020-04-29'])).to.equal('次の返却期限 4/29（明日）2冊');
    expect(text(['2020-05-01'])).to.equal('次の返却期限 5/1（あと3日）1冊');
    expect(text(['2020-04-26'])).to.equal('返却期限 4/26（2日過ぎています）1冊');
    expect(daysLeftText('2020-05-18', TODAY)).to.equal('あと20日');
    expect(daysLeftText('2020-04-27', TODAY)).to.equal('1日過ぎています');
  });

  it('English: singular and plural for items and days', async () => {
    await applyMode({ ...STANDARD, lang: 'en' });
    expect(text(['2020-04-28'])).to.equal('Next due 4/28 (today): 1 item');
    expect(text(['2020-04-29', '2020-04-29'])).to.equal('Next due 4/29 (tomorrow): 2 items');
    expect(text(['2020-05-01', '2020-05-01', '2020-05-01'])).to.equal('Next due 5/1 (in 3 days): 3 items');
    expect(text(['2020-04-27'])).to.equal('Due 4/27 (1 day overdue): 1 item');
    expect(text(['2020-04-26', '2020-04-26'])).to.equal('Due 4/26 (2 days overdue): 2 items');
    expect(daysLeftText('2020-05-18', TODAY)).to.equal('in 20 days');
  });

  it("kids' Japanese: in hiragana", async () => {
    await applyMode({ ...STANDARD, audience: 'kids' });
    expect(text(['2020-04-28'])).to.equal('つぎに かえす ひ 4/28（きょう）1さつ');
    expect(text(['2020-04-29'])).to.equal('つぎに かえす ひ 4/29（あした）1さつ');
    expect(text(['2020-05-01', '2020-05-01'])).to.equal('つぎに かえす ひ 5/1（あと 3にち）2さつ');
    expect(text(['2020-04-26'])).to.equal('かえす ひ 4/26（2にち すぎているよ）1さつ');
  });
});

describe('due-date summary on 利用状況一覧', () => {
  afterEachRestoreFetchAndMode();

  async function summaryOf(el: AccountPage): Promise<string> {
    await waitUntil(() => el.shadowRoot!.querySelector('.due-summary'), 'no summary line');
    return el.shadowRoot!.querySelector('.due-summary')!.textContent!.trim();
  }

  it("comes first, from the snapshot's date (the library's), with each card's days left", async () => {
    await applyMode(STANDARD);
    stubApi(() => json(200, snapshot()));
    const el = await fixture<AccountPage>(html`<shiori-account-page></shiori-account-page>`);
    // snapshot(): 夢の守り人 due 2020-04-28 = the snapshot's today; 哲学のことば 2020-05-18.
    expect(await summaryOf(el)).to.equal('次の返却期限 4/28（今日）1冊');
    const first = el.shadowRoot!.querySelector('h1')!.parentElement!.nextElementSibling!;
    expect(first.classList.contains('due-summary'), 'the summary is the first line under the heading').to.equal(true);
    await waitUntil(() => deepQuery(el, 'tr[data-loan="L2"] .days-left'));
    expect(deepQuery(el, 'tr[data-loan="L2"] .days-left')!.textContent).to.equal('あと20日');
  });

  it("offline: counts from the device clock read in the library's zone (2020-04-29 16:30 UTC is 4/30 in Tokyo)", async () => {
    await applyMode(STANDARD);
    stubApi(() => json(200, snapshot({ loans: [loan({ dueOn: '2020-04-28' })] }), { [OFFLINE_HEADER]: '2020-04-28T01:00:00.000Z' }));
    const el = await fixture<AccountPage>(html`<shiori-account-page></shiori-account-page>`, { now: () => new Date('2020-04-29T16:30:00.000Z') });
    const line = el.shadowRoot!.querySelector('.due-summary');
    expect(await summaryOf(el)).to.equal('⚠ 返却期限 4/28（2日過ぎています）1冊');
    expect(line?.classList.contains('overdue') ?? el.shadowRoot!.querySelector('.due-summary.overdue') !== null).to.equal(true);
  });

  it('is absent without loans', async () => {
    await applyMode(STANDARD);
    stubApi(() => json(200, snapshot({ loans: [] })));
    const el = await fixture<AccountPage>(html`<shiori-account-page></shiori-account-page>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="tablist"]'));
    expect(el.shadowRoot!.querySelector('.due-summary')).to.equal(null);
  });
});
