import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { libraryCalendar } from '../../server/library/calendar.ts';
import { statusOn, weekdayOf, weeklySummary, type LibraryCalendar } from '../../server/rules/opening-hours.ts';

// A fixed timetable (the seed's top page for 本館 and 西之台), independent of the policy defaults.
const centralWeek = ['10:00~17:00', null, '10:00~17:00', '10:00~20:00', '10:00~20:00', '10:00~20:00', '10:00~17:00'];
const nineToFive = ['9:00~17:00', null, '9:00~17:00', '9:00~17:00', '9:00~17:00', '9:00~17:00', '9:00~17:00'];
const base = libraryCalendar({
  branches: [
    { code: 'central', name: '本館', shortName: '本館', weeklyHours: centralWeek, hours: [], closedDates: [], hoursNotes: { '10:00~20:00': '17:00以降は1階のみ' } },
    { code: 'higashi', name: '東分館', shortName: '東分館', weeklyHours: nineToFive, hours: [], closedDates: ['2020-05-13'] },
    { code: 'nishinodai', name: '西之台会館図書室', shortName: '西之台', weeklyHours: nineToFive, hours: [], closedDates: [] },
  ],
});
const cal: LibraryCalendar = { ...base, monthlyClosures: [{ nth: 3, weekday: 4, branches: ['higashi'], reason: '館内整理日' }] };

describe('opening hours', () => {
  it('knows the weekday of a library date', () => {
    assert.equal(weekdayOf('2020-04-27'), 1, '2020-04-27 was a Monday');
    assert.equal(weekdayOf('2020-04-24'), 5, '2020-04-24 was a Friday');
  });
  it('本館: 10:00~17:00, until 20:00 (1階のみ) on Wednesday to Friday, closed on Mondays', () => {
    assert.deepEqual(statusOn(cal, 'central', '2020-04-24').hours, { open: '10:00', close: '20:00', note: '17:00以降は1階のみ' });
    assert.equal(statusOn(cal, 'central', '2020-04-25').hours?.close, '17:00');
    assert.equal(statusOn(cal, 'central', '2020-04-28').hours?.open, '10:00');
    assert.deepEqual(statusOn(cal, 'central', '2020-04-27'), { open: false, hours: null, closedFor: null });
  });
  it("notes beside hours are each branch's own (policy hoursNotes): none for a 本館 without them, a sixth branch's for it", () => {
    const own = libraryCalendar({
      branches: [
        { code: 'central', name: '本館', shortName: '本館', weeklyHours: centralWeek, hours: [], closedDates: [] },
        { code: 'testbr', name: 'テスト分館', shortName: 'テスト', weeklyHours: centralWeek, hours: [], closedDates: [], hoursNotes: { '10:00~20:00': '18:00以降は2階のみ' } },
      ],
    });
    assert.deepEqual(statusOn(own, 'central', '2020-04-24').hours, { open: '10:00', close: '20:00' });
    assert.deepEqual(statusOn(own, 'testbr', '2020-04-24').hours, { open: '10:00', close: '20:00', note: '18:00以降は2階のみ' });
  });
  it('西之台: 9:00~17:00', () => {
    assert.deepEqual(statusOn(cal, 'nishinodai', '2020-04-24').hours, { open: '9:00', close: '17:00' });
  });
  it('closes every branch over New Year, across the year boundary', () => {
    for (const date of ['2020-12-28', '2020-12-31', '2021-01-03', '2021-01-04']) {
      const s = statusOn(cal, 'central', date);
      assert.equal(s.open, false, date);
    }
    assert.equal(statusOn(cal, 'central', '2021-01-05').open, true);
    assert.equal(statusOn(cal, 'central', '2020-12-31').closedFor, '年末年始休館');
  });
  it('closes on a listed date for the branches listed only, and on a monthly closure day', () => {
    assert.equal(statusOn(cal, 'higashi', '2020-05-13').closedFor, '臨時休館');
    assert.equal(statusOn(cal, 'higashi', '2020-05-12').open, true);
    assert.equal(statusOn(cal, 'central', '2020-05-13').open, true);
    // 2020-04-16 is the third Thursday of April 2020.
    assert.equal(statusOn(cal, 'higashi', '2020-04-16').closedFor, '館内整理日');
    assert.equal(statusOn(cal, 'higashi', '2020-04-09').open, true);
    assert.equal(statusOn(cal, 'central', '2020-04-16').open, true);
  });
  it('an unknown branch is closed', () => assert.equal(statusOn(cal, 'atlantis', '2020-04-24').open, false));
  it('summarises the week: same hours together, closed days last', () => {
    assert.deepEqual(weeklySummary(cal.schedules['central']!), [
      { days: '火・土・日', hours: '10:00~17:00' },
      { days: '水〜金', hours: '10:00~20:00', note: '17:00以降は1階のみ' },
      { days: '月', hours: '休館' },
    ]);
    assert.deepEqual(weeklySummary(cal.schedules['nishinodai']!), [
      { days: '火〜日', hours: '9:00~17:00' },
      { days: '月', hours: '休館' },
    ]);
  });
});
