/**
 * @module agents/write-coalescer
 * Group commit for the agent path: requests hand their rows in and wait; one flush writes everything
 * that arrived since the last one. With thousands of hosts each sending every 10 s, one SQLite
 * transaction per request (metric points, batch ids) would make the main connection and the event
 * writer thread fight for the write lock hundreds of times a second; a flush every few milliseconds
 * takes it a handful of times.
 */

/** Coalesces `add` calls into `flush(items)` calls, one at a time. */
export class WriteCoalescer<T> {
  private pending: { items: T[]; waiters: { resolve: () => void; reject: (err: unknown) => void }[] } = { items: [], waiters: [] };
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly flush: (items: T[]) => Promise<void>, private readonly delayMs = 5) {}

  /** Adds items; resolves once they are written (rejects when their flush failed). */
  add(items: readonly T[]): Promise<void> {
    if (!items.length) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.items.push(...items);
      this.pending.waiters.push({ resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const batch = this.pending;
      this.pending = { items: [], waiters: [] };
      this.running = this.flush(batch.items).then(
        () => batch.waiters.forEach((w) => w.resolve()),
        (err: unknown) => batch.waiters.forEach((w) => w.reject(err)),
      ).finally(() => {
        this.running = null;
        if (this.pending.items.length) this.schedule();
      });
    }, this.delayMs);
  }

  /** Waits for what is pending. */
  async drain(): Promise<void> {
    while (this.running || this.timer || this.pending.items.length) {
      if (this.running) await this.running;
      else await new Promise((r) => setTimeout(r, this.delayMs));
    }
  }
}
