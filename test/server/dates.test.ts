/** common/dates.ts: library-zone dates and calendar arithmetic, independent of the machine's TZ. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, addMonths, compareDates, daysBetween, isIsoDate, libraryDate, weekday } from '../../common/dates.ts';

test('an instant late on the 27th in UTC is already the 28th in Tokyo', () => {
  assert.equal(libraryDate(new Date('2026-04-27T16:30:00Z')), '2026-04-28');
  assert.equal(libraryDate(new Date('2026-04-27T14:59:59Z')), '2026-04-27');
  assert.equal(libraryDate(new Date('2026-04-27T15:00:00Z')), '2026-04-28');
});

test('adding days crosses months and years', () => {
  assert.equal(addDays('2026-04-28', 7), '2026-05-05');
  assert.equal(addDays('2026-12-28', 7), '2027-01-04');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2028-03-01', -1), '2028-02-29');
});

test('adding a calendar month keeps the day, or takes the last day of a shorter month', () => {
  assert.equal(addMonths('2026-04-24', 1), '2026-05-24');
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2026-12-15', 1), '2027-01-15');
  assert.equal(addMonths('2026-04-27', 24), '2028-04-27');
});

test('compare, distance and weekday of dates', () => {
  assert.ok(compareDates('2026-04-27', '2026-04-28') < 0);
  assert.equal(compareDates('2026-04-27', '2026-04-27'), 0);
  assert.equal(daysBetween('2026-04-21', '2026-04-28'), 7);
  assert.equal(weekday('2026-04-27'), 1); // a Monday
});

test('only real calendar dates are ISO dates', () => {
  assert.equal(isIsoDate('2026-02-28'), true);
  assert.equal(isIsoDate('2026-02-29'), false);
  assert.equal(isIsoDate('2026-4-1'), false);
  assert.equal(isIsoDate('2026-04-01T00:00'), false);
});
