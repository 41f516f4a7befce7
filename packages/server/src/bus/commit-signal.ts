/**
 * @module bus/commit-signal
 * "Something was committed": the store worker fires it after each write, log followers wait on it
 * instead of polling the database in a tight loop.
 */

/** A wake-up for log followers, with a generation so a commit between read and wait is never missed. */
export class CommitSignal {
  private gen = 0;
  private waiters: Array<() => void> = [];

  /** Bumps the generation and wakes every waiter. */
  fire(): void {
    this.gen++;
    for (const w of this.waiters.splice(0)) w();
  }

  /** The current generation. */
  get generation(): number {
    return this.gen;
  }

  /** Resolves when the generation moves past `seen`, or after `timeoutMs`. */
  wait(seen: number, timeoutMs: number): Promise<void> {
    if (this.gen !== seen) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      const t = setTimeout(done, timeoutMs);
      t.unref();
      this.waiters.push(done);
    });
  }
}
