/**
 * A cache of at most `maxBytes` (as `weigh` counts an entry), in two generations: entries go into
 * the young one; when it holds half the budget it becomes the old one and the previous old one is
 * dropped whole; a hit in the old generation moves the entry back to the young one. So a working set
 * of up to half the budget stays whole; a larger one, used round robin, loses part of itself to every
 * turn of the generations. Every operation is O(1) — no walk over the entries to find what to evict
 * (a walk from the front of a Map whose front was just deleted gets slower with every eviction).
 */
export class BoundedCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private youngBytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly weigh: (key: string, value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: string, value: V): void {
    this.old.delete(key);
    const previous = this.young.get(key);
    if (previous !== undefined) this.youngBytes -= this.weigh(key, previous);
    this.young.set(key, value);
    this.youngBytes += this.weigh(key, value);
    if (this.youngBytes > this.maxBytes / 2) {
      this.old = this.young;
      this.young = new Map();
      this.youngBytes = 0;
    }
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
    this.youngBytes = 0;
  }
}
