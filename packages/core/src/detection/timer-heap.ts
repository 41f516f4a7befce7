/**
 * @module detection/timer-heap
 * A binary min-heap of (deadline, group): the watermark pops only the groups that are due, so a
 * rule with 100k idle groups costs nothing per batch. Entries may be stale (the group moved on or was
 * evicted); the engine checks each popped entry against the group before acting.
 */

/** Deadlines and their items as parallel arrays. */
export class TimerHeap<T> {
  private readonly d: number[] = [];
  private readonly k: T[] = [];

  get size(): number {
    return this.d.length;
  }

  /** The smallest deadline, or null when empty. */
  peek(): number | null {
    return this.d.length ? this.d[0]! : null;
  }

  push(deadline: number, key: T): void {
    const d = this.d;
    const k = this.k;
    let i = d.push(deadline) - 1;
    k.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (d[p]! <= deadline) break;
      d[i] = d[p]!;
      k[i] = k[p]!;
      i = p;
    }
    d[i] = deadline;
    k[i] = key;
  }

  /** Removes the smallest entry and answers its item (call only when not empty). */
  pop(): T {
    const d = this.d;
    const k = this.k;
    const top = k[0]!;
    const lastD = d.pop()!;
    const lastK = k.pop()!;
    const n = d.length;
    if (n) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && d[c + 1]! < d[c]!) c++;
        if (d[c]! >= lastD) break;
        d[i] = d[c]!;
        k[i] = k[c]!;
        i = c;
      }
      d[i] = lastD;
      k[i] = lastK;
    }
    return top;
  }
}
