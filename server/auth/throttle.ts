/**
 * Attempt throttling for login and password issuance: per scope (e.g. a card number, a client
 * address), N failures within a window lock that scope for a while; a locked scope refuses every
 * attempt, right or wrong, until the lock ends (429 too_many_attempts with Retry-After).
 *
 * Race-proof use: `beginAttempt` checks the locks and counts the attempt as a failure in one
 * store transaction *before* the (slow) password check, so parallel guesses cannot slip past the
 * limit; `attemptSucceeded` then takes the attempt back (and resets the scopes you name).
 * All times are on the library clock. A record expires from the store by itself (TTL: its window
 * plus its lock, in real time) once it can no longer refuse anything.
 */
import type { IsoInstant } from '../../common/api.ts';
import { keys } from '../domain/records.ts';
import type { Store, Tx } from '../storage/store.ts';
import type { Policy } from '../policy/policy.ts';
import { apiError } from '../http/errors.ts';

export interface ThrottleLimit {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface ThrottleRecord {
  failures: IsoInstant[];
  lockedUntil: IsoInstant | null;
}

export interface ThrottleScope {
  /** e.g. 'login-card', 'login-addr', 'issue-card'. */
  scope: string;
  id: string;
  limit: ThrottleLimit;
}

export interface Attempt {
  at: IsoInstant;
  scopes: ThrottleScope[];
}

/** The login limits of the policy (also a sensible default for other secrets, e.g. issuance). */
export function loginLimits(policy: Policy): { perCard: ThrottleLimit; perAddress: ThrottleLimit } {
  const t = policy.loginThrottle;
  const windowMs = t.windowMinutes * 60_000;
  const lockMs = t.lockMinutes * 60_000;
  return {
    perCard: { maxFailures: t.maxFailuresPerCard, windowMs, lockMs },
    perAddress: { maxFailures: t.maxFailuresPerAddress, windowMs, lockMs },
  };
}

/** Seconds until the lock ends (0 = not locked). Pure. */
export function lockSecondsLeft(record: ThrottleRecord | null, now: Date): number {
  if (!record?.lockedUntil) return 0;
  const ms = Date.parse(record.lockedUntil) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** The record after one more failure at `now`. Pure. */
export function withFailure(record: ThrottleRecord | null, limit: ThrottleLimit, now: Date): ThrottleRecord {
  const t = now.getTime();
  // A lock that has run out starts the count afresh.
  const expired = record?.lockedUntil != null && Date.parse(record.lockedUntil) <= t;
  const recent = expired ? [] : (record?.failures ?? []).filter((f) => t - Date.parse(f) < limit.windowMs);
  const failures = [...recent, now.toISOString()];
  const lockedUntil = failures.length >= limit.maxFailures ? new Date(t + limit.lockMs).toISOString() : expired ? null : (record?.lockedUntil ?? null);
  return { failures, lockedUntil };
}

async function read(tx: Tx, s: ThrottleScope): Promise<ThrottleRecord | null> {
  return tx.get<ThrottleRecord>(keys.throttle(s.scope, s.id));
}

/** How long a record of `limit` can matter: failures count for the window, a lock lasts lockMs. */
export function recordTtlSeconds(limit: ThrottleLimit): number {
  return Math.ceil((limit.windowMs + limit.lockMs) / 1000);
}

function write(tx: Tx, s: ThrottleScope, record: ThrottleRecord): void {
  tx.set(keys.throttle(s.scope, s.id), record, { ttlSeconds: recordTtlSeconds(s.limit) });
}

/**
 * Refuses (429, Retry-After) when any scope is locked; otherwise counts this attempt as a failure
 * in every scope. Call `attemptSucceeded` when the secret turns out right.
 */
export async function beginAttempt(store: Store, now: Date, scopes: ThrottleScope[]): Promise<Attempt> {
  const locked = await store.transaction(async (tx) => {
    let wait = 0;
    for (const s of scopes) wait = Math.max(wait, lockSecondsLeft(await read(tx, s), now));
    if (wait > 0) return wait;
    for (const s of scopes) write(tx, s, withFailure(await read(tx, s), s.limit, now));
    return 0;
  });
  if (locked > 0) throwTooManyAttempts(locked);
  return { at: now.toISOString(), scopes };
}

/** Takes the attempt back; scopes named in `reset` (e.g. the card) forget all their failures. */
export async function attemptSucceeded(store: Store, attempt: Attempt, reset: string[] = []): Promise<void> {
  await store.transaction(async (tx) => {
    for (const s of attempt.scopes) {
      const key = keys.throttle(s.scope, s.id);
      if (reset.includes(s.scope)) {
        tx.remove(key);
        continue;
      }
      const rec = await read(tx, s);
      if (!rec) continue;
      const failures = rec.failures.filter((f) => f !== attempt.at);
      const lockedUntil = failures.length >= s.limit.maxFailures ? rec.lockedUntil : null;
      if (failures.length === 0 && !lockedUntil) tx.remove(key);
      else write(tx, s, { failures, lockedUntil });
    }
  });
}

export function throwTooManyAttempts(retryAfterSeconds: number): never {
  apiError(429, 'too_many_attempts', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
    fields: { retryAfterSeconds },
  });
}
