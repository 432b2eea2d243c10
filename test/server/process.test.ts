/**
 * The real server process (`node --import tsx server/main.ts`): dates under a server time zone far
 * from Tokyo, durability across kill -9, and a bad LIBRARY_CONFIG stopping the start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, tempDir, TOKEN, type Server } from './server-process.ts';

const staff = { authorization: `Bearer ${TOKEN}` };

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

test('a bad LIBRARY_CONFIG stops the start with an error naming the field', async () => {
  const dir = await tempDir();
  const configPath = join(dir, 'library.json');
  await writeFile(configPath, JSON.stringify({ holdLimits: { total: 'ten', cd: 5 } }));
  await assert.rejects(startServer({ DATA_DIR: dir, LIBRARY_CONFIG: configPath }), /holdLimits\.total/);
});
