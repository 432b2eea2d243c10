import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LIBRARY_CALENDAR as cal } from '../../server/library/hours.ts';
import { statusOn, weekdayOf, weeklySummary } from '../../server/rules/opening-hours.ts';

describe('opening hours', () => {
  it('knows the weekday of a library date', () => {
    assert.equal(weekdayOf('2020-04-27'), 1, '2020-04-27 was a Monday');
    assert.equal(weekdayOf('2020-04-24'), 5, '2020-04-24 was a Friday');
  });
  it('本館: 10:00~17:00, until 20:00 on Wednesday to Friday, closed on Mondays', () => {
    assert.deepEqual(statusOn(cal, 'central', '2020-04-24').hours?.close, '20:00');
    assert.equal(statusOn(cal, 'central', '2020-04-25').hours?.close, '17:00');
    assert.equal(statusOn(cal, 'central', '2020-04-28').hours?.open, '10:00');
    assert.deepEqual(statusOn(cal, 'central', '2020-04-27'), { open: false, hours: null, closedFor: null });
  });
  it('西之台: 9:00~17:00', () => {
    assert.deepEqual(statusOn(cal, 'nishinodai', '2020-04-24').hours, { open: '09:00', close: '17:00' });
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
    const withDate = { ...cal, closures: [{ from: '2020-05-12', to: '2020-05-13', branches: ['higashi'], reason: '特別整理期間' }] };
    assert.equal(statusOn(withDate, 'higashi', '2020-05-13').closedFor, '特別整理期間');
    assert.equal(statusOn(withDate, 'central', '2020-05-13').open, true);
    // 2020-04-16 is the third Thursday of April 2020.
    assert.equal(statusOn(cal, 'midori', '2020-04-16').closedFor, '館内整理日');
    assert.equal(statusOn(cal, 'midori', '2020-04-09').open, true);
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
      { days: '火〜日', hours: '09:00~17:00' },
      { days: '月', hours: '休館' },
    ]);
  });
});
