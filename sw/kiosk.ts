/**
 * Is this request made in kiosk mode ([docs/rules.md#kiosk-mode](../docs/rules.md#kiosk-mode))? Pure.
 * Kiosk mode is a /kiosk/ page, the page's X-Shiori-Kiosk header (sent on every API call when the
 * server runs with KIOSK=1 or the session is a kiosk one), or the last session the SW saw being a
 * kiosk session. The path and header rules are the ones the server and the page use (common/kiosk.ts).
 */
import { isKioskPath, kioskHeaderSaysKiosk } from '../common/kiosk.ts';
import { KIOSK_HEADER } from '../common/offline.ts';

export { isKioskPath };

export function isKioskRequest(input: {
  kioskHeader: string | null;
  clientPath: string | null;
  kioskSession: boolean;
}): boolean {
  if (kioskHeaderSaysKiosk(input.kioskHeader)) return true;
  if (input.clientPath !== null && isKioskPath(input.clientPath)) return true;
  return input.kioskSession;
}

/**
 * The server's own word that an answer went to a kiosk (its X-Shiori-Kiosk answer header on
 * GET /api/account): nothing of it is kept, even when the SW has not yet seen this device's
 * kiosk session (the start's account request can come before the session's).
 */
export function answerIsForKiosk(answer: { headers: { get(name: string): string | null } }): boolean {
  return kioskHeaderSaysKiosk(answer.headers.get(KIOSK_HEADER));
}
