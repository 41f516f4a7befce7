/**
 * @module pipeline/store-worker
 * The store sink: consumes event batches from the bus and writes them with group commit — many
 * requests' events go into one transaction, and each publisher is released when its events are durable.
 */
import type { TenantEvent } from '@vigil/contracts';
import type { AppendRejection, EventStore } from '../storage/event-store.ts';
import type { StageCounters } from '../metrics/stage-counters.ts';

/** Batches being written at once: one committing, one being prepared and sent. */
const MAX_IN_FLIGHT = 2;

interface Pending {
  batch: readonly TenantEvent[];
  resolve: (refused: readonly AppendRejection[]) => void;
  reject: (err: unknown) => void;
}

const NONE: readonly AppendRejection[] = Object.freeze([]);

export interface StoreWorkerOptions {
  batchSize: number;
  flushMs: number;
}

/** Group-committing writer in front of an EventStore. */
export class StoreWorker {
  private queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private inflight = 0;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly store: EventStore,
    private readonly opts: StoreWorkerOptions,
    private readonly counters: StageCounters,
    private readonly onBatch?: (size: number, seconds: number) => void,
  ) {}

  /** The bus handler: resolves once the batch is committed, with the events the store refused (by index in this batch). */
  readonly handle = (batch: readonly TenantEvent[]): Promise<readonly AppendRejection[]> =>
    new Promise<readonly AppendRejection[]>((resolve, reject) => {
      this.counters.add('received', batch.length);
      this.queue.push({ batch, resolve, reject });
      this.queued += batch.length;
      // Group commit: with a write slot free, go now (after this tick's other arrivals); otherwise
      // the batch grows while the current writes finish. flushMs bounds the wait either way.
      if (this.queued >= this.opts.batchSize) this.kick();
      else if (!this.timer) this.timer = this.inflight < MAX_IN_FLIGHT ? setImmediate(() => this.kick()) : setTimeout(() => this.kick(), this.opts.flushMs);
    });

  /** Events waiting for a write. */
  get backlog(): number {
    return this.queued;
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = null;
    }
    this.pump();
  }

  /**
   * Starts writes: always when nothing is being written, and a second one alongside when a full batch
   * is waiting — so preparing the next batch overlaps with committing this one (writer thread, pools).
   */
  private pump(): void {
    while (this.queue.length && this.inflight < MAX_IN_FLIGHT) {
      const take: Pending[] = [];
      let n = 0;
      while (this.queue.length && n < this.opts.batchSize) {
        const p = this.queue.shift()!;
        take.push(p);
        n += p.batch.length;
      }
      this.queued -= n;
      this.inflight++;
      void this.write(take, n).finally(() => {
        this.inflight--;
        if (this.inflight === 0 && !this.queue.length) for (const w of this.idleWaiters.splice(0)) w();
        this.pump();
      });
    }
  }

  private async write(take: Pending[], n: number): Promise<void> {
    const rows = take.length === 1 ? take[0]!.batch : take.flatMap((p) => p.batch);
    const started = performance.now();
    try {
      const refused = await this.store.append(rows);
      this.counters.add('emitted', n - refused.length);
      if (refused.length) this.counters.add('failed', refused.length);
      this.onBatch?.(n, (performance.now() - started) / 1000);
      if (!refused.length) for (const p of take) p.resolve(NONE);
      else {
        // Indexes are positions in the group-committed rows: hand each publisher its own, renumbered.
        let at = 0;
        let k = 0;
        for (const p of take) {
          const end = at + p.batch.length;
          const mine: AppendRejection[] = [];
          for (; k < refused.length && refused[k]!.index < end; k++) mine.push({ index: refused[k]!.index - at, error: refused[k]!.error });
          p.resolve(mine.length ? mine : NONE);
          at = end;
        }
      }
    } catch (err) {
      this.counters.add('failed', n);
      for (const p of take) p.reject(err);
    }
  }

  /** Writes everything queued and waits for it (graceful shutdown). */
  async drain(): Promise<void> {
    this.kick();
    if (this.inflight === 0 && !this.queue.length) return;
    await new Promise<void>((r) => this.idleWaiters.push(r));
  }
}
