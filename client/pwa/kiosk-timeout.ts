/** Kiosk idle timeout settings shared by the countdown element and the page start (SPEC §3, §5). */
export const KIOSK_TIMEOUT_EVENT = 'shiori:kiosk-timeout';
export const KIOSK_IDLE_MS = 3 * 60 * 1000;
export const KIOSK_WARNING_MS = 30 * 1000;

/**
 * `?kioskIdleSeconds=N` on the first URL shortens the kiosk idle timeout (tests and demos); it can
 * only shorten it, never lengthen it.
 */
export function kioskIdleOverrideMs(search: string, defaultMs: number = KIOSK_IDLE_MS): number {
  const seconds = Number(new URLSearchParams(search).get('kioskIdleSeconds'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, defaultMs) : defaultMs;
}
