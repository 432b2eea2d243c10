/**
 * Small JSON values in localStorage (display options, the 予約カート). Callers never write here in
 * kiosk mode: there the app's state lives in memory only, and a new start forgets it.
 */
export function readStored<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** Best effort: storage full or blocked keeps the value for this visit only (the app's state has it). */
export function writeStored(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked.
  }
}
