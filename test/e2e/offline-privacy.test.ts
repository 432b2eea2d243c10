/**
 * Offline data belongs to one patron ([docs/rules.md#offline](../../docs/rules.md#offline)): a queued renewal waits through an expired session
 * until its patron logs in again, another patron on the same device never sends or sees it, and a
 * logout forgets the patron. Real server, headless Chromium; "offline" = the server stopped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_NOW, type TestServer } from './harness.ts';
import {
  apiLogin,
  DUE_AFTER_RENEWAL,
  DUE_TODAY,
  dumpIndexedDb,
  pageFetch,
  pendingCount,
  postToSw,
  queueRenewalOffline,
  seedPatron,
  serverForFile,
  serverLoan,
  swMessages,
  waitForSwMessage,
  withDevice,
} from './offline-support.ts';

let server: TestServer;
serverForFile((s) => (server = s));


test('a replay that meets an expired session keeps the renewal queued until the patron logs in again', async () => {
  const erin = await seedPatron(server, '月の庭');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await queueRenewalOffline(page, server, erin, 'e2e-expired-1');

    await server.start();
    // 61 minutes without a request on the library clock: the session is over ([docs/rules.md#sessions](../../docs/rules.md#sessions)).
    await server.staff('clock', { now: new Date(Date.parse(DEFAULT_NOW) + 2 * 60 * 60 * 1000).toISOString() });
    await postToSw(page, { type: 'replay-renewals' });
    await waitForSwMessage(page, { type: 'renewal-needs-login', loanId: erin.loanId });
    assert.equal(await pendingCount(page, erin.patronId), 1, 'still queued');
    let loan = await serverLoan(server, erin);
    assert.deepEqual([loan.dueOn, loan.renewals], [DUE_TODAY, 0], 'not sent without a session');

    await apiLogin(page, erin);
    await postToSw(page, { type: 'replay-renewals' }); // what the page bridge sends after login
    const settled = await waitForSwMessage(page, { type: 'renewal-settled', loanId: erin.loanId });
    assert.equal(settled.ok, true);
    loan = await serverLoan(server, erin);
    assert.deepEqual([loan.dueOn, loan.renewals], [DUE_AFTER_RENEWAL, 1]);
    assert.equal(await pendingCount(page, erin.patronId), 0);
  });
});

test("another patron logging in on the device never sends, nor sees, the first patron's queued renewal or snapshot", async () => {
  const fumi = await seedPatron(server, '秘密の本');
  const goro = await seedPatron(server, '山の歌');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await queueRenewalOffline(page, server, fumi, 'e2e-fumi-1');
    await server.start();

    // Fumi's session ends without a logout (cookie gone); Goro logs in on the same device.
    await context.clearCookies();
    await apiLogin(page, goro);
    await postToSw(page, { type: 'replay-renewals' });
    const online = await pageFetch(page, '/api/account');
    assert.equal(online.body.patron.id, goro.patronId);
    assert.ok(!JSON.stringify(online.body).includes('秘密の本'));
    assert.ok(online.body.loans.every((l: { pendingRenewal?: boolean }) => !l.pendingRenewal));

    await server.stop();
    const offline = await pageFetch(page, '/api/account');
    assert.equal(offline.status, 200);
    assert.equal(offline.body.patron.id, goro.patronId, "offline, Goro sees his own snapshot");
    assert.ok(!JSON.stringify(offline.body).includes('秘密の本'), "and nothing of Fumi's");
    assert.ok(offline.body.loans.every((l: { pendingRenewal?: boolean }) => !l.pendingRenewal));
    await server.start();

    assert.ok(!(await swMessages(page)).some((m) => m.loanId === fumi.loanId && m.type === 'renewal-settled'));
    const loan = await serverLoan(server, fumi);
    assert.deepEqual([loan.dueOn, loan.renewals], [DUE_TODAY, 0], "Fumi's renewal was not sent from Goro's session");
    assert.equal(await pendingCount(page, fumi.patronId), 1, 'it waits for Fumi');
  });
});

test('logout (forget-patron) removes the patron\'s snapshot and queue; the next offline start shows nobody\'s data', async () => {
  const hana = await seedPatron(server, '花の名前');
  await withDevice(server, async ({ context }) => {
    const page = await context.newPage();
    await queueRenewalOffline(page, server, hana, 'e2e-hana-1');
    await server.start();
    assert.ok((await dumpIndexedDb(page)).includes('花の名前'));

    await postToSw(page, { type: 'forget-patron', patronId: hana.patronId });
    assert.equal((await pageFetch(page, '/api/session', { method: 'DELETE' })).status, 204);
    await page.waitForTimeout(300);
    const stored = await dumpIndexedDb(page);
    assert.ok(!stored.includes('花の名前') && !stored.includes(hana.patronId), `nothing of Hana left: ${stored}`);

    await server.stop();
    const offline = await pageFetch(page, '/api/account');
    assert.equal(offline.status, 503);
  });
});
