/**
 * @module storage/sqlite-writer
 * The main-thread side of the SQLite writer thread: `write(batch)` resolves when the batch committed,
 * with the events that were refused (by index). An event that cannot even be cloned to the thread
 * (nesting deeper than the structured-clone stack) is refused here and its neighbours still go.
 */
import { Worker } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { VigilError } from '@vigil/contracts';
import type { TenantEvent } from './event-store.ts';
import { storageUnavailable } from './storage-errors.ts';
import { isEventError, rejectionText, type AppendRejection } from './write-isolation.ts';

/** Events per message to the thread (see `write`). */
const PART = 2000;

interface Reply {
  seq?: number;
  ok?: boolean;
  error?: string;
  code?: string;
  rejected?: AppendRejection[];
}

interface Pending {
  resolve: (rejected: AppendRejection[]) => void;
  reject: (e: Error) => void;
}

/** Sends batches to a writer thread on the same database file. */
export class SqliteWriterThread {
  private readonly worker: Worker;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private failed: Error | null = null;
  private readonly inflight = new Set<Promise<unknown>>();


  constructor(file: string, synchronous: 'normal' | 'full') {
    this.worker = new Worker(new URL('./sqlite-writer.worker.js', import.meta.url), { workerData: { file, synchronous } });
    this.worker.on('message', (m: Reply) => {
      if (m.seq === undefined) return;
      const p = this.pending.get(m.seq);
      this.pending.delete(m.seq);
      if (m.ok) p?.resolve(m.rejected ?? []);
      else {
        const err = Object.assign(new Error(`SQLite write failed: ${m.error}`), { code: m.code });
        p?.reject(storageUnavailable(err) ?? err);
      }
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`SQLite writer thread exited with code ${code}`));
    });
  }

  private fail(err: Error): void {
    // Without its writer thread the store cannot write: an outage (503), not a bad request.
    this.failed = new VigilError('VIGIL_ERR_UNAVAILABLE', `The event store's writer stopped: ${err.message}`, { retryAfter: 5 });
    for (const p of this.pending.values()) p.reject(this.failed);
    this.pending.clear();
  }

  /**
   * Writes a batch in one transaction on the writer thread; answers the refused events by index.
   * The batch crosses in parts of `PART` events, one per event-loop turn: cloning 10,000 events at once
   * blocks the main thread for ~60 ms (more on a busy machine), long enough to delay health checks.
   */
  async write(batch: readonly TenantEvent[]): Promise<AppendRejection[]> {
    if (this.failed) throw this.failed;
    const seq = ++this.seq;
    const refused: AppendRejection[] = [];
    // sent[k] = batch index of the k-th event the thread receives (null: all were sent, in order).
    let sent: number[] | null = null;
    const done = new Promise<AppendRejection[]>((resolve, reject) => this.pending.set(seq, { resolve, reject }));
    this.inflight.add(done);
    done.then(() => this.inflight.delete(done), () => this.inflight.delete(done));
    try {
      for (let from = 0; from < batch.length; from += PART) {
        if (from > 0) await nextTurn();
        if (this.failed) throw this.failed;
        const part = batch.slice(from, from + PART);
        const final = from + PART >= batch.length;
        const msg = { seq, part: !final, tenantIds: part.map((b) => b.tenantId), events: part.map((b) => b.event) };
        try {
          this.worker.postMessage(msg);
          if (sent) for (let i = 0; i < part.length; i++) sent.push(from + i);
        } catch (err) {
          if (!isEventError(err)) throw err;
          // Rare path: find the events that cannot cross to the thread and send the rest of this part.
          sent ??= Array.from({ length: from }, (_, i) => i);
          const keep: number[] = [];
          for (let i = 0; i < part.length; i++) {
            try {
              structuredClone(part[i]!.event);
              keep.push(i);
            } catch (e) {
              refused.push({ index: from + i, error: rejectionText(e) });
            }
          }
          this.worker.postMessage({ seq, part: !final, tenantIds: keep.map((i) => msg.tenantIds[i]!), events: keep.map((i) => msg.events[i]!) });
          for (const i of keep) sent.push(from + i);
        }
      }
    } catch (err) {
      // The thread holds the parts sent so far under this seq; it drops them when told.
      this.pending.delete(seq);
      this.worker.postMessage({ seq, abort: true });
      throw err;
    }
    const rejected = await done;
    if (!sent && !refused.length) return rejected;
    for (const r of rejected) refused.push({ index: sent ? sent[r.index]! : r.index, error: r.error });
    return refused.sort((a, b) => a.index - b.index);
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
