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
 * A session record is one JSON object: code that copies a record (`{ ...s, lastSeenAt }`) keeps
 * every field.
 *
 * Credential generation: the patron record counts its password changes (`credentialGeneration`);
 * a session records the count it was created under. lucia's `setSession` writes a session only
 * if the patron's count is still the one the login's password check saw — in the same
 * transaction, so a login whose check ran before a concurrent password change gets no session
 * (and a change that commits after the session was written ends it through the index).
 */
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { IsoInstant } from '../../common/api.ts';
import { keys, type PatronRecord } from '../domain/records.ts';
import { refuse } from '../domain/refusal-error.ts';
import type { Store, Tx } from '../storage/store.ts';

export interface SessionRecord {
  id: string;
  patronId: string;
  createdAt: IsoInstant;
  /** Last authenticated request, on the library clock (sessions.ts keeps recent ones in memory). */
  lastSeenAt: IsoInstant;
  kiosk: boolean;
  /** The patron's credential generation at login (absent on records written before it = 0). */
  generation?: number;
  /** lucia's own (real-time) expiry; far away, our idle check ends sessions first. */
  expiresAt: IsoInstant;
}

export interface SessionAttributes {
  createdAt: IsoInstant;
  lastSeenAt: IsoInstant;
  kiosk: boolean;
  generation: number;
}

/** How many times the patron's password has changed (absent on older records = 0). */
export function credentialGeneration(patron: Pick<PatronRecord, 'credentialGeneration'>): number {
  return patron.credentialGeneration ?? 0;
}

/** Whether the session was created under the patron's current password. */
export function sessionMatchesPatron(session: Pick<SessionRecord, 'generation'>, patron: Pick<PatronRecord, 'credentialGeneration'>): boolean {
  return (session.generation ?? 0) === credentialGeneration(patron);
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

/**
 * A password change: every session of the patron but `keep` ends, and `keep` (the session that
 * made the change) moves to the new generation. Part of the change's transaction.
 */
export async function endSessionsForNewGeneration(tx: Tx, patronId: string, keep: string, generation: number, ttl: SessionTtl): Promise<void> {
  const kept = await tx.get<SessionRecord>(keys.session(keep));
  await removePatronSessions(tx, patronId, kept ? keep : undefined);
  if (kept) tx.set(keys.session(keep), { ...kept, generation }, { ttlSeconds: ttl(kept.kiosk) });
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
    attributes: { createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, kiosk: s.kiosk, generation: s.generation ?? 0 },
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
        generation: a.generation,
        expiresAt: session.expiresAt.toISOString(),
      };
      return write(async (tx) => {
        const patron = await tx.get<PatronRecord>(keys.patron(record.patronId));
        // The password the login checked is no longer the patron's (or the patron is gone): the
        // same answer as a wrong password, and nothing is written.
        if (!patron || !sessionMatchesPatron(record, patron)) refuse('invalid_credentials');
        await saveSession(tx, record, ttl(record.kiosk));
      });
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
