/**
 * The idle clock without a durable write per request. Each authenticated request records "seen at
 * <library time>" here, in memory; every FLUSH_EVERY_MS the sessions seen since the last flush get
 * their `lastSeenAt` written in batched store transactions (which also renew their TTL), and once
 * more when the server stops. The idle check takes the later of the stored and the in-memory time.
 *
 * The bound: on the instance that served a session's requests the idle timeout is exact; another
 * instance (Redis), or this one after a restart, sees `lastSeenAt` at most one flush interval old,
 * so the session may end up to FLUSH_EVERY_MS early there — never late.
 * A flush never brings back a session that ended meanwhile: it reads each record in its
 * transaction and skips the ones that are gone.
 */
import { keys } from '../domain/records.ts';
import type { Store } from '../storage/store.ts';
import type { SessionRecord, SessionTtl } from './session-store.ts';

export const FLUSH_EVERY_MS = 5_000;
/** Sessions per flush transaction (one getMany and up to this many writes). */
export const FLUSH_CHUNK = 500;

const later = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);

export class SessionActivity {
  /** Session id → latest request time (ISO, library clock) not yet flushed. */
  private readonly seen = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<number> | null = null;

  constructor(
    private readonly store: Store,
    private readonly ttl: SessionTtl,
    private readonly everyMs = FLUSH_EVERY_MS,
  ) {}

  /** The session's last request time: the stored one or a later one this instance has seen. */
  lastSeenAt(session: SessionRecord): string {
    return later(session.lastSeenAt, this.seen.get(session.id));
  }

  touch(sessionId: string, at: string): void {
    this.seen.set(sessionId, later(at, this.seen.get(sessionId)));
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush().catch(() => undefined), this.everyMs);
      this.timer.unref();
    }
  }

  /** How many sessions wait for the next flush. */
  get pending(): number {
    return this.seen.size;
  }

  /** Writes the pending times; returns how many sessions were written. One flush at a time. */
  flush(): Promise<number> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writePending(): Promise<number> {
    const entries = [...this.seen];
    let written = 0;
    for (let i = 0; i < entries.length; i += FLUSH_CHUNK) {
      const chunk = entries.slice(i, i + FLUSH_CHUNK);
      written += await this.store.transaction(async (tx) => {
        const records = await tx.getMany<SessionRecord>(chunk.map(([id]) => keys.session(id)));
        let n = 0;
        records.forEach((s, j) => {
          const at = chunk[j]![1];
          if (!s || at <= s.lastSeenAt) return;
          tx.set(keys.session(s.id), { ...s, lastSeenAt: at }, { ttlSeconds: this.ttl(s.kiosk) });
          n += 1;
        });
        return n;
      });
      // Forget what was written, unless a later request came in meanwhile.
      for (const [id, at] of chunk) if (this.seen.get(id) === at) this.seen.delete(id);
    }
    return written;
  }

  /** Flushes what is pending and stops the timer (at shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    if (this.seen.size > 0) await this.flush();
  }
}
