/**
 * Group commit's fsync, off the event loop. With `synchronous=FULL` SQLite syncs the WAL inside
 * each commit, on the thread that commits — here the event loop, which then serves nobody for the
 * length of an fsync. Instead the committing connection runs with `synchronous=NORMAL` (its commits
 * only write the WAL; SQLite still syncs around checkpoints and WAL restarts) and the engine asks
 * this for an fdatasync of the WAL file in libuv's thread pool after each batch, answering the
 * batch's callers only when it has completed. At most one sync runs at a time; batches written
 * while it runs share the next one, so under load one sync covers many commits.
 *
 * What the caller is told is what FULL told it: an acknowledged commit is on disk. What differs:
 * between a batch's write and its sync, other requests of this process can already read it, so
 * after a power cut (not a `kill -9`: the page cache survives a process) a value shown but not yet
 * acknowledged can be gone. A write built on it is in the same WAL, later, so it is acknowledged
 * only once both are on disk. A sync that fails (an I/O error) fails the commits it covered (503),
 * though what they wrote stays readable: the one failed commit that is not invisible, on a disk
 * that is failing anyway.
 */
import { closeSync, fdatasync, openSync } from 'node:fs';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class WalSync {
  private fd: number | null = null;
  private waiting: Waiter[] = [];
  private running = false;
  /** Syncs completed (tests: an answer comes after one). */
  completed = 0;

  constructor(private readonly walPath: string) {}

  /** Settles once everything written to the WAL before this call is on disk (a sync that starts after it). */
  durable(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) this.next();
    });
  }

  /** After the syncs asked for so far (syncs run in order, so one more comes after them), the file is closed. */
  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private next(): void {
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) {
      this.running = false;
      return;
    }
    this.running = true;
    let fd: number;
    try {
      // Opened at the first sync: the WAL file exists once something has been committed.
      fd = this.fd ??= openSync(this.walPath, 'r');
    } catch (error) {
      for (const w of group) w.reject(error);
      this.next();
      return;
    }
    fdatasync(fd, (error) => {
      if (!error) this.completed += 1;
      for (const w of group) (error ? w.reject(error) : w.resolve());
      this.next();
    });
  }
}
