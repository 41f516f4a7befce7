/**
 * @module bus/consumer-queue
 * A bounded queue in front of one consumer that publish does not await: batches are handled one at a
 * time in order; a full queue drops the new batch (counted) or holds publish until there is room.
 * Without the bound a slow consumer (a stalled live client) piled up promises and memory without limit.
 */
import type { OverflowPolicy } from './bus.ts';

/** Handles batches of T one at a time, holding at most `max` messages. */
export class ConsumerQueue<T> {
  private readonly batches: (readonly T[])[] = [];
  private running = false;
  private closed = false;
  private readonly roomWaiters: Array<() => void> = [];
  private readonly idleWaiters: Array<() => void> = [];
  /** Messages held, including the batch being handled. */
  queued = 0;
  dropped = 0;
  errors = 0;

  constructor(
    private readonly handler: (batch: readonly T[]) => Promise<void>,
    private readonly max: number,
    private readonly overflow: OverflowPolicy,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Adds a batch; resolves at once unless the queue is full under `block`. */
  offer(batch: readonly T[]): Promise<void> | undefined {
    if (this.closed) return undefined;
    // An empty queue takes any batch, so one batch larger than the bound can never wedge publish.
    if (this.queued > 0 && this.queued + batch.length > this.max) {
      if (this.overflow === 'drop') {
        this.dropped += batch.length;
        return undefined;
      }
      return new Promise<void>((r) => this.roomWaiters.push(r)).then(() => this.offer(batch));
    }
    this.batches.push(batch);
    this.queued += batch.length;
    if (!this.running) void this.run();
    return undefined;
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.batches.length) {
      const batch = this.batches[0]!;
      try {
        await this.handler(batch);
      } catch (err) {
        this.errors++;
        this.onError(err);
      }
      this.batches.shift();
      this.queued -= batch.length;
      // Wake one blocked publisher at a time; each re-checks the room it needs.
      this.roomWaiters.shift()?.();
    }
    this.running = false;
    for (const w of this.idleWaiters.splice(0)) w();
    for (const w of this.roomWaiters.splice(0)) w();
  }

  /** Stops taking batches (the consumer left): later offers are dropped, blocked publishers released. */
  close(): void {
    this.closed = true;
    for (const w of this.roomWaiters.splice(0)) w();
  }

  /** Resolves when everything offered so far has been handled. */
  idle(): Promise<void> {
    return this.running ? new Promise((r) => this.idleWaiters.push(r)) : Promise.resolve();
  }
}
