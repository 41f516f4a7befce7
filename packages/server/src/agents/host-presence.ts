/**
 * @module agents/host-presence
 * When each host was last heard of, kept in memory and written in one transaction every few seconds:
 * with thousands of hosts a row update per heartbeat and batch would be the busiest writer of the
 * database. Readers (host list, status sweeper) lay the unflushed values over the stored ones.
 */
import type { HostsRepo, PresenceUpdate } from './hosts-repo.ts';

/** Hosts per presence transaction. */
const CHUNK = 500;

/** The pending presence of every host heard of since the last flush. */
export class HostPresence {
  private pending = new Map<string, PresenceUpdate>();
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly repo: HostsRepo, private readonly onError: (err: unknown) => void) {}

  /** Records that a host was heard of; fields left out keep their stored value. */
  touch(hostId: string, u: PresenceUpdate): void {
    const prev = this.pending.get(hostId);
    this.pending.set(hostId, prev ? { ...prev, ...Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined)) } : u);
    this.seen.set(hostId, Math.max(this.seen.get(hostId) ?? 0, u.at));
  }

  /** The newest time a host was heard of by this process (flushed or not), if any. */
  lastSeen(hostId: string): number | undefined {
    return this.seen.get(hostId);
  }

  /** Forgets a host (deleted). */
  forget(hostId: string): void {
    this.pending.delete(hostId);
    this.seen.delete(hostId);
  }

  /** Writes what is pending. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.pending.size) return;
      const all = [...this.pending];
      this.pending = new Map();
      // In transactions of CHUNK hosts: one of 10,000 updates held the event loop (and the write lock)
      // for hundreds of milliseconds every flush; between chunks requests are answered.
      for (let i = 0; i < all.length; i += CHUNK) {
        const batch = new Map(all.slice(i, i + CHUNK));
        await this.repo.recordPresence(batch).catch((err) => {
          // Keep what failed for the next flush, under anything newer.
          for (const [k, v] of batch) if (!this.pending.has(k)) this.pending.set(k, v);
          this.onError(err);
        });
      }
    });
    return this.flushing;
  }

  /** Flushes every `ms`. */
  start(ms: number): void {
    this.timer = setInterval(() => void this.flush(), ms);
    this.timer.unref();
  }

  /** Stops the timer and writes what is pending. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}
