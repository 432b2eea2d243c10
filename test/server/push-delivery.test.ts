/**
 * Web Push end to end ([docs/rules.md#reminders](../../docs/rules.md#reminders)): the server's requests reach a push service run by the test, which
 * checks them as a real one does — VAPID JWT (ES256 with the server's key, aud, exp, sub), TTL,
 * aes128gcm — and the payload is decrypted with the subscription's own private key, as the browser
 * would. 410 from the service deletes the subscription; a service that hangs delays nobody else.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PushPayload } from '../../common/notifications.ts';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';
import { browserKeys, decryptPayload, startPushService, verifyVapid, type BrowserKeys, type PushService } from './push-service.ts';

const SUBJECT = 'mailto:push-test@library.example';

async function subscribe(patron: PatronClient, keys: BrowserKeys, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call(patron, 'POST', '/api/push/subscriptions', { ...keys.subscription, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

describe('Web Push delivery', () => {
  let t: TestApp;
  let push: PushService;
  let patron: PatronClient;
  let loanId: string;

  before(async () => {
    push = await startPushService();
    // 2026-04-27 09:30 in Tokyo.
    t = await startTestApp({ now: '2026-04-27T00:30:00Z', env: { PUSH_ALLOW_HTTP_LOOPBACK: '1', PUSH_TIMEOUT_MS: '1500', VAPID_SUBJECT: SUBJECT } });
    await t.addPatron({ cardNumber: '4000000001', password: 'push1234' });
    const { barcodes } = await t.addTitle({ title: '夢の守り人', category: 'children' });
    // Due in 3 days (the default), and inside its renewal window: due_soon with 延長する.
    ({ loanId } = await t.checkout({ cardNumber: '4000000001', barcode: barcodes[0]!, loanedOn: '2026-04-09', dueOn: '2026-04-30' }));
    patron = await t.login('4000000001', 'push1234');
  });
  after(async () => {
    await t.close();
    await push.close();
  });

  it('sends the digest as a signed, encrypted push the subscriber alone can read', async () => {
    const device = browserKeys(push.endpoint('/device-a'));
    await subscribe(patron, device);
    const { key } = await patron.json('/api/push/vapid-public-key');

    const run = await t.staff('/api/staff/notifications/run');
    assert.equal(run.sent, 1);
    const [req] = await push.waitFor(1);
    assert.equal(req!.path, '/device-a');
    verifyVapid(req!, { publicKey: key, audience: push.origin, subject: SUBJECT });
    assert.equal(req!.headers['ttl'], '86400');
    assert.equal(req!.headers['content-encoding'], 'aes128gcm');
    assert.equal(req!.body.includes(Buffer.from('夢の守り人')), false);

    const payload = JSON.parse(decryptPayload(req!, device)) as PushPayload;
    assert.equal(payload.lang, 'ja');
    assert.equal(payload.notices.length, 1);
    assert.equal(payload.notices[0]!.event, 'due_soon');
    assert.equal(payload.title, '返却期限日が近づいています（2026/04/30）');
    assert.match(payload.body, /「夢の守り人」の返却期限日は2026\/04\/30です（あと3日）/);
    assert.equal(payload.url, `/account/loans#${loanId}`);
    assert.equal(payload.renewLoanId, loanId, '延長する: the loan can be renewed now');
    assert.deepEqual(
      payload.loans.map((l) => [l.id, l.dueOn, l.renewable]),
      [[loanId, '2026-04-30', true]],
      'the loan as the snapshot shows it, for the offline copy',
    );
  });

  it('writes each device’s notification in that device’s language', async () => {
    const english = browserKeys(push.endpoint('/device-en'));
    await subscribe(patron, english, { lang: 'en' });
    const before = push.requests.length;
    const res = await call(patron, 'POST', '/api/notifications/test');
    assert.equal(res.status, 202);
    await t.ctx.notifications.close();
    const sent = push.requests.slice(before);
    assert.deepEqual(sent.map((r) => r.path).sort(), ['/device-a', '/device-en']);
    const en = JSON.parse(decryptPayload(sent.find((r) => r.path === '/device-en')!, english)) as PushPayload;
    assert.equal(en.lang, 'en');
    assert.equal(en.title, 'Test notification');
  });

  it('deletes a subscription the push service says is gone (410), and keeps the others', async () => {
    push.answer('/device-en', 410);
    await call(patron, 'POST', '/api/notifications/test');
    await t.ctx.notifications.close();
    const settings = await patron.json('/api/notifications/settings');
    assert.equal(settings.subscriptions.length, 1, 'the 410 device is gone, device-a stays');
  });

  it('a push service that hangs does not hold up another device’s push', async () => {
    push.answer('/device-a', 'hang');
    const quick = browserKeys(push.endpoint('/device-quick'));
    await subscribe(patron, quick);
    const before = push.requests.length;
    const started = Date.now();
    await call(patron, 'POST', '/api/notifications/test');
    // device-a was subscribed first, and never answers; device-quick's push still arrives at once.
    await push.waitFor(before + 2, 1000);
    const quickReq = push.requests.slice(before).find((r) => r.path === '/device-quick');
    assert.ok(quickReq, 'the quick device got its push');
    assert.ok(quickReq.at - started < 1000, `quick push after ${quickReq.at - started} ms`);
    // The hanging one times out (PUSH_TIMEOUT_MS) and is kept: a timeout is not a 404/410.
    await t.ctx.notifications.close();
    assert.ok(Date.now() - started >= 1400, 'the send waited for the deadline');
    const settings = await patron.json('/api/notifications/settings');
    assert.equal(settings.subscriptions.length, 2);
  });
});
