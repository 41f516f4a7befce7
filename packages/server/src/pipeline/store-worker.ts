/**
 * @module pipeline/store-worker
 * The store sink: consumes event batches from the bus and writes them with group commit — many
 * requests' events go into one transaction, and each publisher is released when its events are durable.
 */
import type { EventStore, TenantEvent } from '../storage/event-store.ts';
import type { StageCounters } from '../metrics/stage-counters.ts';

interface Pending {
  batch: readonly TenantEvent[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface StoreWorkerOptions {
  batchSize: number;
  flushMs: number;
}

/** Group-committing writer in front of an EventStore. */
export class StoreWorker {
  private queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly opts: StoreWorkerOptions,
    private readonly counters: StageCounters,
    private readonly onBatch?: (size: number, seconds: number) => void,
  ) {}

  /** The bus handler: resolves once the batch is committed. */
  readonly handle = (batch: readonly TenantEvent[]): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      this.counters.add('received', batch.length);
      this.queue.push({ batch, resolve, reject });
      this.queued += batch.length;
      if (this.queued >= this.opts.batchSize) this.kick();
      else if (!this.timer) this.timer = setTimeout(() => this.kick(), this.opts.flushMs);
    });

  /** Events waiting for a write. */
  get backlog(): number {
    return this.queued;
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.running) this.running = this.loop().finally(() => (this.running = null));
  }

  private async loop(): Promise<void> {
    while (this.queue.length) {
      const take: Pending[] = [];
      let n = 0;
      while (this.queue.length && n < this.opts.batchSize) {
        const p = this.queue.shift()!;
        take.push(p);
        n += p.batch.length;
      }
      this.queued -= n;
      const rows = take.length === 1 ? take[0]!.batch : take.flatMap((p) => p.batch);
      const started = performance.now();
      try {
        await this.store.append(rows);
        this.counters.add('emitted', n);
        this.onBatch?.(n, (performance.now() - started) / 1000);
        for (const p of take) p.resolve();
      } catch (err) {
        this.counters.add('failed', n);
        for (const p of take) p.reject(err);
      }
      // Let the request handlers that were waiting on this batch answer before the next write.
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Writes everything queued and waits for it (graceful shutdown). */
  async drain(): Promise<void> {
    this.kick();
    while (this.running || this.queue.length) {
      if (!this.running) this.kick();
      await this.running;
    }
  }
}
