import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT_UPDATED_EVENT, RENEWAL_NEEDS_LOGIN_EVENT, RENEWAL_SETTLED_EVENT } from '../../common/offline.ts';
import { windowEventFor } from '../../client/pwa/sw-message-events.ts';

test('SW messages become the window events pages listen to', () => {
  assert.equal(windowEventFor({ type: 'renewal-settled', patronId: 'p', loanId: 'l', ok: true, loan: {} }), RENEWAL_SETTLED_EVENT);
  assert.equal(windowEventFor({ type: 'renewal-needs-login', patronId: 'p', loanId: 'l' }), RENEWAL_NEEDS_LOGIN_EVENT);
});

test('anything else from the SW (workbox-window messages, malformed ones) is not re-dispatched', () => {
  assert.equal(windowEventFor({ type: 'CACHE_UPDATED', payload: {} }), null);
  assert.equal(windowEventFor({ type: 'renewal-settled' }), null);
  assert.equal(windowEventFor(null), null);
  assert.equal(windowEventFor('renewal-settled'), null);
});

test('the late live snapshot becomes the account-updated window event; without a snapshot it is ignored', () => {
  assert.equal(windowEventFor({ type: 'account-updated', patronId: 'p', snapshot: { loans: [] } }), ACCOUNT_UPDATED_EVENT);
  assert.equal(windowEventFor({ type: 'account-updated', patronId: 'p' }), null);
  assert.equal(windowEventFor({ type: 'account-updated', snapshot: {} }), null);
});
