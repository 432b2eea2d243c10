/**
 * Attempt throttling for login, password issuance and the current password on パスワード変更. Two
 * kinds of scope (e.g. a card number, a device on a card, a client address):
 * - **lock**: N failures within a window lock the scope for a while; a locked scope refuses every
 *   attempt, right or wrong, until the lock ends (429 too_many_attempts with Retry-After). For a
 *   secret's owner: a card (for devices that never logged in to it), a known device, a patron.
 * - **spacing**: after N failures within the window, the scope's attempts are spaced out: each one
 *   takes the next free slot, 1 s after the previous slot and doubling per further failure, up
 *   to `maxDelayMs`; the answer waits for its slot (served, not refused). An attempt whose slot is
 *   further away than `maxDelayMs` (a burst) is refused with 429 and that wait as Retry-After, and
 *   reserves nothing. For a client address: a library's NAT or kiosk LAN is many patrons, so
 *   guessing from it is slowed, while a right password still gets in.
 *
 * Race-proof use: `beginAttempt` checks the scopes, reserves the slot and counts the attempt as a
 * failure in one store transaction *before* the (slow) password check, so parallel guesses cannot
 * slip past a limit; `attemptSucceeded` then takes the attempt back (and resets the scopes you
 * name). All times are on the library clock. A record expires from the store by itself (TTL, in
 * real time) once it can no longer refuse or delay anything.
 */
import type { IsoInstant } from '../../common/api.ts';
import { keys } from '../domain/records.ts';
import type { Store, Tx } from '../storage/store.ts';
import type { Policy } from '../policy/policy.ts';
import { refuse } from '../domain/refusal-error.ts';

