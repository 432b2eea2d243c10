/**
 * The day's digest on the library clock ([docs/rules.md#reminders](../../docs/rules.md#reminders)), by mail through a loopback SMTP server: at
 * 9:00 (library zone) it holds exactly the loans due in N days; before 9:00 nothing; a second tick,
 * a second pass and a pass after a restart on the same DATA_DIR send nothing more. hold_ready goes
 * at once, by e-mail whenever the hold's 連絡方法 is メール, and not at all for 電話.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { notificationTick, startNotificationSchedule } from '../../server/notifications/schedule.ts';
import { startTestApp, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';
import { mailSubject, mailText, startSmtpServer } from './smtp-server.ts';

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;

describe('the daily digest at digestHour on the library clock', () => {
  let smtp: Smtp;
  let dataDir: string;
  let t: TestApp;
  const env = () => ({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });

  before(async () => {
    smtp = await startSmtpServer();
    dataDir = await mkdtemp(join(tmpdir(), 'shiori-digest-'));
    // 2026-04-27 08:58 in Tokyo (the server's own zone does not matter: UTC here).
    t = await startTestApp({ now: '2026-04-26T23:58:00Z', dataDir, env: env() });
    await t.addPatron({ cardNumber: '4100000001', password: 'digest12', email: 'hanako@example.jp' });
    const loans: [string, string][] = [
      ['一日前の本', '2026-04-28'],
      ['二日前の本', '2026-04-29'],
      ['もう一冊の二日前の本', '2026-04-29'],
      ['三日前の本', '2026-04-30'],
      ['四日前の本', '2026-05-01'],
    ];
    for (const [title, dueOn] of loans) {
      const { barcodes } = await t.addTitle({ title });
      await t.checkout({ cardNumber: '4100000001', barcode: barcodes[0]!, loanedOn: '2026-04-10', dueOn });
    }
    const patron = await t.login('4100000001', 'digest12');
    const res = await call(patron, 'PUT', '/api/notifications/settings', { daysBefore: 2, events: { due_soon: { email: true } } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
  after(async () => {
    await t.close();
    await smtp.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends nothing before 9:00', async () => {
    assert.deepEqual(await notificationTick(t.ctx), { ran: false, why: 'before_digest_hour' });
    assert.equal(smtp.received.length, 0);
  });

  it('at 9:00 sends one mail with exactly the loans due in N (= 2) days', async () => {
    await t.setClock('2026-04-27T00:00:00Z');
    const outcome = await notificationTick(t.ctx);
    assert.equal(outcome.ran, true);
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0]!;
    assert.match(mail.to.join(), /hanako@example\.jp/);
    assert.equal(mailSubject(mail), '【小金井市立図書館】返却期限日が近づいています（2026/04/29）');
    const text = mailText(mail);
    assert.match(text, /「二日前の本」ほか1冊の返却期限日は2026\/04\/29です（あと2日）/);
    for (const other of ['一日前の本', '三日前の本', '四日前の本']) assert.equal(text.includes(other), false, `${other} is not due in 2 days`);
  });

  it('a second tick the same day, and a pass run by staff, send nothing more', async () => {
    assert.deepEqual(await notificationTick(t.ctx), { ran: false, why: 'done' });
    const run = await t.staff('/api/staff/notifications/run');
    assert.equal(run.sent, 0);
    assert.equal(smtp.received.length, 1);
  });

  it('after a restart on the same DATA_DIR the same day, the pass sends nothing again', async () => {
    await t.close();
    t = await startTestApp({ now: '2026-04-27T01:00:00Z', dataDir, env: env() });
    const run = await t.staff('/api/staff/notifications/run');
    assert.equal(run.sent, 0);
    assert.equal(smtp.received.length, 1);
  });

  it('lists what was sent in お知らせ, worded in the request’s language', async () => {
    const patron = await t.login('4100000001', 'digest12');
    const ja = await patron.json('/api/notices');
    const dueSoon = ja.notices.filter((n: { event: string }) => n.event === 'due_soon');
    assert.equal(dueSoon.length, 1);
    assert.equal(dueSoon[0].title, '返却期限日が近づいています（2026/04/29）');
    assert.deepEqual(
      dueSoon[0].params.loans.map((l: { title: string }) => l.title),
      ['二日前の本', 'もう一冊の二日前の本'],
    );
    const en = await call(patron, 'GET', '/api/notices', undefined, { 'accept-language': 'en' });
    assert.equal(en.body.notices.find((n: { event: string }) => n.event === 'due_soon').title, 'Due soon (29 April 2026)');
  });

  it('the next day’s digest has the next loans (one day later, still N days ahead)', async () => {
    await t.setClock('2026-04-28T00:05:00Z');
    const outcome = await notificationTick(t.ctx);
    assert.equal(outcome.ran, true);
    assert.equal(smtp.received.length, 2);
    assert.match(mailText(smtp.received[1]!), /「三日前の本」の返却期限日は2026\/04\/30です/);
  });
});

describe('hold_ready at once, by the hold’s 連絡方法', () => {
  let smtp: Smtp;
  let t: TestApp;
  before(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }, openEveryDay: true });
    await t.addPatron({ cardNumber: '4100000002', password: 'ready123', email: 'taro@example.jp' });
    // A settings record: the daily pass visits this patron too (its last test needs that).
    const patron = await t.login('4100000002', 'ready123');
    assert.equal((await call(patron, 'PUT', '/api/notifications/settings', { daysBefore: 3 })).status, 200);
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  async function readyHold(title: string, contactMethod: 'email' | 'phone' | 'none'): Promise<string> {
    const { bibId } = await t.addTitle({ title });
    const patron = await t.login('4100000002', 'ready123');
    const placed = await call(patron, 'POST', '/api/holds', { bibId, pickupBranch: 'central', contactMethod });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const served = await t.staff(`/api/staff/holds/${placed.body.hold.id}/set-aside`, {});
    assert.equal(served.hold.status, 'ready');
    await t.ctx.notifications.close();
    return placed.body.hold.id;
  }

  it('メール: mailed when the copy is set aside, whatever the settings (e-mail is off by default)', async () => {
    await readyHold('地底旅行', 'email');
    assert.equal(smtp.received.length, 1);
    assert.equal(mailSubject(smtp.received[0]!), '【小金井市立図書館】予約資料が準備できました');
    assert.match(mailText(smtp.received[0]!), /「地底旅行」を本館でお受け取りいただけます。取置期限日は2026\/05\/04です。/);
  });

  it('電話 and 不要: nothing is sent', async () => {
    await readyHold('お城へ行こう!', 'phone');
    await readyHold('イソップ', 'none');
    assert.equal(smtp.received.length, 1);
  });

  it('the day’s pass does not announce a hold that was already announced', async () => {
    const run = await t.staff('/api/staff/notifications/run');
    assert.equal(run.sent, 0);
    assert.equal(smtp.received.length, 1);
  });
});

describe('the schedule', () => {
  it('croner’s ticks run the day’s pass by themselves once the library clock says 9:00', async () => {
    const smtp = await startSmtpServer();
    // 08:59:58 in Tokyo: the pass must wait for 9:00, then run on the next tick.
    const t = await startTestApp({ now: '2026-04-26T23:59:58Z', env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
    try {
      await t.addPatron({ cardNumber: '4100000003', password: 'ticks123', email: 'shiro@example.jp' });
      const { barcodes } = await t.addTitle({ title: '時計の本' });
      await t.checkout({ cardNumber: '4100000003', barcode: barcodes[0]!, loanedOn: '2026-04-09', dueOn: '2026-04-30' });
      const patron = await t.login('4100000003', 'ticks123');
      await call(patron, 'PUT', '/api/notifications/settings', { events: { due_soon: { email: true } } });
      const stop = startNotificationSchedule(t.ctx, '* * * * * *');
      const deadline = Date.now() + 8000;
      while (smtp.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await stop();
      assert.equal(smtp.received.length, 1);
      // The mail is dated on the library clock: it went out at 9:00, not at 08:59:58.
      const dated = Date.parse(/^Date: (.+)$/m.exec(smtp.received[0]!.data)![1]!);
      assert.ok(dated >= Date.parse('2026-04-27T00:00:00Z'), `sent at ${new Date(dated).toISOString()}`);
      assert.match(mailSubject(smtp.received[0]!), /返却期限日が近づいています（2026\/04\/30）/);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
