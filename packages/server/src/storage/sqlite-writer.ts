/**
 * @module storage/sqlite-writer
 * The main-thread side of the SQLite writer thread: `write(batch)` resolves when the batch committed.
 */
import { Worker } from 'node:worker_threads';
import type { TenantEvent } from './event-store.ts';

/** Sends batches to a writer thread on the same database file. */
export class SqliteWriterThread {
  private readonly worker: Worker;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;
  private readonly inflight = new Set<Promise<void>>();

  constructor(file: string, synchronous: 'normal' | 'full') {
    this.worker = new Worker(new URL('./sqlite-writer.worker.js', import.meta.url), { workerData: { file, synchronous } });
    this.worker.on('message', (m: { seq?: number; ok?: boolean; error?: string }) => {
      if (m.seq === undefined) return;
      const p = this.pending.get(m.seq);
      this.pending.delete(m.seq);
      if (m.ok) p?.resolve();
      else p?.reject(new Error(`SQLite write failed: ${m.error}`));
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`SQLite writer thread exited with code ${code}`));
    });
  }

  private fail(err: Error): void {
    this.failed = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Writes a batch in one transaction on the writer thread. */
  write(batch: readonly TenantEvent[]): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = ++this.seq;
    const p = new Promise<void>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.worker.postMessage({ seq, tenantIds: batch.map((b) => b.tenantId), events: batch.map((b) => b.event) });
    });
    this.inflight.add(p);
    const done = () => this.inflight.delete(p);
    p.then(done, done);
    return p;
  }

  /** Waits for pending writes, then closes the thread's connection. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
    if (!this.failed) {
      await new Promise<void>((r) => {
        this.worker.once('message', () => r());
        this.worker.postMessage({ close: true });
      });
    }
    await this.worker.terminate();
  }
}
