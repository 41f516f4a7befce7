/**
 * @module storage/sqlite-writer
 * The main-thread side of the SQLite writer thread: `write(batch)` resolves when the batch committed,
 * with the events that were refused (by index). An event that cannot even be cloned to the thread
 * (nesting deeper than the structured-clone stack) is refused here and its neighbours still go.
 */
import { Worker } from 'node:worker_threads';
import { VigilError } from '@vigil/contracts';
import type { TenantEvent } from './event-store.ts';
import type { VigilEvent } from '@vigil/contracts';
import { storageUnavailable } from './storage-errors.ts';
import { isEventError, rejectionText, type AppendRejection } from './write-isolation.ts';

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

  /** Posts a job; throws (sending nothing) when an event cannot be cloned.  */
  private post(seq: number, tenantIds: string[], events: VigilEvent[]): void {
    this.worker.postMessage({ seq, tenantIds, events });
  }

  /** Writes a batch in one transaction on the writer thread; answers the refused events by index. */
  write(batch: readonly TenantEvent[]): Promise<AppendRejection[]> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = ++this.seq;
    let tenantIds = batch.map((b) => b.tenantId);
    let events = batch.map((b) => b.event);
    let keep: number[] | null = null;
    const refused: AppendRejection[] = [];
    try {
      this.post(seq, tenantIds, events);
    } catch (err) {
      if (!isEventError(err)) return Promise.reject(err);
      // Rare path: find the events that cannot cross to the thread and send the rest.
      keep = [];
      for (let i = 0; i < events.length; i++) {
        try {
          structuredClone(events[i]);
          keep.push(i);
        } catch (e) {
          refused.push({ index: i, error: rejectionText(e) });
        }
      }
      tenantIds = keep.map((i) => tenantIds[i]!);
      events = keep.map((i) => events[i]!);
      if (!events.length) return Promise.resolve(refused);
      try {
        this.post(seq, tenantIds, events);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    const kept = keep;
    const p = new Promise<AppendRejection[]>((resolve, reject) => {
      this.pending.set(seq, {
        resolve: (rejected) => {
          if (!kept) return resolve(rejected);
          // Indexes the thread saw are positions in the subset that was sent.
          for (const r of rejected) refused.push({ index: kept[r.index]!, error: r.error });
          resolve(refused.sort((a, b) => a.index - b.index));
        },
        reject,
      });
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
