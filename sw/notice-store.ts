/** The device's お知らせ per patron (IndexedDB through sw/db.ts); never written in kiosk mode. */
import type { Notice } from '../common/notifications.ts';
import { db, type StoredNotices } from './db.ts';
import { mergeNotices } from './push-display.ts';

export function loadNotices(patronId: string): Promise<StoredNotices | undefined> {
  return db.notices.get(patronId);
}

/** The server's whole list, as just read. */
export async function saveNotices(patronId: string, notices: Notice[], capturedAt: string): Promise<void> {
  await db.notices.put({ patronId, capturedAt, notices: mergeNotices([], notices) });
}

/** Notices a push brought, added to what is kept. */
export async function addNotices(patronId: string, notices: readonly Notice[]): Promise<void> {
  await db.transaction('rw', db.notices, async () => {
    const stored = await db.notices.get(patronId);
    await db.notices.put({ patronId, capturedAt: stored?.capturedAt ?? new Date().toISOString(), notices: mergeNotices(stored?.notices ?? [], notices) });
  });
}
