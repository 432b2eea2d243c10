/**
 * Due dates on open days ([docs/rules.md#opening-days](../../docs/rules.md#opening-days)), property-tested with fast-check over random calendars:
 * weekly closed days, annual closures and closed dates of one branch. The open-day rule itself is
 * the one schedule (rules/opening-hours.ts `statusOn`), so these check what is built on it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from '../../common/dates.ts';
import { branchDays, isOpenOn, nextOpenDay } from '../../server/rules/open-days.ts';
import { loanDueOn, pickupDeadline, renewedDueOn } from '../../server/rules/due-dates.ts';
import { decideRenewal, type RenewalFacts } from '../../server/rules/renewal.ts';
import type { LibraryCalendar } from '../../server/rules/opening-hours.ts';
import { libraryCalendar } from '../../server/library/calendar.ts';

const BASE = '2026-01-01';
const day = (offset: number) => addDays(BASE, offset);
const hours = { open: '10:00', close: '17:00' };

/** A random calendar for branch `b`: some weekdays closed (at least one open), closures, closed dates. */
const calendarArb = fc
  .record({
    openWeekdays: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }).filter((w) => w.some(Boolean)),
    closedDates: fc.array(fc.integer({ min: 0, max: 800 }), { maxLength: 40 }),
    closureRuns: fc.array(fc.record({ start: fc.integer({ min: 0, max: 800 }), length: fc.integer({ min: 0, max: 20 }) }), { maxLength: 4 }),
    newYear: fc.boolean(),
  })
  .map(
    (c): LibraryCalendar => ({
      schedules: { b: { weekly: c.openWeekdays.map((open) => (open ? hours : null)) } },
      closures: [
        ...c.closedDates.map((d) => ({ from: day(d), to: day(d), branches: ['b'], reason: '臨時休館' })),
        ...c.closureRuns.map((r) => ({ from: day(r.start), to: day(r.start + r.length), reason: '蔵書点検' })),
      ],
      annualClosures: c.newYear ? [{ from: '12-28', to: '01-04', reason: '年末年始休館' }] : [],
      monthlyClosures: [],
    }),
  );
const offsetArb = fc.integer({ min: 0, max: 700 });

describe('open days (property tests)', () => {
  it('the next open day is open, never earlier, and no open day is skipped on the way', () => {
    fc.assert(
      fc.property(calendarArb, offsetArb, (cal, offset) => {
        const date = day(offset);
        const next = nextOpenDay(cal, 'b', date);
        assert.ok(next >= date);
        assert.ok(isOpenOn(cal, 'b', next), `${next} is open`);
        for (let d = date; d < next; d = addDays(d, 1)) assert.equal(isOpenOn(cal, 'b', d), false, `${d} is closed`);
      }),
    );
  });

  it('a moved due date (checkout default, renewal) is an open day of the lending branch and never earlier than the unmoved one', () => {
    fc.assert(
      fc.property(calendarArb, offsetArb, fc.integer({ min: 1, max: 60 }), (cal, offset, period) => {
        const from = day(offset);
        const due = loanDueOn(cal, 'b', from, period);
        assert.ok(due >= addDays(from, period));
        assert.ok(isOpenOn(cal, 'b', due));
        const renewed = renewedDueOn(cal, 'b', due, 7);
        assert.ok(renewed >= addDays(due, 7));
        assert.ok(isOpenOn(cal, 'b', renewed));
        const pickup = pickupDeadline(cal, 'b', from, period);
        assert.ok(pickup >= addDays(from, period) && isOpenOn(cal, 'b', pickup));
      }),
    );
  });

  it('an open day is not moved', () => {
    fc.assert(
      fc.property(calendarArb, offsetArb, (cal, offset) => {
        const date = day(offset);
        if (isOpenOn(cal, 'b', date)) assert.equal(nextOpenDay(cal, 'b', date), date);
      }),
    );
  });

  it('the renewal window counts from the moved due date, and the renewed due date is moved again', () => {
    const policy = { daysBeforeDue: 7, daysAfterDue: 7, maxRenewals: 1, extensionDays: 7 };
    fc.assert(
      fc.property(calendarArb, offsetArb, fc.integer({ min: -10, max: 10 }), (cal, offset, fromDue) => {
        const loanedOn = day(offset);
        const dueOn = loanDueOn(cal, 'b', loanedOn, 21);
        const facts: RenewalFacts = {
          today: addDays(dueOn, fromDue),
          dueOn,
          renewals: 0,
          materialType: 'book',
          category: 'general',
          interLibraryLoan: false,
          othersWaiting: false,
          cardExpiresOn: '2099-12-31',
        };
        const decision = decideRenewal(facts, policy, { calendar: cal, branch: 'b' });
        assert.deepEqual(decision.window, { from: addDays(dueOn, -7), to: addDays(dueOn, 7) });
        assert.equal(decision.ok, Math.abs(fromDue) <= 7, 'renewable exactly within ±7 days of the moved date');
        if (decision.ok) {
          assert.equal(decision.newDueOn, nextOpenDay(cal, 'b', addDays(dueOn, 7)));
          assert.ok(isOpenOn(cal, 'b', decision.newDueOn));
        }
      }),
    );
  });

  it('a branch with no open day within a year leaves the date where it was (never earlier)', () => {
    const cal: LibraryCalendar = { schedules: { b: { weekly: [null, null, null, null, null, null, null] } }, closures: [], annualClosures: [], monthlyClosures: [] };
    assert.equal(nextOpenDay(cal, 'b', '2026-05-04'), '2026-05-04');
    assert.equal(nextOpenDay(cal, 'unknown', '2026-05-04'), '2026-05-04');
  });
});

describe('open days on the Koganei calendar', () => {
  const cal = libraryCalendar({
    branches: [{ code: 'central', name: '本館', shortName: '本館', weeklyHours: ['10:00~17:00', null, '10:00~17:00', '10:00~20:00', '10:00~20:00', '10:00~20:00', '10:00~17:00'], hours: [], closedDates: ['2026-05-05'], hoursNotes: { '10:00~20:00': '17:00以降は1階のみ' } }],
  });
  it('a due date on Monday moves to Tuesday; past a closed Tuesday to Wednesday; over New Year to 1/5', () => {
    assert.equal(loanDueOn(cal, 'central', '2026-04-13', 21), '2026-05-06', '5/4 Mon closed, 5/5 臨時休館 → 5/6');
    assert.equal(loanDueOn(cal, 'central', '2026-04-06', 21), '2026-04-28', 'Mon 4/27 → Tue 4/28');
    assert.equal(loanDueOn(cal, 'central', '2026-12-10', 21), '2027-01-05', '12/31 in 年末年始 → 1/5');
    assert.equal(loanDueOn(cal, 'central', '2026-04-07', 21), '2026-04-28', 'an open day stays');
  });
  it('lists a branch’s coming days, open with hours or closed with the reason', () => {
    const days = branchDays(cal, 'central', '2026-05-03', 4);
    assert.deepEqual(days, [
      { date: '2026-05-03', hours: '10:00~17:00', closedFor: null },
      { date: '2026-05-04', hours: null, closedFor: null },
      { date: '2026-05-05', hours: null, closedFor: '臨時休館' },
      { date: '2026-05-06', hours: '10:00~20:00', closedFor: null, note: '17:00以降は1階のみ' },
    ]);
  });
});
