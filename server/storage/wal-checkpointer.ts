/**
 * SQLite's WAL checkpoints off the event loop. By default the connection that commits copies the
 * WAL into the database file itself, inside a commit, synchronously: in a large file the pages a
 * checkpoint writes are far apart, and it held the event loop (every request of the process) —
 * renewals at 100,000 patrons / 1,000,000 titles had a p99 of 126–431 ms with it, 41–107 ms without.
 * Here the committing connection never checkpoints (`wal_autocheckpoint = 0`); a worker thread with
 * a connection of its own runs a PASSIVE checkpoint every CHECKPOINT_PAUSE_MS, and SQLite starts the
 * WAL over at the first commit after a checkpoint that copied all of it. If the worker cannot run,
 * the connection checkpoints as before.
 */
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** The pause between two checkpoints of the worker (each copies what has been committed meanwhile). */
export const CHECKPOINT_PAUSE_MS = 250;
/** Pages in the WAL after which a connection checkpoints by itself (only while the worker is not running). */
export const AUTOCHECKPOINT_PAGES = 10_000;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(db: Database, warn: (message: string) => void): WalCheckpointer {
  const fallBack = (why: string) => {
    warn(`store: WAL checkpoints back on the committing connection (${why})`);
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  db.pragma('wal_autocheckpoint = 0');
  // tsx's `--import` hooks do not reach a worker's entry (Node 20): the entry registers tsx, then loads the .ts.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const body = JSON.stringify(new URL('./wal-checkpoint-worker.ts', import.meta.url).href);
  const worker = new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${body}); })`, {
    eval: true,
    workerData: { path: db.name, pauseMs: CHECKPOINT_PAUSE_MS },
  });
  worker.unref(); // a tool that forgets close() still exits
  let stopping = false;
  worker.on('message', (m: { failed?: string }) => {
    if (m.failed) warn(`store: WAL checkpoint failed: ${m.failed}`);
  });
  // An error ends the worker: the fall-back is decided once, when it exits.
  let failure = '';
  worker.on('error', (error) => (failure = error.message));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!stopping) fallBack(failure || `worker exited with ${code}`);
      resolve();
    }),
  );
  return {
    async stop() {
      stopping = true;
      worker.ref(); // the process waits for the worker's last checkpoint and its connection's close
      worker.postMessage('stop');
      await exited;
    },
  };
}
