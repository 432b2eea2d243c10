/**
 * Small JSON store on the device. In kiosk mode it keeps values in memory only, so nothing
 * (display options, cart) outlives the kiosk session on a shared device.
 */
import { isKiosk } from './kiosk.ts';

const memory = new Map<string, string>();

export function readStored<T>(key: string): T | null {
  try {
    const raw = isKiosk() ? memory.get(key) ?? null : localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown): void {
  const raw = JSON.stringify(value);
  if (isKiosk()) {
    memory.set(key, raw);
    return;
  }
  try {
    localStorage.setItem(key, raw);
  } catch {
    memory.set(key, raw); // storage full or blocked: keep it for this visit
  }
}

/** Forget everything kept in memory (kiosk logout). */
export function clearMemoryStore(): void {
  memory.clear();
}
