import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RENEWAL_NEEDS_LOGIN_EVENT, RENEWAL_SETTLED_EVENT } from '../../common/offline.ts';
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
