/** メール登録・変更 through the real app and store ([docs/rules.md#e-mail](../../docs/rules.md#e-mail), [docs/api.md](../../docs/api.md)), with the outbox as the mail. */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { keys, type HoldRecord, type PatronRecord } from '../../server/domain/records.ts';
import type { OutboxMessage } from '../../server/mail/mailer.ts';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

const waitingHold = (contactMethod: HoldRecord['contactMethod'], status: HoldRecord['status'] = 'waiting'): HoldRecord => ({
  id: `H-${contactMethod}-${status}`,
  bibId: 'B1',
  placedAt: '2020-04-20T01:00:00.000Z',
  placedOn: '2020-04-20',
  status,
  pickupBranch: 'central',
  contactMethod,
  notNeededAfter: null,
  pickupBy: null,
  barcode: null,
  seriesNo: null,
  seriesOrder: null,
});

describe('e-mail routes', () => {
  let t: TestApp;
  let taro: PatronClient;
  let patronId: string;

  const outbox = async (): Promise<OutboxMessage[]> => {
    const dir = join(t.dataDir, 'outbox');
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
    return Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as OutboxMessage));
  };
  const setHolds = (holds: HoldRecord[], defaults?: PatronRecord['defaults']) =>
    t.ctx.store.transaction(async (tx) => {
      const p = (await tx.get<PatronRecord>(keys.patron(patronId)))!;
      tx.set(keys.patron(patronId), { ...p, holds, defaults: defaults ?? p.defaults });
    });
  const put = (email: string, emailConfirm: string, headers?: Record<string, string>) =>
    call(taro, 'PUT', '/api/email', { email, emailConfirm }, headers);
  const registered = async () => (await taro.json('/api/session')).patron.email as string | null;

  before(async () => {
    t = await startTestApp({ now: '2020-04-27T01:00:00Z' });
    ({ patronId } = await t.addPatron({ cardNumber: '2000000326', password: 'abc123' }));
    taro = await t.login('2000000326', 'abc123');
  });
  after(() => t.close());

  it('needs a login', async () => {
    assert.equal((await call(t, 'PUT', '/api/email', { email: 'a@example.com', emailConfirm: 'a@example.com' })).status, 401);
  });

  it('registers an address and mails a confirmation to it (outbox without SMTP_URL)', async () => {
    const res = await put('taro@example.com', 'taro@example.com');
    assert.deepEqual([res.status, res.body], [200, { email: 'taro@example.com' }]);
    assert.equal(await registered(), 'taro@example.com');
    const mails = await outbox();
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to, 'taro@example.com');
    assert.match(mails[0]!.subject, /メールアドレス登録/);
    assert.match(mails[0]!.date, /^2020-04-27T01:0/, 'dated on the library clock (which runs on from LIBRARY_NOW)');
  });

  it('changes the address and mails the new one', async () => {
    const res = await put('taro.new@example.jp', 'taro.new@example.jp');
    assert.deepEqual([res.status, res.body], [200, { email: 'taro.new@example.jp' }]);
    const mails = await outbox();
    assert.equal(mails.length, 2);
    assert.equal(mails[1]!.to, 'taro.new@example.jp');
  });

  it('refuses different fields (email_mismatch) and a malformed address (invalid_email), keeping the old one', async () => {
    const mismatch = await put('a@example.com', 'b@example.com');
    assert.deepEqual([mismatch.status, mismatch.body.error.code], [400, 'email_mismatch']);
    const oneEmpty = await put('a@example.com', '');
    assert.deepEqual([oneEmpty.status, oneEmpty.body.error.code], [400, 'email_mismatch']);
    for (const bad of ['taro', 'taro@localhost', 'ta ro@example.com', `${'a'.repeat(250)}@example.com`]) {
      const res = await put(bad, bad);
      assert.deepEqual([res.status, res.body.error.code], [400, 'invalid_email'], bad);
    }
    const wrongType = await call(taro, 'PUT', '/api/email', { email: 1, emailConfirm: 1 });
    assert.deepEqual([wrongType.status, wrongType.body.error.code], [400, 'invalid_input']);
    assert.equal(await registered(), 'taro.new@example.jp');
    assert.equal((await outbox()).length, 2, 'no mail for a refused change');
  });

  it('refuses to delete while a waiting hold uses メール (409 email_in_use), then deletes once it does not', async () => {
    await setHolds([waitingHold('email')]);
    const refused = await put('', '');
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'email_in_use']);
    assert.match(refused.body.error.message, /予約/);
    assert.equal(await registered(), 'taro.new@example.jp');

    await setHolds([waitingHold('email', 'in_transit')]);
    assert.equal((await put('', '')).status, 409, 'an in-transit hold will still be announced');

    await setHolds([waitingHold('phone'), waitingHold('email', 'ready')]);
    const deleted = await put('', '');
    assert.deepEqual([deleted.status, deleted.body], [200, { email: null }]);
    assert.equal(await registered(), null);
    assert.equal((await outbox()).length, 2, 'no mail on deletion');
  });

  it('refuses to delete while the default contact method is メール', async () => {
    assert.equal((await put('taro@example.com', 'taro@example.com')).status, 200);
    await setHolds([], { pickupBranch: 'central', contactMethod: 'email' });
    const refused = await put('', '', { 'accept-language': 'en' });
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'email_in_use']);
    assert.match(refused.body.error.message, /default contact method/);
  });
});

