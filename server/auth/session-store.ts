/**
 * Sessions as store records and the lucia adapter over them.
 *
 *   session:<id>            SessionRecord, with a TTL a little longer than its idle timeout (so a
 *                           session nobody ends disappears by itself; the idle rule itself is
 *                           sessions.ts's, on the library clock)
 *   sessions-of:<patronId>  the ids of the patron's sessions: "end my other sessions" and lucia's
 *                           getUserSessions / deleteUserSessions read it instead of scanning
 *
 * The index is written in the same transaction as the session, so a password change that ends the
 * other sessions conflicts with (and then sees) a session being created meanwhile. Ids whose
 * session expired by TTL are dropped from the index the next time the patron's sessions change.
 * A session record is one JSON object: later rules (a credential generation, an absolute
 * lifetime) are new fields, and code that copies a record (`{ ...s, lastSeenAt }`) keeps them.
 */
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { IsoInstant } from '../../common/api.ts';
import { keys } from '../domain/records.ts';
import type { Store, Tx } from '../storage/store.ts';

export interface SessionRecord {
  id: string;
  patronId: string;
  createdAt: IsoInstant;
  /** Last authenticated request, on the library clock (sessions.ts keeps recent ones in memory). */
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

/** lucia's session ids: 25 random bytes in lower-case base32, no padding. Anything else is not ours. */
export const SESSION_ID = /^[a-z2-7]{40}$/;

/** How long (seconds) a stored session outlives its last flushed request: housekeeping, not the rule. */
export const SESSION_TTL_SLACK_SECONDS = 5 * 60;

/** The TTL for a session: its idle timeout plus slack. */
export type SessionTtl = (kiosk: boolean) => number;

/** Writes `record` and adds it to its patron's index, dropping ids whose session has expired. */
export async function saveSession(tx: Tx, record: SessionRecord, ttlSeconds: number): Promise<void> {
  const indexKey = keys.sessionsOf(record.patronId);
  const listed = ((await tx.get<string[]>(indexKey)) ?? []).filter((id) => id !== record.id);
  const alive = await tx.getMany<SessionRecord>(listed.map((id) => keys.session(id)));
  tx.set(indexKey, [...listed.filter((_, i) => alive[i] !== null), record.id]);
  tx.set(keys.session(record.id), record, { ttlSeconds });
}

/** Removes one session and its index entry. */
export async function removeSession(tx: Tx, sessionId: string): Promise<void> {
  const session = await tx.get<SessionRecord>(keys.session(sessionId));
  if (!session) return;
  tx.remove(keys.session(sessionId));
  const indexKey = keys.sessionsOf(session.patronId);
  const rest = ((await tx.get<string[]>(indexKey)) ?? []).filter((id) => id !== sessionId);
  if (rest.length > 0) tx.set(indexKey, rest);
  else tx.remove(indexKey);
}

/** Removes every session of the patron but `keep`; touches only this patron's records. Returns how many. */
export async function removePatronSessions(tx: Tx, patronId: string, keep?: string): Promise<number> {
  const indexKey = keys.sessionsOf(patronId);
  const listed = (await tx.get<string[]>(indexKey)) ?? [];
  const ending = listed.filter((id) => id !== keep);
  for (const id of ending) tx.remove(keys.session(id));
  if (keep !== undefined && listed.includes(keep)) tx.set(indexKey, [keep]);
  else tx.remove(indexKey);
  return ending.length;
}

/** The patron's live sessions, through the index. */
export async function patronSessions(store: Pick<Store, 'get' | 'getMany'>, patronId: string): Promise<SessionRecord[]> {
  const ids = (await store.get<string[]>(keys.sessionsOf(patronId))) ?? [];
  const found = await store.getMany<SessionRecord>(ids.map((id) => keys.session(id)));
  return found.filter((s): s is SessionRecord => s !== null);
}

function toDatabaseSession(s: SessionRecord): DatabaseSession {
  return {
    id: s.id,
    userId: s.patronId,
    expiresAt: new Date(s.expiresAt),
    attributes: { createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, kiosk: s.kiosk },
  };
}

export function createStoreAdapter(store: Store, ttl: SessionTtl): Adapter {
  const write = (fn: (tx: Tx) => Promise<unknown>) =>
    store.transaction(async (tx) => {
      await fn(tx);
    });
  return {
    async getSessionAndUser(sessionId) {
      const s = SESSION_ID.test(sessionId) ? await store.get<SessionRecord>(keys.session(sessionId)) : null;
      if (!s) return [null, null];
      const user: DatabaseUser = { id: s.patronId, attributes: {} };
      return [toDatabaseSession(s), user];
    },
    async getUserSessions(userId) {
      return (await patronSessions(store, userId)).map(toDatabaseSession);
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
      return write((tx) => saveSession(tx, record, ttl(record.kiosk)));
    },
    updateSessionExpiration(sessionId, expiresAt) {
      return write(async (tx) => {
        const s = await tx.get<SessionRecord>(keys.session(sessionId));
        if (s) tx.set(keys.session(sessionId), { ...s, expiresAt: expiresAt.toISOString() }, { ttlSeconds: ttl(s.kiosk) });
      });
    },
    deleteSession(sessionId) {
      if (!SESSION_ID.test(sessionId)) return Promise.resolve();
      return write((tx) => removeSession(tx, sessionId));
    },
    deleteUserSessions(userId) {
      return write((tx) => removePatronSessions(tx, userId));
    },
    // Sessions expire by themselves (TTL): there is nothing to sweep here.
    deleteExpiredSessions: () => Promise.resolve(),
  };
}
