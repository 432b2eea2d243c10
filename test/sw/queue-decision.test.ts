import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideReplay } from '../../sw/queue-decision.ts';

const loan = { id: 'L1', dueOn: '2026-05-11', renewals: 1 };
/** An HTTP answer whose body was JSON. */
const answer = (status: number, body: unknown) => ({ kind: 'answer' as const, status, json: true, body });

test('a replay that meets no network keeps the renewal until the connection returns', () => {
  assert.deepEqual(decideReplay({ kind: 'no-answer', deviceOnline: true }), { action: 'keep', until: 'connection' });
});

test('a 2xx answer settles the renewal with the renewed loan', () => {
  assert.deepEqual(decideReplay(answer(200, { loan })), { action: 'done', ok: true, loan });
});

test('a 2xx answer without a loan body still settles (nothing to resend)', () => {
  assert.deepEqual(decideReplay(answer(200, null)), { action: 'done', ok: true, loan: null });
});

test('a 409 refusal settles the renewal with the server reason', () => {
  const body = { error: { code: 'has_holds', message: '他の方の予約があるため延長できません。' } };
  assert.deepEqual(decideReplay(answer(409, body)), {
    action: 'done',
    ok: false,
    code: 'has_holds',
    message: '他の方の予約があるため延長できません。',
  });
});

test('a 404 (loan returned meanwhile) settles as not found', () => {
  const body = { error: { code: 'not_found', message: '見つかりません。' } };
  const d = decideReplay(answer(404, body));
  assert.equal(d.action, 'done');
  assert.equal(d.action === 'done' && !d.ok && d.code, 'not_found');
});

test('a 4xx with an unreadable body still settles, with a code naming the status', () => {
  assert.deepEqual(decideReplay(answer(400, 'oops')), { action: 'done', ok: false, code: 'http_400', message: '' });
});

test('a 401 keeps the renewal queued until the patron logs in again', () => {
  const body = { error: { code: 'unauthenticated', message: 'ログインしてください。' } };
  assert.deepEqual(decideReplay(answer(401, body)), { action: 'keep', until: 'login' });
});

for (const status of [500, 502, 503, 504]) {
  test(`a ${status} keeps the renewal queued to retry later`, () => {
    // The server's own error (JSON): it could not decide. A proxy's page is tested below.
    const body = { error: { code: 'unexpected', message: '' } };
    assert.deepEqual(decideReplay(answer(status, body)), { action: 'keep', until: 'retry' });
  });

  test(`a proxy's ${status} (the server behind it is down) keeps the renewal until the connection is back`, () => {
    assert.deepEqual(decideReplay({ kind: 'answer', status, json: false, body: null }), { action: 'keep', until: 'connection' });
  });
}

test('a replay that gets no answer in time keeps the renewal until the connection is back', () => {
  assert.deepEqual(decideReplay({ kind: 'timed-out' }), { action: 'keep', until: 'connection' });
});

test('a page that is not JSON (captive portal, proxy error page) never settles a renewal, whatever its status', () => {
  for (const status of [200, 400, 404]) {
    assert.deepEqual(decideReplay({ kind: 'answer', status, json: false, body: null }), { action: 'keep', until: 'connection' }, String(status));
  }
});

test('a 429 (too many requests) is retried later, not settled as refused', () => {
  assert.deepEqual(decideReplay(answer(429, { error: { code: 'too_many_attempts', message: '' } })), {
    action: 'keep',
    until: 'retry',
  });
});
