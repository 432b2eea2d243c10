/**
 * Kiosk wipe (SPEC §5): on logout or idle timeout nothing of the patron stays on the shared
 * device. The SW forgets everything (it stores nothing in kiosk mode anyway), web storage is
 * cleared, the session ends on the server, and a fresh page load at the kiosk login drops every
 * in-memory state.
 */
import { KIOSK_HEADER } from '../../common/offline.ts';
import { forgetAll } from '../data/sw-bridge.ts';

export const KIOSK_LOGIN_PATH = '/kiosk/login';

export async function wipeKioskDevice(): Promise<void> {
  forgetAll();
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // Storage blocked: then nothing was written there either.
  }
  try {
    await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin', headers: { [KIOSK_HEADER]: '1' } });
  } catch {
    // Offline: the server's idle timeout ends the session; the device is clean either way.
  }
  window.location.replace(KIOSK_LOGIN_PATH);
}
