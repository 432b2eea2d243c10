import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIOSK_IDLE_MS, kioskIdleOverrideMs } from '../../client/pwa/kiosk-timeout.ts';

test('the kiosk idle timeout is 3 minutes unless the first URL shortens it', () => {
  assert.equal(KIOSK_IDLE_MS, 180_000);
  assert.equal(kioskIdleOverrideMs(''), 180_000);
  assert.equal(kioskIdleOverrideMs('?kioskIdleSeconds=12'), 12_000);
});

test('?kioskIdleSeconds can only shorten the timeout, and nonsense is ignored', () => {
  assert.equal(kioskIdleOverrideMs('?kioskIdleSeconds=86400'), 180_000);
  for (const bad of ['?kioskIdleSeconds=0', '?kioskIdleSeconds=-5', '?kioskIdleSeconds=abc', '?kioskIdleSeconds=']) {
    assert.equal(kioskIdleOverrideMs(bad), 180_000, bad);
  }
});
