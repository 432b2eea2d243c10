/**
 * 一時停止, queue position and the wait estimate ([docs/rules.md#holds](../../docs/rules.md#holds)), property-tested with fast-check:
 * copies handed out one by one go first come first served to the holds that are not paused, never
 * to a paused one; a paused series volume holds back the later ones; estimates are ordered ranges
 * that never shrink with more holds ahead.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from '../../common/dates.ts';
import type { HoldRecord, QueueEntry } from '../../server/domain/records.ts';
import { nextHoldToServe, type QueuedHold } from '../../server/rules/circulation.ts';
import { dequeue } from '../../server/rules/holds.ts';
import { checkPauseDate, isPaused, pauseInForce } from '../../server/rules/pause.ts';
import { pausedDaysLeft, queueStanding, waitEstimate } from '../../server/rules/queue.ts';

const TODAY = '2026-05-01';

function hold(id: string, extra: Partial<HoldRecord> = {}): HoldRecord {
  return {
    id, bibId: 'B1', placedAt: '2026-04-01T00:00:00.000Z', placedOn: '2026-04-01', status: 'waiting',
    pickupBranch: 'central', contactMethod: 'none', notNeededAfter: null, pickupBy: null, barcode: null,
    seriesNo: null, seriesOrder: null, ...extra,
  };
}

/** A queue of n holds of n patrons, each paused until a day from 5 days ago to 10 ahead, or not paused. */
const queueArb = fc
  .array(fc.option(fc.integer({ min: -5, max: 10 }), { nil: null }), { minLength: 0, maxLength: 30 })
  .map((pauses) =>
    pauses.map((p, i): QueuedHold & { queueEntry: QueueEntry } => {
      const entry: QueueEntry = { holdId: `h${i}`, patronId: `p${i}`, placedAt: `2026-04-01T00:00:${String(i).padStart(2, '0')}.000Z`, pausedUntil: p === null ? null : addDays(TODAY, p) };
      const h = hold(`h${i}`);
      return { patronId: `p${i}`, hold: h, entry, patronHolds: [h], queueEntry: entry };
    }),
  );

describe('pause and the queue (property tests)', () => {
  it('copies set aside one by one go first come first served to the holds not paused; no copy goes to a paused hold', () => {
    fc.assert(
      fc.property(queueArb, fc.integer({ min: 0, max: 40 }), (queue, copies) => {
        let left = [...queue];
        const served: string[] = [];
        for (let c = 0; c < copies; c++) {
          const next = nextHoldToServe(left, TODAY);
          if (!next) break;
          assert.equal(isPaused(next.entry, TODAY), false, 'never a paused hold');
          served.push(next.hold.id);
          left = left.filter((q) => q.hold.id !== next.hold.id);
        }
        const active = queue.filter((q) => !isPaused(q.entry, TODAY)).map((q) => q.hold.id);
        assert.deepEqual(served, active.slice(0, copies), 'the active holds in queue order');
        // The paused ones are all still there, in their places.
        const pausedIds = queue.filter((q) => isPaused(q.entry, TODAY)).map((q) => q.hold.id);
        assert.deepEqual(left.filter((q) => isPaused(q.entry, TODAY)).map((q) => q.hold.id), pausedIds);
      }),
    );
  });

  it('a pause ends by itself on its day: the same queue on that day serves the hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 365 }), (days) => {
        const until = addDays(TODAY, days);
        const h = hold('h');
        const q: QueuedHold[] = [{ patronId: 'p', hold: h, entry: { pausedUntil: until }, patronHolds: [h] }];
        assert.equal(nextHoldToServe(q, addDays(until, -1)), null);
        assert.equal(nextHoldToServe(q, until)?.hold.id, 'h');
        assert.equal(pauseInForce({ pausedUntil: until }, addDays(until, -1)), until);
        assert.equal(pauseInForce({ pausedUntil: until }, until), null);
      }),
    );
  });

  it('the position counts paused holds ahead (they keep their places); the active ahead do not', () => {
    fc.assert(
      fc.property(queueArb.filter((q) => q.length > 0), fc.nat(), (queue, pick) => {
        const entries = queue.map((q) => q.queueEntry);
        const i = pick % entries.length;
        const s = queueStanding(entries, entries[i]!.holdId, TODAY)!;
        assert.equal(s.position, i + 1);
        assert.equal(s.waiting, entries.length);
        assert.equal(s.paused, entries.filter((e) => isPaused(e, TODAY)).length);
        assert.equal(s.activeAhead, entries.slice(0, i).filter((e) => !isPaused(e, TODAY)).length);
        // After every active hold ahead is served, this one is next (if not paused itself).
        let left = queue;
        for (let k = 0; k < s.activeAhead; k++) {
          const next = nextHoldToServe(left, TODAY)!;
          left = left.filter((q) => q !== next);
        }
        if (!isPaused(entries[i]!, TODAY)) assert.equal(nextHoldToServe(left, TODAY)?.hold.id, entries[i]!.holdId);
        assert.equal(queueStanding(dequeue(entries, entries[i]!.holdId), entries[i]!.holdId, TODAY), null);
      }),
    );
  });

  it('a paused series volume holds back the later volumes of the series', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 60 }), (pauseDays, later) => {
        const v1 = hold('v1', { bibId: 'B1', seriesNo: 1, seriesOrder: 1 });
        const v2 = hold('v2', { bibId: 'B2', seriesNo: 1, seriesOrder: 2 });
        const other = hold('x', { bibId: 'B2' });
        const today = addDays(TODAY, later);
        // The queue of volume 2's title: the series patron first, another patron next.
        const q: QueuedHold[] = [
          { patronId: 'p', hold: v2, entry: {}, patronHolds: [v1, v2] },
          { patronId: 'o', hold: other, entry: {}, patronHolds: [other] },
        ];
        assert.equal(nextHoldToServe(q, today)?.hold.id, 'x', 'volume 2 waits while volume 1 (paused or not) is held');
        // Volume 1's own title: it is not served while paused.
        const q1: QueuedHold[] = [{ patronId: 'p', hold: v1, entry: { pausedUntil: addDays(TODAY, pauseDays) }, patronHolds: [v1, v2] }];
        assert.equal(nextHoldToServe(q1, today)?.hold.id ?? null, later >= pauseDays ? 'v1' : null);
      }),
    );
  });

  it('a pause date may be today up to maxPauseDays ahead, never in the past', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 800 }), fc.integer({ min: 1, max: 400 }), (offset, max) => {
        const verdict = checkPauseDate(addDays(TODAY, offset), TODAY, max);
        assert.equal(verdict, offset < 0 ? 'in_the_past' : offset > max ? 'too_far' : null);
      }),
    );
  });
});

