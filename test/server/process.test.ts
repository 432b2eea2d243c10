/**
 * The real server process (`node --import tsx server/main.ts`): dates under a server time zone far
 * from Tokyo, durability across kill -9, and a bad LIBRARY_CONFIG stopping the start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loginCookie, STAFF, startServer, tempDir, type Server } from './server-process.ts';

const staff = STAFF;

async function seed(s: Server, loan: { loanedOn?: string; dueOn?: string } = {}) {
  assert.equal((await s.call('POST', '/api/staff/patrons', { cardNumber: '2000000326', birthDate: '1990-01-01', cardExpiresOn: '2030-03-31', password: 'library1' }, staff)).status, 201);
  assert.equal((await s.call('POST', '/api/staff/titles', { title: '夢の守り人', materialType: 'book', category: 'children', copies: [{ barcode: '107509002', branch: 'central' }] }, staff)).status, 201);
  const out = await s.call('POST', '/api/staff/checkouts', { cardNumber: '2000000326', barcode: '107509002', ...loan }, staff);
  assert.equal(out.status, 201);
  return out.body.loanId as string;
}

async function login(s: Server): Promise<Record<string, string>> {
  const res = await s.call('POST', '/api/session', { cardNumber: '2000000326', password: 'library1' });
  assert.equal(res.status, 200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}

test('under TZ=Pacific/Honolulu, today and due dates are Tokyo dates', async () => {
  // 2026-04-27T16:30Z is 06:30 on the 27th in Honolulu but 01:30 on the 28th in Tokyo.
  const s = await startServer({ TZ: 'Pacific/Honolulu', LIBRARY_NOW: '2026-04-27T16:30:00Z', DATA_DIR: await tempDir() });
  await seed(s);
  const account = await s.call('GET', '/api/account', undefined, await login(s));
  assert.equal(account.body.today, '2026-04-28');
  assert.equal(account.body.loans[0].loanedOn, '2026-04-28');
  assert.equal(account.body.loans[0].dueOn, '2026-05-19');
  assert.deepEqual(account.body.loans[0].renewWindow, { from: '2026-05-12', to: '2026-05-26' });
  s.child.kill('SIGTERM');
});

test('a renewal acknowledged just before kill -9 is still there after restart', async () => {
  const dataDir = await tempDir();
  const env = { LIBRARY_NOW: '2026-04-27T01:00:00Z', DATA_DIR: dataDir };
  const first = await startServer(env);
  const loanId = await seed(first, { loanedOn: '2026-04-07', dueOn: '2026-04-28' });
  const renewed = await first.call('POST', `/api/loans/${loanId}/renew`, undefined, await login(first));
  assert.equal(renewed.status, 200);
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));

  const second = await startServer(env);
  const account = await second.call('GET', '/api/account', undefined, await login(second));
  assert.equal(account.body.loans[0].dueOn, '2026-05-05');
  assert.equal(account.body.loans[0].renewals, 1);
  second.child.kill('SIGTERM');
});

test('kill -9 in the middle of a stream of renewals: every renewal answered 200 is there after the restart', async () => {
  const dataDir = await tempDir();
  const env = { LIBRARY_NOW: '2026-04-27T01:00:00Z', DATA_DIR: dataDir };
  const first = await startServer(env);
  const patrons = Array.from({ length: 6 }, (_, i) => ({ cardNumber: `50000000${i}0`, password: 'stream12' }));
  const loans: { card: string; loanId: string }[] = [];
  for (const [i, p] of patrons.entries()) {
    assert.equal((await first.call('POST', '/api/staff/patrons', { ...p, birthDate: '1990-01-01', cardExpiresOn: '2030-03-31' }, staff)).status, 201);
    for (let j = 0; j < 20; j++) {
      const barcode = `K9${i}x${j}`;
      assert.equal((await first.call('POST', '/api/staff/titles', { title: `流れ ${i}-${j}`, materialType: 'book', category: 'general', copies: [{ barcode, branch: 'central' }] }, staff)).status, 201);
      const out = await first.call('POST', '/api/staff/checkouts', { cardNumber: p.cardNumber, barcode, loanedOn: '2026-04-07', dueOn: '2026-04-28' }, staff);
      loans.push({ card: p.cardNumber, loanId: out.body.loanId });
    }
  }
  const cookies = new Map<string, Record<string, string>>();
  for (const p of patrons) cookies.set(p.cardNumber, await loginCookie(first, p.cardNumber, p.password));
  // Interleave the patrons so concurrent renewals are mostly of different accounts.
  const queue = [...loans].sort((x, y) => x.loanId.localeCompare(y.loanId));
  const acknowledged: string[] = [];
  const workers = Array.from({ length: 8 }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const res = await first.call('POST', `/api/loans/${next.loanId}/renew`, undefined, { ...cookies.get(next.card)!, 'idempotency-key': `k9-${next.loanId}` });
        if (res.status === 200) acknowledged.push(next.loanId);
      } catch {
        return; // the server is gone
      }
    }
  });
  while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 2));
  first.child.kill('SIGKILL');
  await Promise.all(workers);
  await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode !== null ? r(null) : first.child.once('exit', r)));
  assert.ok(acknowledged.length < loans.length, 'killed mid-stream');

  const second = await startServer(env);
  const renewed = new Set<string>();
  for (const p of patrons) {
    const account = await second.call('GET', '/api/account', undefined, await loginCookie(second, p.cardNumber, p.password));
    for (const l of account.body.loans) if (l.renewals === 1) renewed.add(l.id);
  }
  assert.deepEqual(acknowledged.filter((id) => !renewed.has(id)), [], 'acknowledged renewals missing after kill -9');
  second.child.kill('SIGTERM');
});

test('a bad LIBRARY_CONFIG stops the start with an error naming the field', async () => {
  const dir = await tempDir();
  const configPath = join(dir, 'library.json');
  await writeFile(configPath, JSON.stringify({ holdLimits: { total: 'ten', cd: 5 } }));
  await assert.rejects(startServer({ DATA_DIR: dir, LIBRARY_CONFIG: configPath }), /holdLimits\.total/);
});
