/**
 * When the renewal queue is sent ([docs/rules.md#offline](../docs/rules.md#offline)). Many things say "the server may be back" at nearly the
 * same moment — the app starting, `online`, focus, a successful API answer, the SW starting,
 * Background Sync — and a replay must never run twice at once (two runs reading the same queue
 * would send one entry twice). So:
 *  - one run at a time; a request made while a run is going gets one more run after it (it may
 *    have been made for something the running one did not see: a new entry, a new login);
 *  - requests made within `debounceMs` of the first one share one run (the delay counts from the
 *    first request, so a steady stream of requests cannot postpone the run for ever);
 *  - `now()` skips the delay (Background Sync: the browser already waited).
 * No I/O of its own: `run` does the work, and the timer functions can be replaced in tests.
 */

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Waiter<R> {
  resolve(result: R): void;
  reject(error: unknown): void;
}

export class ReplayScheduler<R> {
  private timer: { handle: unknown; at: 'soon' | 'now' } | null = null;
  private running = false;
  private waiting: Waiter<R>[] = [];
  /** The strongest request seen while a run was going: what the follow-up run should honour. */
  private followUp: 'soon' | 'now' | null = null;

  constructor(
    private readonly run: () => Promise<R>,
    private readonly debounceMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** A run within `debounceMs`, shared with every request made meanwhile; resolves with its result. */
  soon(): Promise<R> {
    return this.request('soon');
  }

  /** A run as soon as no other is going. */
  now(): Promise<R> {
    return this.request('now');
  }

  private request(when: 'soon' | 'now'): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (this.running) {
        this.followUp = this.followUp === 'now' || when === 'now' ? 'now' : 'soon';
        return;
      }
      this.arm(when);
    });
  }

  private arm(when: 'soon' | 'now'): void {
    if (this.timer) {
      // Already armed: keep the earlier deadline ("now" beats "soon").
      if (this.timer.at === 'now' || when === 'soon') return;
      this.timers.clearTimeout(this.timer.handle);
    }
    const handle = this.timers.setTimeout(() => this.start(), when === 'now' ? 0 : this.debounceMs);
    this.timer = { handle, at: when };
  }

  private start(): void {
    this.timer = null;
    this.running = true;
    const waiters = this.waiting.splice(0);
    let result: Promise<R>;
    try {
      result = this.run();
    } catch (error) {
      result = Promise.reject(error);
    }
    result
      .then(
        (value) => waiters.forEach((w) => w.resolve(value)),
        (error: unknown) => waiters.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        this.running = false;
        const next = this.followUp;
        this.followUp = null;
        if (next && this.waiting.length > 0) this.arm(next);
      });
  }
}
