import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isJsonContentType, reachability, serverAnsweredOk, type NetworkOutcome } from '../../sw/reachability.ts';

const answer = (status: number, body: unknown, json = true): NetworkOutcome => ({ kind: 'answer', status, json, body });
const serverError = (code: string) => ({ error: { code, message: '…' } });
const unreachable = (reason: string) => ({ reachable: false, reason });

test('a request that fails while the device is offline is "no connection"', () => {
  assert.deepEqual(reachability({ kind: 'no-answer', deviceOnline: false }), unreachable('no-connection'));
});

test('a request that fails while the device is online is "the server is not answering" (refused, reset, DNS)', () => {
  assert.deepEqual(reachability({ kind: 'no-answer', deviceOnline: true }), unreachable('server-not-answering'));
});

test('no answer in time (lie-fi) is "the server is not answering"', () => {
  assert.deepEqual(reachability({ kind: 'timed-out' }), unreachable('server-not-answering'));
});

for (const status of [502, 503, 504]) {
  test(`a proxy's ${status} (an HTML page, or JSON that is not the server's error) cannot reach the library`, () => {
    assert.deepEqual(reachability(answer(status, null, false)), unreachable('server-not-answering'));
    assert.deepEqual(reachability(answer(status, { message: 'Bad Gateway' })), unreachable('server-not-answering'));
  });

  test(`a ${status} JSON error of the server itself is an answer and stays what it is`, () => {
    assert.deepEqual(reachability(answer(status, serverError('unavailable'))), { reachable: true });
  });
}

test('an answer that is not JSON (captive portal 200, proxy 404 page) cannot reach the library', () => {
  for (const status of [200, 302, 403, 404, 500]) {
    assert.deepEqual(reachability(answer(status, null, false)), unreachable('server-not-answering'), String(status));
  }
});

test("the server's JSON answers are reachable: 2xx, its 4xx and 5xx errors", () => {
  assert.deepEqual(reachability(answer(200, { patron: { id: 'p' } })), { reachable: true });
  assert.deepEqual(reachability(answer(401, serverError('unauthenticated'))), { reachable: true });
  assert.deepEqual(reachability(answer(409, serverError('renewal_limit'))), { reachable: true });
  assert.deepEqual(reachability(answer(500, serverError('internal'))), { reachable: true });
});

test('an answer with no body at all (204 after logout) is the server speaking', () => {
  assert.deepEqual(reachability(answer(204, null, false)), { reachable: true });
});

test('only a reachable 2xx says the server is back', () => {
  assert.equal(serverAnsweredOk(answer(200, {})), true);
  assert.equal(serverAnsweredOk(answer(204, null, false)), true);
  assert.equal(serverAnsweredOk(answer(200, null, false)), false, 'a captive portal page');
  assert.equal(serverAnsweredOk(answer(409, serverError('has_holds'))), false);
  assert.equal(serverAnsweredOk({ kind: 'timed-out' }), false);
  assert.equal(serverAnsweredOk({ kind: 'no-answer', deviceOnline: true }), false);
});

test('JSON content types are recognised with parameters and +json suffixes; others are not', () => {
  assert.equal(isJsonContentType('application/json; charset=utf-8'), true);
  assert.equal(isJsonContentType('Application/JSON'), true);
  assert.equal(isJsonContentType('application/problem+json'), true);
  assert.equal(isJsonContentType('text/html; charset=utf-8'), false);
  assert.equal(isJsonContentType('text/plain'), false);
  assert.equal(isJsonContentType(null), false);
});
