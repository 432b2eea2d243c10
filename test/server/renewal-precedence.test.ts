/**
 * Which refusal a renewal gets when several reasons apply at once: the order written in
 * [docs/choices.md](../../docs/choices.md) (read from it, so the document and the rule cannot drift
 * apart). The pure rule is tried with every combination of reasons under two policies; the API and
 * the snapshot are tried with two reasons at once.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenewBlock } from '../../common/api.ts';
import { decideRenewal, type RenewalFacts, type RenewalPolicy } from '../../server/rules/renewal.ts';
import { placeHold } from '../../server/holds/patron-holds.ts';
import type { Refusal } from '../../common/refusals.ts';
import { refusalMessage } from '../../common/wording/index.ts';
import { errorOf, startTestApp, type TestApp } from './helpers.ts';

/** The words docs/choices.md uses for each reason, in the renewal entry's order. */
const REASON_WORDS: Record<string, RenewBlock> = {
  CD: 'not_renewable_material',
  相互貸借: 'inter_library_loan',
  延長済: 'renewal_limit',
  'expired card': 'card_expired',
  'holds waiting': 'has_holds',
  'outside the window': 'outside_window',
};

function documentedOrder(): RenewBlock[] {
  const choices = readFileSync(join(import.meta.dirname, '../../docs/choices.md'), 'utf8');
  const sentence = /\*\*Renewal\*\*: when several refusals apply, the one shown is the most lasting:([^.]*)\./.exec(choices)?.[1];
  assert.ok(sentence, 'docs/choices.md states the renewal refusal order');
  const order = sentence.replace(/\s+/g, ' ').split('→').map((w) => w.trim());
  for (const w of order) assert.ok(w in REASON_WORDS, `"${w}" in docs/choices.md names a known reason`);
  return order.map((w) => REASON_WORDS[w]!);
}

const ORDER = documentedOrder();

const TODAY = '2026-04-27';
const POLICIES: RenewalPolicy[] = [
  { daysBeforeDue: 7, daysAfterDue: 7, maxRenewals: 1, extensionDays: 7 },
  { daysBeforeDue: 3, daysAfterDue: 2, maxRenewals: 2, extensionDays: 10 },
];

/** A loan that can be renewed today, then changed so that exactly the given reasons hold. */
function factsWith(reasons: ReadonlySet<RenewBlock>, p: RenewalPolicy): RenewalFacts {
  return {
    today: TODAY,
    // Due tomorrow is inside both windows; 20 days ahead is outside both.
    dueOn: reasons.has('outside_window') ? '2026-05-17' : '2026-04-28',
    renewals: reasons.has('renewal_limit') ? p.maxRenewals : p.maxRenewals - 1,
    materialType: reasons.has('not_renewable_material') ? 'cd' : 'book',
    category: reasons.has('not_renewable_material') ? 'cd' : 'general',
    interLibraryLoan: reasons.has('inter_library_loan'),
    othersWaiting: reasons.has('has_holds'),
    cardExpiresOn: reasons.has('card_expired') ? '2026-04-26' : '2027-03-31',
  };
}

test('docs/choices.md names every renewal refusal once', () => {
  assert.deepEqual([...ORDER].sort(), [...new Set(Object.values(REASON_WORDS))].sort());
});

test('with any combination of reasons, the one first in the documented order is given (all 64, two policies)', () => {
  for (const p of POLICIES) {
    for (let mask = 0; mask < 1 << ORDER.length; mask++) {
      const reasons = new Set(ORDER.filter((_, i) => mask & (1 << i)));
      const decision = decideRenewal(factsWith(reasons, p), p);
      const expected = ORDER.find((r) => reasons.has(r));
      const label = `${[...reasons].join(' + ') || 'no reason'} (maxRenewals ${p.maxRenewals})`;
      if (expected === undefined) assert.equal(decision.ok, true, label);
      else assert.deepEqual(decision.ok ? null : decision.blockedBy, expected, label);
    }
  }
});

const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

test('through the API: outside the window while another patron waits → has_holds; a CD on an expired card → not_renewable_material; the snapshot says the same', async () => {
  const t = await startTestApp({ now: '2026-04-27T01:00:00Z', openEveryDay: true });
  apps.push(t);
  await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
  await t.addPatron({ cardNumber: '2000000418', password: 'library3', cardExpiresOn: '2026-04-26' });
  const { patronId: waiting } = await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
  const book = await t.addTitle({ title: '夢の守り人', category: 'children' });
  const cd = await t.addTitle({ title: 'こどものうた', materialType: 'cd', category: 'cd' });
  // Due in 20 days (outside the 7-day window), and another patron waits for the title.
  const late = await t.checkout({ cardNumber: '2000000326', barcode: book.barcodes[0]!, loanedOn: '2026-04-01', dueOn: '2026-05-17' });
  await placeHold(t.ctx, waiting, { bibId: book.bibId });
  // A CD due tomorrow, lent to a card that expired yesterday.
  const disc = await t.checkout({ cardNumber: '2000000418', barcode: cd.barcodes[0]!, loanedOn: '2026-04-20', dueOn: '2026-04-28' });

  const cases: [card: string, password: string, loanId: string, both: RenewBlock[]][] = [
    ['2000000326', 'library1', late.loanId, ['outside_window', 'has_holds']],
    ['2000000418', 'library3', disc.loanId, ['card_expired', 'not_renewable_material']],
  ];
  for (const [card, password, loanId, both] of cases) {
    const code = ORDER.find((r) => both.includes(r))!;
    const patron = await t.login(card, password);
    const loans = (await patron.json('/api/account')).loans as { id: string; renewBlockedBy: string | null }[];
    assert.equal(loans.find((l) => l.id === loanId)?.renewBlockedBy, code, `snapshot: ${both.join(' + ')}`);
    const e = await errorOf(await patron.fetch(`/api/loans/${loanId}/renew`, { method: 'POST' }));
    assert.deepEqual([e.status, e.code], [409, code], both.join(' + '));
    assert.equal(e.message, refusalMessage({ code } as Refusal, 'ja'), 'worded as the refusal given, not the other reason');
  }
});
