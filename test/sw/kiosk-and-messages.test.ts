import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerIsForKiosk, isKioskPath, isKioskRequest } from '../../sw/kiosk.ts';
import { readPageMessage } from '../../sw/read-page-message.ts';

const none = { kioskHeader: null, clientPath: null, kioskSession: false };

test('a personal page with no kiosk header is not kiosk mode', () => {
  assert.equal(isKioskRequest({ ...none, clientPath: '/account' }), false);
});

test('the X-Shiori-Kiosk header, a /kiosk/ page or a kiosk session each mean kiosk mode', () => {
  assert.equal(isKioskRequest({ ...none, kioskHeader: '1' }), true);
  assert.equal(isKioskRequest({ ...none, clientPath: '/kiosk/account' }), true);
  assert.equal(isKioskRequest({ ...none, kioskSession: true }), true);
});

test('a kiosk header of "0" or empty does not turn kiosk mode on', () => {
  assert.equal(isKioskRequest({ ...none, kioskHeader: '0' }), false);
  assert.equal(isKioskRequest({ ...none, kioskHeader: '' }), false);
});

test("an account answer the server marked as a kiosk's (X-Shiori-Kiosk) is not kept; one without the mark, or with 0, may be", () => {
  assert.equal(answerIsForKiosk(new Response('{}', { headers: { 'X-Shiori-Kiosk': '1' } })), true);
  assert.equal(answerIsForKiosk(new Response('{}')), false);
  assert.equal(answerIsForKiosk(new Response('{}', { headers: { 'X-Shiori-Kiosk': '0' } })), false);
});

test('only /kiosk and paths below it are kiosk paths', () => {
  assert.deepEqual(['/kiosk', '/kiosk/', '/kiosk/login', '/kiosks', '/account/kiosk'].map(isKioskPath), [true, true, true, false, false]);
});

test('page messages of the contract are read; malformed ones are ignored', () => {
  assert.deepEqual(readPageMessage({ type: 'replay-renewals' }), { type: 'replay-renewals' });
  assert.deepEqual(readPageMessage({ type: 'forget-patron', patronId: 'pA', extra: 1 }), { type: 'forget-patron', patronId: 'pA' });
  assert.deepEqual(readPageMessage({ type: 'forget-all' }), { type: 'forget-all' });
  assert.deepEqual(readPageMessage({ type: 'SKIP_WAITING' }), { type: 'SKIP_WAITING' });
  assert.equal(readPageMessage({ type: 'forget-patron' }), null);
  assert.equal(readPageMessage({ type: 'forget-patron', patronId: 42 }), null);
  assert.equal(readPageMessage('replay-renewals'), null);
  assert.equal(readPageMessage({ type: 'nuke' }), null);
});
