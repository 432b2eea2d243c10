/**
 * Two server processes on one real redis-server. Instance A is frozen (SIGSTOP) in the middle of a
 * stream of hold changes, with requests of A between their read and their commit; meanwhile B
 * acknowledges an e-mail change and a new hold for the same patron and title; then A resumes
 * (SIGCONT). With optimistic commits there is no lease to outlive: everything B acknowledged is
 * still there, patron and title agree (a check-in of the copy serves B's hold), and A's interrupted
 * requests end cleanly.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis, type RedisServer } from './redis-server.ts';
import { loginCookie, STAFF, startServer, stopAllServers, type JsonAnswer, type Server } from './server-process.ts';

const FREEZE_MS = 8_000;
const NOW = '2026-04-27T01:00:00Z';
const PATRON = { cardNumber: '4000000001', password: 'freeze123' };
const BORROWER = { cardNumber: '4000000002', password: 'borrow123' };
const BRANCHES = ['central', 'nishinodai'];

let redis: RedisServer;
const dirs: string[] = [];
before(async () => {
  redis = await startRedis();
});
after(async () => {
  stopAllServers();
  await redis.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function instance(): Promise<Server> {
  const dataDir = await mkdtemp(join(tmpdir(), 'shiori-freeze-'));
  dirs.push(dataDir);
  return startServer({ REDIS_URL: redis.url, DATA_DIR: dataDir, LIBRARY_NOW: NOW });
}

const ok = (res: JsonAnswer, status: number, what: string) => assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);

test('A frozen mid-stream, B acknowledges writes to the same patron and title, A resumes: nothing B acknowledged is lost', async () => {
  const [a, b] = await Promise.all([instance(), instance()]);

  // The patron waits for four titles (the stream changes those holds); the fifth title's only copy
  // is out on loan to another patron: B will place the hold that a check-in must serve.
  for (const p of [PATRON, BORROWER]) {
    ok(await a.call('POST', '/api/staff/patrons', { ...p, birthDate: '1990-01-01', cardExpiresOn: '2030-03-31' }, STAFF), 201, 'patron');
  }
  const bibIds: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await a.call('POST', '/api/staff/titles', { title: `凍結の本 ${i}`, materialType: 'book', category: 'general', copies: [{ barcode: `FRZ${i}`, branch: 'central' }] }, STAFF);
    ok(res, 201, 'title');
    bibIds.push(res.body.bibId);
    ok(await a.call('POST', '/api/staff/checkouts', { cardNumber: BORROWER.cardNumber, barcode: `FRZ${i}` }, STAFF), 201, 'checkout');
  }
  const onA = await loginCookie(a, PATRON.cardNumber, PATRON.password);
  const onB = await loginCookie(b, PATRON.cardNumber, PATRON.password);
  const holdIds: string[] = [];
  for (const bibId of bibIds.slice(0, 4)) {
    const res = await a.call('POST', '/api/holds', { bibId }, onA);
    ok(res, 201, 'hold');
    holdIds.push(res.body.hold.id);
  }

  // A stream of hold changes into A: four loops, one per hold, each PATCH after the last answer.
  let streaming = true;
  const answers: { status: number; code?: string; at: number }[] = [];
  const lastAcknowledged = new Map<string, string>();
  const loops = holdIds.map(async (holdId, i) => {
    for (let n = 0; streaming; n++) {
      const pickupBranch = BRANCHES[(n + i) % 2]!;
      const res = await a.call('PATCH', `/api/holds/${holdId}`, { pickupBranch }, onA, { timeoutMs: FREEZE_MS + 30_000, newConnection: true });
      answers.push({ status: res.status, code: res.body?.error?.code, at: Date.now() });
      if (res.status === 200) lastAcknowledged.set(holdId, pickupBranch);
    }
  });
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(answers.length > 0, 'the stream is flowing');

  a.child.kill('SIGSTOP');
  const frozenAt = Date.now();
  try {
    // B, meanwhile: a new e-mail address and a new hold on the fifth title, both acknowledged.
    ok(await b.call('PUT', '/api/email', { email: 'after.freeze@example.jp', emailConfirm: 'after.freeze@example.jp' }, onB), 200, 'email on B');
    const placed = await b.call('POST', '/api/holds', { bibId: bibIds[4] }, onB);
    ok(placed, 201, 'hold on B');
    const newHoldId: string = placed.body.hold.id;
    // No lock to wait for: B answered while A was still frozen.
    assert.ok(Date.now() - frozenAt < FREEZE_MS - 1000, `B answered in ${Date.now() - frozenAt} ms`);
    await new Promise((r) => setTimeout(r, FREEZE_MS - (Date.now() - frozenAt)));
    a.child.kill('SIGCONT');
    const resumedAt = Date.now();

    // Let A's stream run on for a moment, then stop it and wait for every request to end.
    await new Promise((r) => setTimeout(r, 500));
    streaming = false;
    await Promise.all(loops);

    const afterResume = answers.filter((x) => x.at >= resumedAt);
    assert.ok(afterResume.length > 0, 'requests of A were in flight across the freeze and answered after it');
    const unclean = answers.filter((x) => x.status >= 500 || (x.status !== 200 && !x.code));
    assert.deepEqual(unclean, [], 'every answer of A is a 2xx or a JSON error');

    // Everything B acknowledged is there, seen from both instances.
    for (const s of [a, b]) {
      const account = await s.call('GET', '/api/account', undefined, s === a ? onA : onB);
      ok(account, 200, 'account');
      assert.equal(account.body.patron.email, 'after.freeze@example.jp');
      const holds = new Map<string, { pickupBranch: string }>(account.body.holds.map((h: { id: string }) => [h.id, h]));
      assert.ok(holds.has(newHoldId), "B's hold is on the patron");
      for (const [holdId, branch] of lastAcknowledged) assert.equal(holds.get(holdId)!.pickupBranch, branch, `A's last acknowledged change of ${holdId}`);
    }
    // Patron and title agree: the copy coming back goes to B's hold.
    const checkin = await b.call('POST', '/api/staff/checkins', { barcode: 'FRZ4' }, STAFF);
    ok(checkin, 200, 'check-in');
    assert.equal(checkin.body.cardNumber, PATRON.cardNumber);
    assert.equal(checkin.body.hold.id, newHoldId);
    assert.equal(checkin.body.hold.status, 'ready');
  } finally {
    a.child.kill('SIGCONT');
  }
});
