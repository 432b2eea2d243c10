/**
 * 自動延長 ([docs/rules.md#reminders](../../docs/rules.md#reminders)): on the first day a loan can be renewed, the pass renews it by the normal rule
 * (old due date + extension), and reports auto_renewed; what the rule refuses is reported as
 * auto_renewal_refused with its reason, and stays as it was. Two passes racing renew once, also
 * with a policy that would allow a second renewal. Nothing happens for a patron who did not opt in.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Loan } from '../../common/api.ts';
import type { Notice } from '../../common/notifications.ts';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

describe('自動延長', () => {
  let t: TestApp;
  let dir: string;
  let patron: PatronClient;
  let bystander: PatronClient;
  const ids: Record<string, string> = {};

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shiori-autorenew-'));
    // Two renewals allowed: a second pass racing the first must still renew only once.
    const config = join(dir, 'library.json');
    await writeFile(config, JSON.stringify({ renewal: { maxRenewals: 2 } }));
    // 2026-04-27 09:00 in Tokyo: loans due 2026-05-04 have their window's first day today.
    t = await startTestApp({ now: '2026-04-27T00:00:00Z', env: { LIBRARY_CONFIG: config }, openEveryDay: true });
    await t.addPatron({ cardNumber: '4300000001', password: 'auto1234' });
    await t.addPatron({ cardNumber: '4300000002', password: 'other123' });
    await t.addPatron({ cardNumber: '4300000003', password: 'optout12' });
    const loan = async (name: string, card: string, dueOn: string, title: Parameters<TestApp['addTitle']>[0], interLibraryLoan = false) => {
      const { bibId, barcodes } = await t.addTitle(title);
      ids[`${name}:bib`] = bibId;
      ids[name] = (await t.checkout({ cardNumber: card, barcode: barcodes[0]!, loanedOn: '2026-04-13', dueOn, interLibraryLoan })).loanId;
    };
    await loan('renewable', '4300000001', '2026-05-04', { title: '延長できる本' });
    await loan('cd', '4300000001', '2026-05-04', { title: 'ＣＤの音楽', materialType: 'cd', category: 'cd' });
    await loan('reserved', '4300000001', '2026-05-04', { title: '予約の入った本' });
    await loan('ill', '4300000001', '2026-05-04', { title: '相互貸借の本' }, true);
    await loan('later', '4300000001', '2026-05-10', { title: 'まだ早い本' });
    await loan('optOut', '4300000003', '2026-05-04', { title: '自動延長しない人の本' });
    patron = await t.login('4300000001', 'auto1234');
    bystander = await t.login('4300000002', 'other123');
    assert.equal((await call(bystander, 'POST', '/api/holds', { bibId: ids['reserved:bib'] })).status, 201);
    assert.equal((await call(patron, 'PUT', '/api/notifications/settings', { autoRenew: true })).status, 200);
    // The other patron has settings too (visited by the pass) but did not opt in.
    const optOut = await t.login('4300000003', 'optout12');
    assert.equal((await call(optOut, 'PUT', '/api/notifications/settings', { daysBefore: 3 })).status, 200);
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const loansOf = async (client: PatronClient) => new Map<string, Loan>((await client.json('/api/account')).loans.map((l: Loan) => [l.id, l]));

  it('renews what the rule allows on the window’s first day, once, even with two passes at once', async () => {
    const runs = await Promise.all([t.staff('/api/staff/notifications/run'), t.staff('/api/staff/notifications/run')]);
    assert.equal(runs[0].autoRenewed + runs[1].autoRenewed >= 1, true);
    const loans = await loansOf(patron);
    assert.deepEqual([loans.get(ids['renewable']!)!.dueOn, loans.get(ids['renewable']!)!.renewals], ['2026-05-11', 1], 'old due date + 7, renewed once');
    for (const name of ['cd', 'reserved', 'ill']) assert.deepEqual([loans.get(ids[name]!)!.dueOn, loans.get(ids[name]!)!.renewals], ['2026-05-04', 0], `${name} stays`);
    assert.deepEqual([loans.get(ids['later']!)!.dueOn, loans.get(ids['later']!)!.renewals], ['2026-05-10', 0], 'its window opens on 05-03');
    const optOut = await t.login('4300000003', 'optout12');
    const theirs = [...(await loansOf(optOut)).values()][0]!;
    assert.deepEqual([theirs.dueOn, theirs.renewals], ['2026-05-04', 0], 'no 自動延長 without opting in');
  });

  it('reports auto_renewed and each refusal with its reason in お知らせ', async () => {
    const { notices } = (await patron.json('/api/notices')) as { notices: Notice[] };
    const byEvent = (event: string) => notices.filter((n) => n.event === event);
    assert.equal(byEvent('auto_renewed').length, 1);
    const renewed = byEvent('auto_renewed')[0]!.params as Extract<Notice['params'], { event: 'auto_renewed' }>;
    assert.deepEqual([renewed.loans.map((l) => l.id), renewed.dueOn, renewed.previousDueOn], [[ids['renewable']], '2026-05-11', '2026-05-04']);
    assert.equal(byEvent('auto_renewed')[0]!.body, '「延長できる本」を延長しました。新しい返却期限日は2026/05/11です。');
    const refused = byEvent('auto_renewal_refused').map((n) => n.params as Extract<Notice['params'], { event: 'auto_renewal_refused' }>);
    const reasons = Object.fromEntries(refused.flatMap((p) => p.loans.map((l) => [l.id, p.reason])));
    assert.deepEqual(reasons, { [ids['cd']!]: 'not_renewable_material', [ids['reserved']!]: 'has_holds', [ids['ill']!]: 'inter_library_loan' });
    const forHolds = byEvent('auto_renewal_refused').find((n) => (n.params as { reason: string }).reason === 'has_holds')!;
    assert.equal(forHolds.body, '「予約の入った本」は他の方の予約があるため延長できませんでした。返却期限日は2026/05/04です。');
    assert.equal(byEvent('renewal_blocked').length, 0, 'the refusal already says it');
    assert.equal(byEvent('renewable_now').length, 0, '自動延長 replaces 延長できるようになりました');
  });

  it('the second window of a loan the rule lets renew again renews it again on its first day', async () => {
    // New due date 05-11: its window opens 05-04.
    await t.setClock('2026-05-04T00:00:00Z');
    await t.staff('/api/staff/notifications/run');
    patron = await t.login('4300000001', 'auto1234');
    const loan = (await loansOf(patron)).get(ids['renewable']!)!;
    assert.deepEqual([loan.dueOn, loan.renewals], ['2026-05-18', 2]);
  });

  it('a loan that cannot be renewed any more is left alone, and nothing is reported for it', async () => {
    await t.setClock('2026-05-11T00:00:00Z');
    patron = await t.login('4300000001', 'auto1234');
    const before = ((await patron.json('/api/notices')) as { notices: Notice[] }).notices.length;
    await t.staff('/api/staff/notifications/run');
    const loan = (await loansOf(patron)).get(ids['renewable']!)!;
    assert.deepEqual([loan.dueOn, loan.renewals], ['2026-05-18', 2]);
    const { notices } = (await patron.json('/api/notices')) as { notices: Notice[] };
    const aboutIt = notices.slice(0, notices.length - before).filter((n) => n.event === 'auto_renewal_refused' && JSON.stringify(n.params).includes(ids['renewable']!));
    assert.equal(aboutIt.length, 0, 'renewal_limit is not reported');
  });
});
