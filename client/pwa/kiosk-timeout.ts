/**
 * The kiosk idle timeout ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode)): the policy's
 * (GET /api/library `policy.idleTimeoutSeconds.kiosk`), shown for its last 30 seconds.
 */
export const KIOSK_WARNING_MS = 30 * 1000;

/**
 * `?kioskIdleSeconds=N` on the first URL shortens the policy's kiosk idle timeout (tests and demos);
 * it can only shorten it, never lengthen it.
 */
export function kioskIdleOverrideMs(search: string, policyMs: number): number {
  const seconds = Number(new URLSearchParams(search).get('kioskIdleSeconds'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, policyMs) : policyMs;
}
