/**
 * Two server instances on one real redis-server ([docs/rules.md#reminders](../../docs/rules.md#reminders): "not twice when several instances share
 * Redis"): both run the day's pass at the same moment, and both tick at 9:00; each event still goes
 * out once per channel — one mail, one push per device. The VAPID key is one for both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { notificationTick } from '../../server/notifications/schedule.ts';
import { startTestApp, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';
import { browserKeys, decryptPayload, startPushService, type PushService } from './push-service.ts';
import { startRedis, type RedisServer } from './redis-server.ts';
import { startSmtpServer } from './smtp-server.ts';

describe('two instances on one Redis', () => {
  let redis: RedisServer;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let push: PushService;
  let a: TestApp;
  let b: TestApp;

  before(async () => {
    redis = await startRedis();
    smtp = await startSmtpServer();
    push = await startPushService();
    const env = { REDIS_URL: redis.url, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUSH_ALLOW_HTTP_LOOPBACK: '1' };
    // 08:59 in Tokyo.
    a = await startTestApp({ now: '2026-04-26T23:59:00Z', env });
    b = await startTestApp({ now: '2026-04-26T23:59:00Z', env });
    await a.addPatron({ cardNumber: '4200000001', password: 'redis123', email: 'jiro@example.jp' });
    const { barcodes } = await a.addTitle({ title: 'ふたつのサーバーの本' });
    await a.checkout({ cardNumber: '4200000001', barcode: barcodes[0]!, loanedOn: '2026-04-09', dueOn: '2026-04-30' });
  });
  after(async () => {
    await a.close();
    await b.close();
    await push.close();
    await smtp.close();
    await redis.stop();
  });

  it('both instances sign with the same VAPID key', async () => {
    const [ka, kb] = await Promise.all([a.fetch('/api/push/vapid-public-key'), b.fetch('/api/push/vapid-public-key')]);
    assert.deepEqual(await ka.json(), await kb.json());
  });

  it('a subscription made through one instance and settings through the other count for both', async () => {
    const patronA = await a.login('4200000001', 'redis123');
    const device = browserKeys(push.endpoint('/phone'));
    assert.equal((await call(patronA, 'POST', '/api/push/subscriptions', device.subscription)).status, 201);
    const patronB = await b.login('4200000001', 'redis123');
    assert.equal((await call(patronB, 'PUT', '/api/notifications/settings', { events: { due_soon: { email: true } } })).status, 200);

    // Both run the pass at once, then both tick when 9:00 comes.
    const runs = await Promise.all([a.staff('/api/staff/notifications/run'), b.staff('/api/staff/notifications/run')]);
    assert.equal(runs[0].sent + runs[1].sent, 2, 'one push and one mail between them');
    await a.setClock('2026-04-27T00:00:00Z');
    await b.setClock('2026-04-27T00:00:00Z');
    await Promise.all([notificationTick(a.ctx), notificationTick(b.ctx)]);
    await Promise.all([a.ctx.notifications.close(), b.ctx.notifications.close()]);

    assert.equal(smtp.received.length, 1, 'one mail');
    assert.equal(push.requests.length, 1, 'one push');
    const payload = JSON.parse(decryptPayload(push.requests[0]!, device));
    assert.equal(payload.notices[0].event, 'due_soon');
  });
});
