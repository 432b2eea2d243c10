/** パスワード変更 and 新規パスワード発行 through the real app and store ([docs/rules.md#sessions](../../docs/rules.md#sessions), [docs/rules.md#passwords](../../docs/rules.md#passwords), [docs/api.md](../../docs/api.md)). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

const login = (t: TestApp, cardNumber: string, password: string) => call(t, 'POST', '/api/session', { cardNumber, password });

describe('password change', () => {
  let t: TestApp;
  let here: PatronClient;
  let elsewhere: PatronClient;

  before(async () => {
    t = await startTestApp({ now: '2020-04-27T01:00:00Z' });
    await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
    here = await t.login('2000000276', 'library2');
    elsewhere = await t.login('2000000276', 'library2');
  });
  after(() => t.close());

  const change = (client: PatronClient | TestApp, newPassword: string, newPasswordConfirm = newPassword, currentPassword = 'library2') =>
    call(client, 'PUT', '/api/password', { currentPassword, newPassword, newPasswordConfirm });

  it('needs a login', async () => assert.equal((await change(t, 'abc123')).status, 401));

  it('refuses new passwords outside the policy with 400 password_policy', async () => {
    const cases: [string, string][] = [
      ['5 characters', 'abc12'],
      ['letters only', 'abcdefg'],
      ['digits only', '1234567'],
      ['full-width', 'ａｂｃ１２３'],
      ['a space', 'abc 123'],
    ];
    for (const [label, password] of cases) {
      const res = await change(here, password);
      assert.deepEqual([res.status, res.body?.error?.code], [400, 'password_policy'], label);
    }
    assert.match((await change(here, 'abc12')).body.error.message, /6文字以上/);
    const tooLong = await change(here, 'a1'.repeat(33));
    assert.deepEqual([tooLong.status, tooLong.body.error.code], [400, 'password_policy']);
    assert.match(tooLong.body.error.message, /64文字以内/);
  });

  it('refuses different new passwords (password_mismatch) and a wrong current one (403 wrong_password)', async () => {
    const mismatch = await change(here, 'abc123', 'abc124');
    assert.deepEqual([mismatch.status, mismatch.body.error.code], [400, 'password_mismatch']);
    const wrong = await change(here, 'abc123', 'abc123', 'nottheone1');
    assert.deepEqual([wrong.status, wrong.body.error.code], [403, 'wrong_password']);
    assert.equal((await login(t, '2000000276', 'library2')).status, 200, 'the password is unchanged');
  });

  it('changes it (204): the new one logs in, the old one no longer; other sessions end, this one stays', async () => {
    const res = await change(here, 'abc123');
    assert.equal(res.status, 204);
    assert.equal((await here.fetch('/api/session')).status, 200, 'the session that changed it goes on');
    assert.equal((await elsewhere.fetch('/api/session')).status, 401, 'the other session has ended');
    assert.equal((await login(t, '2000000276', 'library2')).status, 401);
    assert.equal((await login(t, '2000000276', 'abc123')).status, 200);
  });
});

describe('password change from a session left open', () => {
  it('locks guessing of the current password after 5 wrong tries (429 with Retry-After)', async () => {
    const t = await startTestApp({ now: '2020-04-27T01:00:00Z' });
    try {
      await t.addPatron({ cardNumber: '2000000333', password: 'secret1' });
      const kiosk = await t.login('2000000333', 'secret1');
      const guess = (currentPassword: string) =>
        call(kiosk, 'PUT', '/api/password', { currentPassword, newPassword: 'mine123', newPasswordConfirm: 'mine123' });
      for (let i = 0; i < 5; i++) assert.equal((await guess(`guess${i}`)).status, 403);
      const locked = await guess('secret1');
      assert.deepEqual([locked.status, locked.body.error.code], [429, 'too_many_attempts']);
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
      assert.equal((await login(t, '2000000333', 'secret1')).status, 200, 'the password did not change');
    } finally {
      await t.close();
    }
  });
});

describe('password issuance (新規パスワード発行)', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ now: '2020-04-27T01:00:00Z' });
    await t.addPatron({ cardNumber: '2000000111', birthDate: '2010-05-05' });
    await t.addPatron({ cardNumber: '2000000222', birthDate: '2011-06-06' });
    await t.addPatron({ cardNumber: '2000000326', birthDate: '1980-01-01', password: 'library1' });
  });
  after(() => t.close());

  const issue = (cardNumber: string, birthDate: string, newPassword = 'hon2020', newPasswordConfirm = newPassword) =>
    call(t, 'POST', '/api/password-issuance', { cardNumber, birthDate, newPassword, newPasswordConfirm });

  it('gives the same 401 verification_failed for an unknown card and a wrong date of birth', async () => {
    const unknown = await issue('2999999999', '2010-05-05');
    const wrongBirth = await issue('2000000111', '2010-05-06');
    assert.deepEqual([unknown.status, unknown.body.error.code], [401, 'verification_failed']);
    assert.deepEqual(wrongBirth.body, unknown.body);
    assert.equal(wrongBirth.status, 401);
  });

  it('checks the new password: 400 password_policy / password_mismatch', async () => {
    assert.equal((await issue('2000000111', '2010-05-05', 'abcdef')).body.error.code, 'password_policy');
    assert.equal((await issue('2000000111', '2010-05-05', 'abc123', 'abc124')).body.error.code, 'password_mismatch');
    const badDate = await issue('2000000111', '2010/05/05');
    assert.deepEqual([badDate.status, badDate.body.error.code], [400, 'invalid_input']);
  });

  it('issues a password (201) that then logs in; a second issuance is 409 already_issued', async () => {
    assert.equal((await login(t, '2000000111', 'hon2020')).status, 401, 'no password yet');
    const res = await issue('2000000111', '2010-05-05');
    assert.equal(res.status, 201);
    assert.equal((await login(t, '2000000111', 'hon2020')).status, 200);
    const again = await issue('2000000111', '2010-05-05', 'other123');
    assert.deepEqual([again.status, again.body.error.code], [409, 'already_issued']);
    assert.equal((await login(t, '2000000111', 'hon2020')).status, 200, 'the issued password stays');
    assert.equal((await issue('2000000326', '1980-01-01')).status, 409, 'a card with a password from the desk');
  });

  it('is throttled like login: after 5 wrong tries the card is locked (429 with Retry-After), right answer or not', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await issue('2000000222', '1999-01-01')).status, 401);
    const locked = await issue('2000000222', '2011-06-06');
    assert.deepEqual([locked.status, locked.body.error.code], [429, 'too_many_attempts']);
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    await t.setClock('2020-04-27T01:20:00Z');
    assert.equal((await issue('2000000222', '2011-06-06')).status, 201, 'the lock ends after 15 minutes');
  });
});
