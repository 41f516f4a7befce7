/**
 * @module timeseries/threaded-sqlite-metric-store
 * The metrics store of a SQLite installation: its own file (`<db>-metrics.db` beside the main
 * database), written and read by a worker thread (`sqlite-metrics-thread.ts`). A fleet's metric points
 * were the main connection's busiest writes: they waited for the event writer thread's lock (or slept
 * in SQLite's busy handler on the event loop) and ran their inserts on the thread that answers
 * requests. Here they take no lock the event writer holds and no time on the event loop. Writes that
 * arrive in the same event-loop turn cross as one message and one transaction (callers that write
 * often gather first: the agents' batch path flushes every few milliseconds, one flush at a time).
 */
import { Worker } from 'node:worker_threads';
import { VigilError } from '@vigil/contracts';
import type { LatestValue, MetricQuery, MetricSample, MetricStore, SeriesResult } from './metric-store.ts';
import type { MetricsCall, SeriesDef } from './sqlite-metrics-thread.ts';
import { seriesKey } from './sql-metric-store.ts';

/** Samples gathered in one event-loop turn, by local series number. */
interface PackedBatch {
  defs: SeriesDef[];
  ids: number[];
  ts: number[];
  values: number[];
  done: Promise<unknown>;
}

interface Reply {
  seq?: number;
  ok?: boolean;
  result?: unknown;
  error?: string;
  code?: string;
  ready?: boolean;
  moved?: number;
}

/** The metrics file that belongs to a main SQLite database file. */
export function metricsFileOf(mainFile: string): string {
  return `${mainFile.replace(/\.(db|sqlite3?)$/, '')}-metrics.db`;
}

/** MetricStore over a metrics file owned by a worker thread. */
export class ThreadedSqliteMetricStore implements MetricStore {
  private readonly worker: Worker;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly inflight = new Set<Promise<unknown>>();
  private failed: Error | null = null;
  private closed = false;
  /** Samples written in this event-loop turn (sent together on the next). */
  private batch: PackedBatch | null = null;
  /**
   * Series numbered for the trip to the thread, by source and `seriesKey`: a sample crosses as three
   * numbers; its series' names and labels cross once. (Cloning sample objects cost the event loop
   * more than anything else on a fleet's batch path.)
   */
  private readonly local = new Map<string, Map<string, number>>();
  private lastLocal = 0;
  /** Resolves when the file is open (and points of the main database moved); answers how many moved. */
  readonly ready: Promise<number>;

  constructor(readonly file: string, opts: { legacyFile?: string | null; synchronous?: 'normal' | 'full' } = {}) {
    this.worker = new Worker(new URL('./sqlite-metrics.worker.js', import.meta.url), { workerData: { file, legacyFile: opts.legacyFile ?? null, synchronous: opts.synchronous ?? 'normal' } });
    let opened!: (moved: number) => void;
    let notOpened!: (err: Error) => void;
    this.ready = new Promise<number>((res, rej) => {
      opened = res;
      notOpened = rej;
    });
    // A caller that never awaits `ready` still sees the failure on its calls.
    this.ready.catch(() => undefined);
    this.worker.on('message', (m: Reply) => {
      if (m.ready) return opened(m.moved ?? 0);
      const p = m.seq === undefined ? undefined : this.pending.get(m.seq);
      if (!p) return;
      this.pending.delete(m.seq!);
      if (m.ok) p.resolve(m.result);
      else p.reject(Object.assign(new Error(`metrics store: ${m.error}`), { code: m.code }));
    });
    this.worker.on('error', (err) => {
      notOpened(err);
      this.fail(err);
    });
    this.worker.on('exit', (code) => {
      if (!this.closed) {
        const err = new Error(`the metrics thread exited with code ${code}`);
        notOpened(err);
        this.fail(err);
      }
    });
  }

  private fail(err: Error): void {
    this.failed = new VigilError('VIGIL_ERR_UNAVAILABLE', `The metrics store stopped: ${err.message}`, { retryAfter: 5 });
    for (const p of this.pending.values()) p.reject(this.failed);
    this.pending.clear();
  }

  private call<T>(op: MetricsCall['op'], args: unknown[], transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.closed) return Promise.reject(new VigilError('VIGIL_ERR_UNAVAILABLE', 'The metrics store is closed.'));
    const seq = ++this.seq;
    const p = new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ seq, op, args } satisfies MetricsCall, transfer);
    });
    this.inflight.add(p);
    const settled = () => void this.inflight.delete(p);
    p.then(settled, settled);
    return p;
  }

  write(samples: readonly MetricSample[]): Promise<void> {
    if (!samples.length) return Promise.resolve();
    if (!this.batch) {
      const batch: PackedBatch = { defs: [], ids: [], ts: [], values: [], done: Promise.resolve() };
      batch.done = new Promise<void>((r) => setImmediate(r)).then(() => {
        if (this.batch === batch) this.batch = null;
        // Three typed arrays moved (not copied) to the thread, plus the series it has not seen yet.
        const ids = Int32Array.from(batch.ids);
        const ts = Float64Array.from(batch.ts);
        const values = Float64Array.from(batch.values);
        return this.call('writePacked', [batch.defs, ids, ts, values], [ids.buffer, ts.buffer, values.buffer]);
      });
      this.batch = batch;
    }
    const b = this.batch;
    let last: MetricSample | null = null;
    let source: Map<string, number> | undefined;
    for (const s of samples) {
      if (!last || last.tenantId !== s.tenantId || last.sourceKind !== s.sourceKind || last.sourceId !== s.sourceId) {
        const sk = `${s.tenantId}\u0000${s.sourceKind}\u0000${s.sourceId}`;
        source = this.local.get(sk);
        if (!source) this.local.set(sk, (source = new Map()));
        last = s;
      }
      const key = seriesKey(s);
      let id = source!.get(key);
      if (id === undefined) {
        id = ++this.lastLocal;
        source!.set(key, id);
        b.defs.push([id, s.tenantId, s.sourceKind, s.sourceId, s.name, s.labels]);
      }
      b.ids.push(id);
      b.ts.push(s.ts);
      b.values.push(s.value);
    }
    return b.done.then(() => undefined);
  }

  query(q: MetricQuery): Promise<SeriesResult[]> {
    return this.call('query', [q]);
  }

  latest(tenantId: string, sourceKind: string, sourceId: string, names?: readonly string[]): Promise<LatestValue[]> {
    return this.call('latest', [tenantId, sourceKind, sourceId, names]);
  }

  deleteSource(tenantId: string, sourceKind: string, sourceId: string): Promise<number> {
    this.local.delete(`${tenantId}\u0000${sourceKind}\u0000${sourceId}`);
    return this.call('deleteSource', [tenantId, sourceKind, sourceId]);
  }

  deleteBefore(ts: number): Promise<number> {
    return this.call('deleteBefore', [ts]);
  }

  /** Waits for what was sent, closes the file and ends the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (!this.failed) {
      await this.ready.catch(() => undefined);
      while (this.batch) await this.batch.done.catch(() => undefined);
      await Promise.allSettled([...this.inflight]);
      if (!this.failed) await this.call('close', []).catch(() => undefined);
    }
    this.closed = true;
    await this.worker.terminate();
  }
}
