/**
 * The worker thread of wal-checkpointer.ts: its own connection to the SQLite file, a PASSIVE
 * checkpoint, a pause, again — until told to stop. PASSIVE copies what it can of the WAL into the
 * database file without waiting for or blocking the connection that commits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, pauseMs } = workerData as { path: string; pauseMs: number };
const db = new Database(path);
// The database file is synced before the WAL's frames count as copied: a crash mid-checkpoint loses nothing.
db.pragma('synchronous = FULL');

let timer: NodeJS.Timeout | null = null;
function checkpoint(): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort!.postMessage({ failed: (error as Error).message });
  }
  timer = setTimeout(checkpoint, pauseMs);
}
checkpoint();

parentPort!.on('message', (message) => {
  if (message !== 'stop') return;
  if (timer) clearTimeout(timer);
  db.close();
  parentPort!.close();
});
