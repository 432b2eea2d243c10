import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kioskIdleOverrideMs } from '../../client/pwa/kiosk-timeout.ts';

/** The policy's kiosk idle timeout: Koganei's 3 minutes, and a library's own 5. */
const THREE_MINUTES = 180_000;
const FIVE_MINUTES = 300_000;

test("the kiosk idle timeout is the policy's unless the first URL shortens it", () => {
  assert.equal(kioskIdleOverrideMs('', THREE_MINUTES), THREE_MINUTES);
  assert.equal(kioskIdleOverrideMs('', FIVE_MINUTES), FIVE_MINUTES);
  assert.equal(kioskIdleOverrideMs('?kioskIdleSeconds=12', THREE_MINUTES), 12_000);
});

test('?kioskIdleSeconds can only shorten the timeout, and nonsense is ignored', () => {
  assert.equal(kioskIdleOverrideMs('?kioskIdleSeconds=86400', THREE_MINUTES), THREE_MINUTES);
  assert.equal(kioskIdleOverrideMs('?kioskIdleSeconds=240', FIVE_MINUTES), 240_000);
  for (const bad of ['?kioskIdleSeconds=0', '?kioskIdleSeconds=-5', '?kioskIdleSeconds=abc', '?kioskIdleSeconds=']) {
    assert.equal(kioskIdleOverrideMs(bad, THREE_MINUTES), THREE_MINUTES, bad);
  }
});
