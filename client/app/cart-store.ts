/** 予約カート contents (bib ids) kept on the device between visits (never in kiosk mode). */
import { readStored, writeStored } from './device-storage.ts';

const KEY = 'shiori.cart';

export function storedCart(kiosk: boolean): string[] {
  if (kiosk) return [];
  const stored = readStored<unknown>(KEY);
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
}

export function storeCart(bibIds: readonly string[], kiosk: boolean): void {
  if (!kiosk) writeStored(KEY, bibIds);
}

/** One entry per title, in the order first added. */
export function uniqueCart(bibIds: readonly string[]): string[] {
  return [...new Set(bibIds)];
}
