/**
 * sw/kept-work.ts: what an answer's writes promise the SW's event (sw/library-server-plugin.ts
 * hands the answer on first and lets the event wait for `done`): every kept write is waited for,
 * a failed one does not stop the rest, and the replay of an OK answer starts only after them (a
 * login they note must be known to it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeptWork } from '../../sw/kept-work.ts';

function slowWrite(log: string[], name: string, fails = false) {
  let finish!: () => void;
  const done = new Promise<void>((resolve, reject) => (finish = () => (log.push(name), fails ? reject(new Error(`${name} failed`)) : resolve())));
  return { done, finish };
}

const settledWithin = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

test('done waits for every kept write, then runs what comes next', async () => {
  const log: string[] = [];
  const kept = new KeptWork();
  const snapshot = slowWrite(log, 'snapshot');
  const patron = slowWrite(log, 'patron');
  kept.keep(snapshot.done);
  kept.keep(patron.done);
  const done = kept.done(() => log.push('replay'));
  patron.finish();
  assert.equal(await settledWithin(done, 20), false, 'done before the snapshot was written');
  snapshot.finish();
  await done;
  assert.deepEqual(log, ['patron', 'snapshot', 'replay']);
});

test('a failed write neither rejects done nor stops the replay', async () => {
  const log: string[] = [];
  const kept = new KeptWork();
  const write = slowWrite(log, 'snapshot', true);
  kept.keep(write.done);
  const done = kept.done(() => log.push('replay'));
  write.finish();
  await done;
  assert.deepEqual(log, ['snapshot', 'replay']);
});

test('with nothing kept and nothing next, done settles at once', async () => {
  assert.equal(await settledWithin(new KeptWork().done(), 20), true);
});
