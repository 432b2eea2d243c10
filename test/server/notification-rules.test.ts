/**
 * The pure rules behind reminders (server/notifications/rules/, compose.ts): when the digest is due
 * in the library's zone, which events a day has, which channels they take, and a push payload that
 * always fits a push service's 4 KB.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Loan } from '../../common/api.ts';
import type { HoldRecord, LoanRecord, PatronRecord, TitleRecord } from '../../server/domain/records.ts';
import { KOGANEI_POLICY } from '../../server/policy/defaults.ts';
import { MAX_PAYLOAD_BYTES, pushPayload } from '../../server/notifications/compose.ts';
import { channelsFor } from '../../server/notifications/rules/channels.ts';
import { digestDay } from '../../server/notifications/rules/digest-time.ts';
import { dueEvents, groupNotices, holdReadyEvent } from '../../server/notifications/rules/events.ts';
import { applySettingsUpdate, defaultSettings } from '../../server/notifications/rules/settings.ts';

const policy = KOGANEI_POLICY;

function title(bibId: string, queue: TitleRecord['queue'] = []): TitleRecord {
  return { bibId, title: `本${bibId}`, author: null, publisher: null, year: null, materialType: 'book', category: 'general', copies: [], queue };
}
function loan(id: string, dueOn: string): LoanRecord {
  return { id, bibId: `b${id}`, barcode: `c${id}`, branch: 'central', loanedOn: '2026-04-01', dueOn, renewals: 0, interLibraryLoan: false };
}
function hold(id: string, status: HoldRecord['status'], pickupBy: string | null, contactMethod: HoldRecord['contactMethod'] = 'email'): HoldRecord {
  return { id, bibId: `b${id}`, placedAt: '2026-04-01T00:00:00Z', placedOn: '2026-04-01', status, pickupBranch: 'central', contactMethod, notNeededAfter: null, pickupBy, barcode: null, seriesNo: null, seriesOrder: null };
}
function patron(p: Partial<PatronRecord>): PatronRecord {
  return {
    id: 'p1', cardNumber: '1', birthDate: '1990-01-01', cardExpiresOn: '2030-01-01', name: null, passwordHash: null, email: 'a@example.jp',
    defaults: { pickupBranch: 'central', contactMethod: 'email' }, loans: [], holds: [], cancelledHolds: [], wishlist: { categories: [], entries: [] }, ...p,
  };
}
const titlesFor = (p: PatronRecord, queues: Record<string, TitleRecord['queue']> = {}) =>
  new Map([...p.loans, ...p.holds, ...p.cancelledHolds].map((x) => [x.bibId, title(x.bibId, queues[x.bibId])]));

describe('digest time', () => {
  it('is due from digestHour in the library’s zone, whatever the instant’s UTC day', () => {
    assert.deepEqual(digestDay(new Date('2026-04-26T23:59:59Z'), 'Asia/Tokyo', 9), { today: '2026-04-27', due: false });
    assert.deepEqual(digestDay(new Date('2026-04-27T00:00:00Z'), 'Asia/Tokyo', 9), { today: '2026-04-27', due: true });
    assert.deepEqual(digestDay(new Date('2026-04-27T14:59:59Z'), 'Asia/Tokyo', 9), { today: '2026-04-27', due: true });
    assert.deepEqual(digestDay(new Date('2026-04-27T15:00:00Z'), 'Asia/Tokyo', 9), { today: '2026-04-28', due: false });
    assert.deepEqual(digestDay(new Date('2026-04-27T15:00:00Z'), 'Asia/Tokyo', 0), { today: '2026-04-28', due: true });
  });
});

describe('the day’s events', () => {
  const today = '2026-04-27';
  const facts = (p: PatronRecord, o: { daysBefore?: number; autoRenew?: boolean; queues?: Record<string, TitleRecord['queue']> } = {}) =>
    dueEvents({ patron: p, titles: titlesFor(p, o.queues), today, daysBefore: o.daysBefore ?? 3, autoRenew: o.autoRenew ?? false }, policy);
  const keysOf = (events: ReturnType<typeof facts>) => events.map((e) => e.key.join(':')).sort();

  it('due_soon exactly N days before, overdue exactly the day after, renewable_now on the window’s first day', () => {
    const p = patron({ loans: [loan('z', '2026-04-28'), loan('a', '2026-04-29'), loan('b', '2026-04-30'), loan('c', '2026-05-01'), loan('d', '2026-04-26'), loan('e', '2026-04-25'), loan('f', '2026-05-04'), loan('g', '2026-05-05')] });
    assert.deepEqual(keysOf(facts(p)), ['due_soon:b:2026-04-30', 'overdue:d:2026-04-26', 'renewable_now:f:2026-05-04']);
    assert.deepEqual(keysOf(facts(p, { daysBefore: 1 })), ['due_soon:z:2026-04-28', 'overdue:d:2026-04-26', 'renewable_now:f:2026-05-04']);
  });

  it('no renewable_now with 自動延長 (the renewal itself is reported)', () => {
    const p = patron({ loans: [loan('f', '2026-05-04')] });
    assert.deepEqual(keysOf(facts(p, { autoRenew: true })), []);
  });

  it('renewal_blocked while another patron waits for a title on loan, not for the patron’s own hold', () => {
    const p = patron({ loans: [loan('h', '2026-05-20'), loan('i', '2026-05-20')] });
    const queues = { bh: [{ holdId: 'x', patronId: 'someone-else', placedAt: '2026-04-20T00:00:00Z' }], bi: [{ holdId: 'y', patronId: 'p1', placedAt: '2026-04-20T00:00:00Z' }] };
    assert.deepEqual(keysOf(facts(p, { queues })), ['renewal_blocked:h:2026-05-20']);
  });

  it('hold_ready for ready holds still to collect, pickup_tomorrow the day before, hold_expired for today’s and yesterday’s expiries only', () => {
    const p = patron({
      holds: [hold('r1', 'ready', '2026-04-28'), hold('r2', 'ready', '2026-05-02'), hold('w', 'waiting', null), hold('t', 'in_transit', null)],
      cancelledHolds: [
        { id: 'c1', bibId: 'bc1', placedOn: '2026-04-01', notNeededAfter: '2026-04-26', pickupBranch: 'central', reason: 'wait_expired', cancelledOn: '2026-04-27' },
        { id: 'c2', bibId: 'bc2', placedOn: '2026-04-01', notNeededAfter: null, pickupBranch: 'central', reason: 'pickup_expired', cancelledOn: '2026-04-26' },
        { id: 'c3', bibId: 'bc3', placedOn: '2026-04-01', notNeededAfter: null, pickupBranch: 'central', reason: 'pickup_expired', cancelledOn: '2026-04-25' },
        { id: 'c4', bibId: 'bc4', placedOn: '2026-04-01', notNeededAfter: null, pickupBranch: 'central', reason: null, cancelledOn: '2026-04-27' },
      ],
    });
    assert.deepEqual(keysOf(facts(p)), ['hold_expired:c1', 'hold_expired:c2', 'hold_ready:r1:2026-04-28', 'hold_ready:r2:2026-05-02', 'pickup_tomorrow:r1:2026-04-28']);
  });

  it('groups loan events of one kind and day into one notice', () => {
    const p = patron({ loans: [loan('a', '2026-04-30'), loan('b', '2026-04-30'), loan('c', '2026-04-26')] });
    const drafts = groupNotices(facts(p), today, policy, () => '本館');
    assert.deepEqual(
      drafts.map((d) => [d.params.event, d.loanIds]),
      [['due_soon', ['a', 'b']], ['overdue', ['c']]],
    );
  });
});

describe('channels', () => {
  const settings = defaultSettings(3);
  const allOn = applySettingsUpdate(settings, { events: { hold_ready: { push: true, email: true }, due_soon: { push: false, email: true } } });
  const noneOn = applySettingsUpdate(settings, { events: { hold_ready: { push: false, email: false } } });

  it('hold_ready follows the hold’s 連絡方法: メール always mails, 電話 and 不要 send nothing', () => {
    const ready = (c: HoldRecord['contactMethod']) => holdReadyEvent(hold('r', 'ready', '2026-05-01', c), '本');
    assert.deepEqual(channelsFor(ready('email'), noneOn), { push: false, email: true, notice: true });
    assert.deepEqual(channelsFor(ready('email'), allOn), { push: true, email: true, notice: true });
    for (const c of ['phone', 'none'] as const) assert.deepEqual(channelsFor(ready(c), allOn), { push: false, email: false, notice: false });
  });

  it('other events follow the settings; an event on no channel is not a notice either', () => {
    const [dueSoon] = dueEvents({ patron: patron({ loans: [loan('a', '2026-04-30')] }), titles: new Map([['ba', title('ba')]]), today: '2026-04-27', daysBefore: 3, autoRenew: false }, policy);
    assert.deepEqual(channelsFor(dueSoon!, allOn), { push: false, email: true, notice: true });
    const off = applySettingsUpdate(settings, { events: { due_soon: { push: false, email: false } } });
    assert.deepEqual(channelsFor(dueSoon!, off), { push: false, email: false, notice: false });
  });
});

describe('the push payload', () => {
  const loanView = (id: string, renewable: boolean): Loan => ({
    id, bibId: `b${id}`, title: `とても長いタイトルの本 ${'あ'.repeat(60)} ${id}`, category: 'general', barcode: `c${id}`, branch: 'central', loanedOn: '2026-04-01', dueOn: '2026-04-30',
    renewals: 0, renewable, renewBlockedBy: renewable ? null : 'has_holds', renewWindow: { from: '2026-04-23', to: '2026-05-07' }, overdue: false, interLibraryLoan: false,
  });

  it('one renewable loan due soon: its own title, page and 延長する', () => {
    const p = patron({ loans: [loan('a', '2026-04-30')] });
    const drafts = groupNotices(dueEvents({ patron: p, titles: titlesFor(p), today: '2026-04-27', daysBefore: 3, autoRenew: false }, policy), '2026-04-27', policy, () => '本館');
    const payload = pushPayload({ patronId: 'p1', lang: 'ja', drafts, sentAt: '2026-04-27T00:00:00Z', loans: new Map([['a', loanView('a', true)]]), holds: new Map() });
    assert.deepEqual([payload.url, payload.renewLoanId, payload.loans.length], ['/account/loans#a', 'a', 1]);
    const blocked = pushPayload({ patronId: 'p1', lang: 'ja', drafts, sentAt: '2026-04-27T00:00:00Z', loans: new Map([['a', loanView('a', false)]]), holds: new Map() });
    assert.equal(blocked.renewLoanId, null, 'no 延長する where the rule refuses');
  });

  it('always fits in a push message, dropping the snapshot rows first', () => {
    const many = Array.from({ length: 40 }, (_, i) => loan(`l${i}`, i % 2 ? '2026-04-30' : '2026-04-26'));
    const p = patron({ loans: many });
    const drafts = groupNotices(dueEvents({ patron: p, titles: titlesFor(p), today: '2026-04-27', daysBefore: 3, autoRenew: false }, policy), '2026-04-27', policy, () => '本館');
    const payload = pushPayload({ patronId: 'p1', lang: 'ja', drafts, sentAt: '2026-04-27T00:00:00Z', loans: new Map(many.map((l) => [l.id, loanView(l.id, true)])), holds: new Map() });
    assert.ok(Buffer.byteLength(JSON.stringify(payload)) <= MAX_PAYLOAD_BYTES);
    assert.equal(payload.title, '図書館からのお知らせ（2件）');
    assert.equal(payload.url, '/notices');
  });
});
