/**
 * Brings data written by the previous version of the server (layout 1: unstorage `setItem`, a redo
 * journal, a lock key on Redis) to this layout, once, at the first start; then `sys:format` = 2.
 *
 * - `sys:journal` is deleted, never replayed. It is what a v1 commit interrupted by a crash left
 *   behind: that commit was never acknowledged, and by now newer acknowledged writes may cover the
 *   same keys (another instance kept running). Its keys are logged. `sys:lock` (v1's Redis lock)
 *   goes too.
 * - `card:` and `barcode:` values were stored raw by unstorage (a string as itself, which read back
 *   as a number when it looked like one); they become JSON strings like every value now.
 * - v1 sessions join their patron's `sessions-of:` index (so a password change still ends them)
 *   and get a TTL; idempotency answers and throttle records get a TTL.
 * - every hold gets its `hold:<id>` index entry.
 *
 * Each step can run again (a crash mid-upgrade, two instances starting at once). Stop every v1
 * instance before starting this version: v1's lock does not keep out this version's commits.
 */
import type { Log } from '../log.ts';
import { keys, type PatronRecord } from '../domain/records.ts';
import type { SessionRecord } from '../auth/session-store.ts';
import { ANSWER_TTL_SECONDS } from '../rules/idempotency.ts';
import type { Store } from './store.ts';
import type { Write } from './engine.ts';

export const FORMAT_KEY = 'sys:format';
export const FORMAT = 2;
const V1_JOURNAL = 'sys:journal';
const V1_LOCK = 'sys:lock';
/** Generous lifetimes for v1 records whose own rule (idle timeout, throttle window) decides sooner. */
const V1_SESSION_TTL_MS = 24 * 60 * 60 * 1000;
const V1_THROTTLE_TTL_MS = 24 * 60 * 60 * 1000;

/** Unconditional writes (no reads to check): each step's writes are right whatever was there. */
async function put(store: Store, writes: Write[]): Promise<void> {
  if (writes.length > 0) await store.engine.commit(store.engine.begin(1), writes);
}

async function eachPage(store: Store, prefix: string, fn: (keys: string[], raws: (string | null)[]) => Promise<void>): Promise<void> {
  for await (const page of store.engine.scanEntries(prefix, 500)) await fn(page.map(([k]) => k), page.map(([, raw]) => raw));
}

export async function upgradeFromV1(store: Store, log: Log): Promise<void> {
  const format = await store.get<number>(FORMAT_KEY);
  if (format === FORMAT) return;
  if (format !== null) throw new Error(`store: data layout ${format} is newer than this server's (${FORMAT})`);
  let empty = true;
  for await (const page of store.scan('', { pageSize: 1 })) if (page.length > 0) empty = false;
  if (!empty) await upgrade(store, log);
  await put(store, [{ key: FORMAT_KEY, raw: JSON.stringify(FORMAT), ttlMs: null }]);
}

async function upgrade(store: Store, log: Log): Promise<void> {
  const [journal] = await store.engine.readMany([V1_JOURNAL]);
  if (journal) {
    let left = '?';
    try {
      left = (JSON.parse(journal) as { key: string }[]).map((w) => w.key).join(', ');
    } catch {
      // A journal that is not even JSON: nothing to name.
    }
    log.warn(`store upgrade: discarded an interrupted commit of the previous version (never acknowledged): ${left}`);
  }
  await put(store, [V1_JOURNAL, V1_LOCK].map((key) => ({ key, raw: null, ttlMs: null })));

  for (const prefix of ['card:', 'barcode:']) {
    await eachPage(store, prefix, (page, raws) =>
      put(
        store,
        page.flatMap((key, i) => {
          const raw = raws[i];
          return raw != null && !raw.startsWith('"') ? [{ key, raw: JSON.stringify(raw), ttlMs: null }] : [];
        }),
      ),
    );
  }
  for (const [prefix, ttlMs] of [
    ['idem:', ANSWER_TTL_SECONDS * 1000],
    ['throttle:', V1_THROTTLE_TTL_MS],
  ] as const) {
    await eachPage(store, prefix, (page, raws) => put(store, page.flatMap((key, i) => (raws[i] != null ? [{ key, raw: raws[i]!, ttlMs }] : []))));
  }

  for await (const page of store.scan('session:', { pageSize: 500 })) {
    // A transaction: a session created meanwhile by an upgraded instance is not lost from its index.
    await store.transaction(async (tx) => {
      const sessions = (await tx.getMany<SessionRecord>(page)).filter((s): s is SessionRecord => s !== null);
      const patronIds = [...new Set(sessions.map((s) => s.patronId))];
      const indexes = await tx.getMany<string[]>(patronIds.map((id) => keys.sessionsOf(id)));
      patronIds.forEach((patronId, i) => {
        const listed = new Set(indexes[i] ?? []);
        const joining = sessions.filter((s) => s.patronId === patronId && !listed.has(s.id));
        if (joining.length === 0) return;
        for (const s of joining) tx.set(keys.session(s.id), s, { ttlSeconds: V1_SESSION_TTL_MS / 1000 });
        tx.set(keys.sessionsOf(patronId), [...listed, ...joining.map((s) => s.id)]);
      });
    });
  }

  for await (const page of store.scanValues<PatronRecord>('patron:', { pageSize: 500 })) {
    await put(
      store,
      page.flatMap(([, p]) => p.holds.map((h) => ({ key: keys.holdOwner(h.id), raw: JSON.stringify(p.id), ttlMs: null }))),
    );
  }
  log.info('store upgrade: data of the previous version brought to layout 2');
}