describe('e-mail route when the mail server is down', () => {
  it('still registers the address (200): the confirmation mail never fails the change', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const t = await startTestApp({ now: '2020-04-27T01:00:00Z', env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    try {
      await t.addPatron({ cardNumber: '2000000326', password: 'abc123' });
      const taro = await t.login('2000000326', 'abc123');
      const res = await call(taro, 'PUT', '/api/email', { email: 'taro@example.com', emailConfirm: 'taro@example.com' });
      assert.deepEqual([res.status, res.body], [200, { email: 'taro@example.com' }]);
      assert.equal((await taro.json('/api/session')).patron.email, 'taro@example.com');
    } finally {
      await t.close();
    }
  });
});

describe('confirmation mails: only for a change, at most the policy limit a day (mail.maxConfirmationsPerDay, 5)', () => {
  let t: TestApp;
  let taro: PatronClient;

  const mailsTo = async () => {
    const dir = join(t.dataDir, 'outbox');
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
    return Promise.all(files.map(async (f) => (JSON.parse(await readFile(join(dir, f), 'utf8')) as OutboxMessage).to));
  };
  const put = (email: string) => call(taro, 'PUT', '/api/email', { email, emailConfirm: email });

  before(async () => {
    t = await startTestApp({ now: '2020-04-27T01:00:00Z' });
    await t.addPatron({ cardNumber: '2000000326', password: 'abc123' });
    taro = await t.login('2000000326', 'abc123');
  });
  after(() => t.close());

  it('30 identical registrations at once send one mail; each is answered 200 with the address', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => put('taro@example.com')));
    for (const a of answers) assert.deepEqual([a.status, a.body], [200, { email: 'taro@example.com' }]);
    assert.deepEqual(await mailsTo(), ['taro@example.com']);
    // The same mailbox with its domain in capitals is no change either.
    assert.deepEqual([(await put('taro@EXAMPLE.com')).body, (await mailsTo()).length], [{ email: 'taro@example.com' }, 1]);
  });

  it('30 alternating addresses send 5 mails that day (every change is still made), more the next day', async () => {
    for (let i = 0; i < 30; i++) {
      const address = i % 2 === 0 ? 'hanako@example.jp' : 'taro@example.com';
      assert.deepEqual([(await put(address)).status, await registered(taro)], [200, address]);
    }
    // The first registration above already sent one today: 4 more, then the limit.
    assert.equal((await mailsTo()).length, 5);
    await t.setClock('2020-04-27T15:00:01Z'); // 00:00:01 on the 28th in Tokyo: a new library day
    taro = await t.login('2000000326', 'abc123'); // (hours later: the session went idle)
    assert.equal((await put('hanako@example.jp')).status, 200);
    assert.equal((await mailsTo()).length, 6);
  });

  it('racing changes never send more than the day allows', async () => {
    await t.setClock('2020-04-29T01:00:00Z');
    taro = await t.login('2000000326', 'abc123');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => put(`taro+${i}@example.com`)));
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal((await mailsTo()).length, 6 + 5);
  });
});

async function registered(client: PatronClient): Promise<string | null> {
  return (await client.json('/api/session')).patron.email as string | null;
}
