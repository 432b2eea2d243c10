/**
 * What the SW's answers in the server's place need from IndexedDB, read in one read-only
 * transaction: who was last seen logged in, whether that was a kiosk session, the kept library
 * answer, and that patron's snapshot and queued renewals. One transaction rather than one per
 * fact: each separate read is its own round trip to the browser's IndexedDB (and its own
 * transaction), and they used to run one after another before an offline answer could be given.
 * What may be served of it is decided by sw/offline-answers.ts (copiesToServe).
 */
import { db } from './db.ts';
import type { DeviceCopies } from './offline-answers.ts';
import { pendingLoanIds } from './renewal-queue.ts';
import { keptLibrary, kioskSessionSeen, lastPatronId, loadSnapshot } from './snapshot-store.ts';

export function readDeviceCopies(): Promise<DeviceCopies> {
  // The store functions below join this transaction (Dexie runs them in its zone).
  return db.transaction('r', [db.meta, db.snapshots, db.renewals], async () => {
    const [patronId, kioskSession, library] = await Promise.all([lastPatronId(), kioskSessionSeen(), keptLibrary()]);
    const [stored, pending] = patronId ? await Promise.all([loadSnapshot(patronId), pendingLoanIds(patronId)]) : [undefined, new Set<string>()];
    return { lastPatronId: patronId, kioskSession, library, stored, pendingLoanIds: pending };
  });
}
