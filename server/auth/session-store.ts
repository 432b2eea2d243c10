/**
 * Sessions as store records (`session:<id>`) and the lucia adapter over them.
 * lucia gives the session ids, the cookie name/parsing and invalidation; the idle timeout is ours
 * (see sessions.ts): `lastSeenAt` on the library clock, checked and moved on every request.
 */
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { IsoInstant } from '../../common/api.ts';
import { keys } from '../domain/records.ts';
import type { Store } from '../storage/store.ts';

export interface SessionRecord {
  id: string;
  patronId: string;
  createdAt: IsoInstant;
  /** Last authenticated request, on the library clock. */
  lastSeenAt: IsoInstant;
  kiosk: boolean;
  /** lucia's own (real-time) expiry; far away, our idle check ends sessions first. */
  expiresAt: IsoInstant;
}

export interface SessionAttributes {
  createdAt: IsoInstant;
  lastSeenAt: IsoInstant;
  kiosk: boolean;
}

export async function allSessions(store: Store): Promise<SessionRecord[]> {
  const found: SessionRecord[] = [];
  for (const key of await store.keys('session:')) {
    const s = await store.get<SessionRecord>(key);
    if (s) found.push(s);
  }
  return found;
}

function toDatabaseSession(s: SessionRecord): DatabaseSession {
  return {
    id: s.id,
    userId: s.patronId,
    expiresAt: new Date(s.expiresAt),
    attributes: { createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, kiosk: s.kiosk },
  };
}

export function createStoreAdapter(store: Store, isIdle: (s: SessionRecord) => boolean): Adapter {
  const write = (fn: (tx: Parameters<Parameters<Store['transaction']>[0]>[0]) => Promise<void> | void) =>
    store.transaction(async (tx) => {
      await fn(tx);
    });
  return {
    async getSessionAndUser(sessionId) {
      const s = await store.get<SessionRecord>(keys.session(sessionId));
      if (!s) return [null, null];
      const user: DatabaseUser = { id: s.patronId, attributes: {} };
      return [toDatabaseSession(s), user];
    },
    async getUserSessions(userId) {
      return (await allSessions(store)).filter((s) => s.patronId === userId).map(toDatabaseSession);
    },
    setSession(session) {
      const a = session.attributes as SessionAttributes;
      const record: SessionRecord = {
        id: session.id,
        patronId: session.userId,
        createdAt: a.createdAt,
        lastSeenAt: a.lastSeenAt,
        kiosk: a.kiosk,
        expiresAt: session.expiresAt.toISOString(),
      };
      return write((tx) => tx.set(keys.session(session.id), record));
    },
    updateSessionExpiration(sessionId, expiresAt) {
      return write(async (tx) => {
        const s = await tx.get<SessionRecord>(keys.session(sessionId));
        if (s) tx.set(keys.session(sessionId), { ...s, expiresAt: expiresAt.toISOString() });
      });
    },
    deleteSession(sessionId) {
      return write((tx) => tx.remove(keys.session(sessionId)));
    },
    async deleteUserSessions(userId) {
      const ids = (await allSessions(store)).filter((s) => s.patronId === userId).map((s) => s.id);
      await write((tx) => ids.forEach((id) => tx.remove(keys.session(id))));
    },
    async deleteExpiredSessions() {
      const ids = (await allSessions(store)).filter(isIdle).map((s) => s.id);
      await write((tx) => ids.forEach((id) => tx.remove(keys.session(id))));
    },
  };
}
