/**
 * The SW's one IndexedDB database (Dexie), all schema versions in this one place.
 * Only the service worker imports it: Dexie stays off the page's first load.
 * Nothing personal is ever written here in kiosk mode ([docs/rules.md#kiosk-mode](../docs/rules.md#kiosk-mode)).
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Notice } from '../common/notifications.ts';
import type { StoredLibrary, StoredSnapshot } from './offline-answers.ts';
import { mark } from './timing.ts';

/** A renewal made while the server could not be reached, waiting to be sent ([docs/rules.md#offline](../docs/rules.md#offline)). */
export interface QueuedRenewal {
  /** The page's Idempotency-Key: a replay with it never renews twice. */
  idempotencyKey: string;
  /** The patron who asked; only that patron's session ever sends it. */
  patronId: string;
  loanId: string;
  /** Absolute URL of POST /api/loans/:id/renew. */
  url: string;
  /** ISO instant (device clock) the request was queued: replays go in this order. */
  queuedAt: string;
  /** The page's Accept-Language, so the server's refusal reads in the patron's language. */
  acceptLanguage: string | null;
}

/** Small device-level facts the SW needs across restarts. */
export type MetaRow =
  /** The patron last seen logged in on this device: the only one whose snapshot may be served. */
  | { key: 'lastPatronId'; value: string }
  /** The last session seen was a kiosk session: store nothing until a personal session is seen. */
  | { key: 'kioskSession'; value: boolean }
  /** The last GET /api/library answer (the library's policy, branches): nothing personal. */
  | { key: 'library'; value: StoredLibrary };

/** A patron's お知らせ as last read from the server or brought by a push ([docs/rules.md#reminders](../docs/rules.md#reminders): also offline). */
export interface StoredNotices {
  patronId: string;
  /** When the server last gave the whole list (a push adds to it without changing this). */
  capturedAt: string;
  notices: Notice[];
}

export type ShioriDb = Dexie & {
  snapshots: EntityTable<StoredSnapshot, 'patronId'>;
  notices: EntityTable<StoredNotices, 'patronId'>;
  renewals: EntityTable<QueuedRenewal, 'idempotencyKey'>;
  meta: EntityTable<MetaRow, 'key'>;
};

export const DB_NAME = 'shiori-offline';

export const db = new Dexie(DB_NAME) as ShioriDb;

db.version(1).stores({
  snapshots: 'patronId',
  renewals: 'idempotencyKey, patronId, [patronId+loanId], queuedAt',
  meta: 'key',
});

// 2: お知らせ kept for offline (tables of version 1 stay as they are).
db.version(2).stores({ notices: 'patronId' });

db.on('ready', () => mark('db-open'));
