/**
 * The writes a server answer leaves behind (the snapshot kept, who logged in noted), collected
 * while the SW decides what to hand the page and finished after it has: the page does not wait
 * for IndexedDB. A failed write is nobody's error here (the next answer writes again). Pure.
 */
export class KeptWork {
  private readonly work: Array<Promise<unknown>> = [];

  readonly keep = (work: Promise<unknown>): void => {
    this.work.push(work.catch(() => undefined));
  };

  /** Settles once every kept write has (failed ones too), after running `next` (an OK answer's replay). */
  done(next?: () => void): Promise<void> {
    return Promise.all(this.work).then(() => next?.());
  }
}