export interface LockLimit {
  kind: 'lock';
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface SpacingLimit {
  kind: 'spacing';
  /** Failures within the window before attempts are spaced out. */
  freeFailures: number;
  windowMs: number;
  /** The largest gap between two slots, and the longest an attempt may wait for its slot. */
  maxDelayMs: number;
}

export type ThrottleLimit = LockLimit | SpacingLimit;

export interface ThrottleRecord {
  failures: IsoInstant[];
  lockedUntil: IsoInstant | null;
  /** Spacing: the earliest time of the next attempt's slot. */
  nextSlotAt?: IsoInstant | null;
}

export interface ThrottleScope {
  /** e.g. 'login-card', 'login-device', 'login-addr', 'issue-card'. */
  scope: string;
  id: string;
  limit: ThrottleLimit;
}

export interface Attempt {
  at: IsoInstant;
  scopes: ThrottleScope[];
}

/** The login limits of the policy (also used for other secrets: issuance, the current password). */
export function loginLimits(policy: Policy): { perCard: LockLimit; perAddress: SpacingLimit } {
  const t = policy.loginThrottle;
  const windowMs = t.windowMinutes * 60_000;
  return {
    perCard: { kind: 'lock', maxFailures: t.maxFailuresPerCard, windowMs, lockMs: t.lockMinutes * 60_000 },
    perAddress: { kind: 'spacing', freeFailures: t.maxFailuresPerAddress, windowMs, maxDelayMs: t.addressDelayMaxSeconds * 1000 },
  };
}

/** Seconds until the lock ends (0 = not locked). Pure. */
export function lockSecondsLeft(record: ThrottleRecord | null, now: Date): number {
  if (!record?.lockedUntil) return 0;
  const ms = Date.parse(record.lockedUntil) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

function recentFailures(record: ThrottleRecord | null, windowMs: number, t: number): IsoInstant[] {
  return (record?.failures ?? []).filter((f) => t - Date.parse(f) < windowMs);
}

/** The lock record after one more failure at `now`. Pure. */
export function withFailure(record: ThrottleRecord | null, limit: LockLimit, now: Date): ThrottleRecord {
  const t = now.getTime();
  // A lock that has run out starts the count afresh.
  const expired = record?.lockedUntil != null && Date.parse(record.lockedUntil) <= t;
  const failures = [...(expired ? [] : recentFailures(record, limit.windowMs, t)), now.toISOString()];
  const lockedUntil = failures.length >= limit.maxFailures ? new Date(t + limit.lockMs).toISOString() : expired ? null : (record?.lockedUntil ?? null);
  return { failures, lockedUntil };
}

/** The gap a spacing scope puts after a slot when `recent` failures are in its window: 0, then 1 s doubling. Pure. */
export function spacingStepMs(recent: number, limit: SpacingLimit): number {
  if (recent < limit.freeFailures) return 0;
  return Math.min(limit.maxDelayMs, 1000 * 2 ** Math.min(recent - limit.freeFailures, 30));
}

export type SpacingDecision =
  | { refuse: false; waitMs: number; record: ThrottleRecord }
  | { refuse: true; waitMs: number };

/** One attempt on a spacing scope at `now`: its wait and the record with its slot and failure, or a refusal. Pure. */
export function spacedAttempt(record: ThrottleRecord | null, limit: SpacingLimit, now: Date): SpacingDecision {
  const t = now.getTime();
  const recent = recentFailures(record, limit.windowMs, t);
  const next = record?.nextSlotAt ? Date.parse(record.nextSlotAt) : t;
  const slot = recent.length >= limit.freeFailures ? Math.max(t, next) : t;
  const waitMs = slot - t;
  if (waitMs > limit.maxDelayMs) return { refuse: true, waitMs };
  const step = spacingStepMs(recent.length, limit);
  return {
    refuse: false,
    waitMs,
    record: { failures: [...recent, now.toISOString()], lockedUntil: null, nextSlotAt: step > 0 ? new Date(slot + step).toISOString() : null },
  };
}

async function read(tx: Tx, s: ThrottleScope): Promise<ThrottleRecord | null> {
  return tx.get<ThrottleRecord>(keys.throttle(s.scope, s.id));
}

/** How long a record of `limit` can matter: failures count for the window, then a lock or a slot. */
export function recordTtlSeconds(limit: ThrottleLimit): number {
  const after = limit.kind === 'lock' ? limit.lockMs : limit.maxDelayMs;
  return Math.ceil((limit.windowMs + after) / 1000);
}

function write(tx: Tx, s: ThrottleScope, record: ThrottleRecord): void {
  tx.set(keys.throttle(s.scope, s.id), record, { ttlSeconds: recordTtlSeconds(s.limit) });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Refuses (429, Retry-After) when a lock scope is locked or a spacing scope's slot is too far;
 * otherwise counts this attempt as a failure in every scope, reserves its slots, and returns once
 * the latest slot has come (a real-time wait of at most the spacing's maxDelayMs). Call
 * `attemptSucceeded` when the secret turns out right.
 */
export async function beginAttempt(store: Store, now: Date, scopes: ThrottleScope[]): Promise<Attempt> {
  const outcome = await store.transaction(async (tx) => {
    const records = await tx.getMany<ThrottleRecord>(scopes.map((s) => keys.throttle(s.scope, s.id)));
    let locked = 0;
    scopes.forEach((s, i) => {
      if (s.limit.kind === 'lock') locked = Math.max(locked, lockSecondsLeft(records[i]!, now));
    });
    if (locked > 0) return { refuseSeconds: locked, waitMs: 0 };
    let waitMs = 0;
    const writes: [ThrottleScope, ThrottleRecord][] = [];
    for (const [i, s] of scopes.entries()) {
      if (s.limit.kind === 'lock') {
        writes.push([s, withFailure(records[i]!, s.limit, now)]);
        continue;
      }
      const decision = spacedAttempt(records[i]!, s.limit, now);
      if (decision.refuse) return { refuseSeconds: Math.ceil(decision.waitMs / 1000), waitMs: 0 };
      waitMs = Math.max(waitMs, decision.waitMs);
      writes.push([s, decision.record]);
    }
    for (const [s, record] of writes) write(tx, s, record);
    return { refuseSeconds: 0, waitMs };
  });
  if (outcome.refuseSeconds > 0) throwTooManyAttempts(outcome.refuseSeconds);
  if (outcome.waitMs > 0) await sleep(outcome.waitMs);
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
      const lockedUntil = s.limit.kind === 'lock' && failures.length >= s.limit.maxFailures ? rec.lockedUntil : null;
      const nextSlotAt = rec.nextSlotAt ?? null;
      if (failures.length === 0 && !lockedUntil && !nextSlotAt) tx.remove(key);
      else write(tx, s, { failures, lockedUntil, ...(nextSlotAt ? { nextSlotAt } : {}) });
    }
  });
}

export function throwTooManyAttempts(retryAfterSeconds: number): never {
  refuse({ code: 'too_many_attempts', retryAfterSeconds });
}