describe('the wait estimate (property tests)', () => {
  const factsArb = fc.record({
    copies: fc.integer({ min: 1, max: 20 }),
    activeAhead: fc.integer({ min: 0, max: 200 }),
    loanPeriodDays: fc.integer({ min: 1, max: 60 }),
    extensionDays: fc.integer({ min: 1, max: 30 }),
    maxRenewals: fc.integer({ min: 0, max: 3 }),
    pausedDays: fc.integer({ min: 0, max: 365 }),
  });

  it('is an ordered range of whole days', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const e = waitEstimate(f)!;
        assert.ok(Number.isInteger(e.fromDays) && Number.isInteger(e.toDays));
        assert.ok(0 <= e.fromDays && e.fromDays <= e.toDays && e.toDays > 0);
        assert.ok(e.fromDays >= f.pausedDays, 'a paused hold waits at least until its pause ends');
      }),
    );
  });

  it('grows with the holds ahead: never shorter with more ahead, longer by a turn with a copy’s worth more', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 1, max: 50 }), (f, more) => {
        const base = { ...f, pausedDays: 0 };
        const a = waitEstimate(base)!;
        const b = waitEstimate({ ...base, activeAhead: base.activeAhead + more })!;
        assert.ok(b.fromDays >= a.fromDays && b.toDays >= a.toDays);
        const c = waitEstimate({ ...base, activeAhead: base.activeAhead + base.copies })!;
        assert.ok(c.fromDays > a.fromDays, 'a whole round more ahead starts later');
      }),
    );
  });

  it('more copies never lengthen the wait; no copy at all gives no estimate', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 1, max: 10 }), (f, extra) => {
        const a = waitEstimate(f)!;
        const b = waitEstimate({ ...f, copies: f.copies + extra })!;
        assert.ok(b.fromDays <= a.fromDays && b.toDays <= a.toDays);
      }),
    );
    assert.equal(waitEstimate({ copies: 0, activeAhead: 3, loanPeriodDays: 21, extensionDays: 7, maxRenewals: 1 }), null);
  });

  it('the default policy: 2 ahead of 2 copies → 14–28 days (約2〜4週間); nobody ahead → up to one turn', () => {
    const policy = { loanPeriodDays: 21, extensionDays: 7, maxRenewals: 1 };
    assert.deepEqual(waitEstimate({ ...policy, copies: 2, activeAhead: 2 }), { fromDays: 14, toDays: 28 });
    assert.deepEqual(waitEstimate({ ...policy, copies: 2, activeAhead: 3 }), { fromDays: 28, toDays: 56 });
    assert.deepEqual(waitEstimate({ ...policy, copies: 1, activeAhead: 0 }), { fromDays: 0, toDays: 28 });
    assert.equal(pausedDaysLeft({ pausedUntil: '2026-05-10' }, TODAY), 9);
    assert.equal(pausedDaysLeft({ pausedUntil: null }, TODAY), 0);
  });
});
