/**
 * Per-patron account snapshots and the device facts that decide which one may be served, and the
 * last library answer (the policy the pages follow offline): [docs/rules.md#offline](../docs/rules.md#offline).
 */
import { db } from './db.ts';
import type { StoredLibrary, StoredSnapshot } from './offline-answers.ts';

export async function lastPatronId(): Promise<string | null> {
  const row = await db.meta.get('lastPatronId');
  return row?.key === 'lastPatronId' ? row.value : null;
}

/** Records who is logged in now (null after a logout): only their snapshot is served offline. */
export async function rememberPatron(patronId: string | null): Promise<void> {
  if (patronId === null) await db.meta.delete('lastPatronId');
  else await db.meta.put({ key: 'lastPatronId', value: patronId });
}

export async function kioskSessionSeen(): Promise<boolean> {
  const row = await db.meta.get('kioskSession');
  return row?.key === 'kioskSession' && row.value;
}

export async function rememberKioskSession(kiosk: boolean): Promise<void> {
  if (kiosk) await db.meta.put({ key: 'kioskSession', value: true });
  else await db.meta.delete('kioskSession');
}

/** Stores a patron's snapshot and makes them the patron whose snapshot is served offline. */
export async function saveSnapshot(stored: StoredSnapshot): Promise<void> {
  await db.transaction('rw', db.snapshots, db.meta, async () => {
    await db.snapshots.put(stored);
    await db.meta.put({ key: 'lastPatronId', value: stored.patronId });
  });
}

/**
 * Stores a snapshot that arrived late (after the patron was shown the stored one), but only while
 * that patron is still the one last seen logged in: a logout (or another login) in the meantime
 * wins, so a late answer never brings back what the logout forgot. True when it was stored.
 */
export async function saveLateSnapshot(stored: StoredSnapshot): Promise<boolean> {
  return db.transaction('rw', db.snapshots, db.meta, async () => {
    const last = await db.meta.get('lastPatronId');
    if (last?.key !== 'lastPatronId' || last.value !== stored.patronId) return false;
    await db.snapshots.put(stored);
    return true;
  });
}

export function loadSnapshot(patronId: string): Promise<StoredSnapshot | undefined> {
  return db.snapshots.get(patronId);
}

/** Rewrites a stored snapshot in place (e.g. after a queued renewal was applied); no-op when none. */
export async function updateSnapshot(patronId: string, change: (s: StoredSnapshot) => StoredSnapshot): Promise<void> {
  await db.transaction('rw', db.snapshots, async () => {
    const stored = await db.snapshots.get(patronId);
    if (stored) await db.snapshots.put(change(stored));
  });
}

/** Logout: removes the patron's snapshot, お知らせ and queued renewals, and stops serving anything for them. */
export async function forgetPatron(patronId: string): Promise<void> {
  await db.transaction('rw', [db.snapshots, db.renewals, db.meta, db.notices], async () => {
    await db.snapshots.delete(patronId);
    await db.notices.delete(patronId);
    await db.renewals.where('patronId').equals(patronId).delete();
    const last = await db.meta.get('lastPatronId');
    if (last?.key === 'lastPatronId' && last.value === patronId) await db.meta.delete('lastPatronId');
  });
}

/** Kiosk wipe: nothing personal is left in IndexedDB. */
export async function forgetAll(): Promise<void> {
  await db.transaction('rw', [db.snapshots, db.renewals, db.meta, db.notices], async () => {
    await Promise.all([db.snapshots.clear(), db.renewals.clear(), db.notices.clear(), db.meta.delete('lastPatronId')]);
  });
}

/** The last GET /api/library answer kept, if any. */
export async function keptLibrary(): Promise<StoredLibrary | undefined> {
  const row = await db.meta.get('library');
  return row?.key === 'library' ? row.value : undefined;
}

export async function keepLibrary(library: StoredLibrary): Promise<void> {
  await db.meta.put({ key: 'library', value: library });
}
