import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayScheduler, type Timers } from '../../sw/replay-scheduler.ts';

/** A hand-driven clock: timers fire only when the test advances it. */
function fakeTimers() {
  let now = 0;
  let id = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(++id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  async function advance(ms: number) {
    const until = now + ms;
    for (;;) {
      const due = [...pending].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      await settle();
    }
    now = until;
    await settle();
  }
  return { timers, advance };
}

const settle = () => new Promise<void>((r) => setImmediate(r));

/** A replay whose runs the test finishes by hand; counts runs and how many ran at once. */
function controlledRun() {
  const finishers: Array<() => void> = [];
  let runs = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const run = () => {
    runs++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<number>((resolve) =>
      finishers.push(() => {
        inFlight--;
        resolve(runs);
      }),
    );
  };
  return {
    run,
    finishNext: async () => {
      finishers.shift()?.();
      await settle();
    },
    get runs() {
      return runs;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

test('requests close together share one replay, run after the debounce delay', async () => {
  const { timers, advance } = fakeTimers();
  const r = controlledRun();
  const s = new ReplayScheduler(r.run, 250, timers);
  const results = [s.soon(), s.soon()];
  await advance(100);
  results.push(s.soon());
  assert.equal(r.runs, 0, 'nothing runs before the delay');
  await advance(150);
  assert.equal(r.runs, 1);
  await r.finishNext();
  assert.deepEqual(await Promise.all(results), [1, 1, 1], 'every request is answered by that one run');
});

test('a steady stream of requests cannot postpone the replay: the delay counts from the first', async () => {
  const { timers, advance } = fakeTimers();
  const r = controlledRun();
  const s = new ReplayScheduler(r.run, 250, timers);
  for (let i = 0; i < 5; i++) {
    void s.soon();
    await advance(60);
  }
  assert.equal(r.runs, 1, 'ran at 250 ms although requests kept coming');
});

test('two replays never run at once: a request during a run gets exactly one more run after it', async () => {
  const { timers, advance } = fakeTimers();
  const r = controlledRun();
  const s = new ReplayScheduler(r.run, 250, timers);
  const first = s.soon();
  await advance(250);
  assert.equal(r.runs, 1);
  const during = [s.soon(), s.now(), s.soon()];
  await advance(1000);
  assert.equal(r.runs, 1, 'no second run while the first is going');
  await r.finishNext();
  assert.equal(await first, 1);
  await advance(0);
  assert.equal(r.runs, 2, 'the follow-up starts once the first ends (at once: a now() was among the requests)');
  await r.finishNext();
  assert.deepEqual(await Promise.all(during), [2, 2, 2]);
  assert.equal(r.maxInFlight, 1);
  await advance(1000);
  assert.equal(r.runs, 2, 'and nothing more after that');
});

test('now() skips the delay, and a later soon() joins that run', async () => {
  const { timers, advance } = fakeTimers();
  const r = controlledRun();
  const s = new ReplayScheduler(r.run, 250, timers);
  const a = s.soon();
  const b = s.now();
  const c = s.soon();
  await advance(0);
  assert.equal(r.runs, 1);
  await r.finishNext();
  assert.deepEqual(await Promise.all([a, b, c]), [1, 1, 1]);
});

test('a run that fails rejects its requests, and the scheduler keeps working', async () => {
  const { timers, advance } = fakeTimers();
  let calls = 0;
  const s = new ReplayScheduler(async () => {
    calls++;
    if (calls === 1) throw new Error('IndexedDB closed');
    return calls;
  }, 250, timers);
  const failed = s.soon();
  const caught = failed.catch((e: Error) => e.message);
  await advance(250);
  assert.equal(await caught, 'IndexedDB closed');
  const next = s.soon();
  await advance(250);
  assert.equal(await next, 2);
});
