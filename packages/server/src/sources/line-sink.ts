/**
 * @module sources/line-sink
 * Collects received lines into batches per tenant and hands them to the ingest service; tells the
 * caller when the pipeline is behind so TCP can stop reading and UDP can drop (counted).
 */
import type { Input } from '@vigil/contracts';
import type { IngestService, IngestItem } from '../pipeline/ingest-service.ts';
import type { Logger } from '../log/logger.ts';

export interface LineSinkOptions {
  input: Input;
  /** Lines per ingest call. */
  batchLines: number;
  /** Longest wait before a partial batch is sent. */
  flushMs: number;
  /** Events in flight (sent, not yet durable) above which `busy` is true. */
  maxBacklog: number;
  /** Parser to pin (a registry name); auto-detect when unset or `auto`. */
  parser?: string;
  /** How many of a tenant's lines may be stored (its daily quota); the rest are dropped, counted by the quota. */
  admit?: (tenantId: string, n: number) => number;
}

/** Batches lines to the ingest service. */
export class LineSink {
  private batches = new Map<string, IngestItem[]>();
  private pendingLines = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  private readonly flushing = new Set<Promise<void>>();

  private readonly parser: string | undefined;

  constructor(private readonly ingest: IngestService, private readonly opts: LineSinkOptions, private readonly log: Logger) {
    this.parser = opts.parser && opts.parser !== 'auto' ? opts.parser : undefined;
  }

  /** True when the pipeline is behind: callers should stop reading (TCP) or drop (UDP). */
  get busy(): boolean {
    return this.inFlight + this.pendingLines >= this.opts.maxBacklog;
  }

  /** Resolves when the sink is no longer busy. */
  whenReady(): Promise<void> {
    return this.busy ? new Promise((r) => this.waiters.push(r)) : Promise.resolve();
  }

  /** Queues a line from a sender for a tenant. */
  add(tenantId: string, line: string, sourceIp: string | undefined): void {
    let b = this.batches.get(tenantId);
    if (!b) this.batches.set(tenantId, (b = []));
    b.push({ kind: 'line', line, sourceIp, parser: this.parser });
    this.pendingLines++;
    if (b.length >= this.opts.batchLines) this.flushTenant(tenantId);
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.opts.flushMs);
  }

  /** Sends every queued line now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    for (const tenantId of [...this.batches.keys()]) this.flushTenant(tenantId);
  }

  private flushTenant(tenantId: string): void {
    let items = this.batches.get(tenantId);
    if (!items?.length) return;
    this.batches.delete(tenantId);
    this.pendingLines -= items.length;
    // The quota is checked per batch, not per line: one Map lookup for up to batchLines lines.
    const allowed = this.opts.admit ? this.opts.admit(tenantId, items.length) : items.length;
    if (allowed < items.length) items = items.slice(0, allowed);
    if (!items.length) {
      while (!this.busy && this.waiters.length) this.waiters.shift()!();
      return;
    }
    this.inFlight += items.length;
    const p = this.ingest
      .ingest(tenantId, this.opts.input, items)
      .then(
        () => undefined,
        (err) => this.log.error({ err, input: this.opts.input, lines: items.length }, 'could not store received lines'),
      )
      .finally(() => {
        this.inFlight -= items.length;
        this.flushing.delete(p);
        while (!this.busy && this.waiters.length) this.waiters.shift()!();
      });
    this.flushing.add(p);
  }

  /** Sends what is queued and waits until all of it is stored. */
  async drain(): Promise<void> {
    this.flush();
    while (this.flushing.size) await Promise.all([...this.flushing]);
  }
}
