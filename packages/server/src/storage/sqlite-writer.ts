/**
 * @module storage/sqlite-writer
 * The main-thread side of the SQLite writer thread: `write(batch)` builds each event's row here
 * (`toRow`: hot columns + JSON document), sends the rows, and resolves when they committed, with the
 * events that were refused (by index) and the stored rows with their log positions. An event whose row
 * cannot be built (a document too deep to serialise) is refused here and its neighbours still go.
 *
 * `exclusive(fn)` lets the main connection write (alerts, checkpoints, retention, sessions) while no
 * batch holds SQLite's write lock: otherwise its statement would sleep in SQLite's busy handler, on the
 * event loop, for as long as the thread's transaction lasts (and past busy_timeout fail).
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { VigilError } from '@vigil/contracts';
import type { TenantEvent } from './event-store.ts';
import { storageUnavailable } from './storage-errors.ts';
import { isEventError, rejectionText, type AppendRejection } from './write-isolation.ts';
import { toRow, type EventRow } from './event-row.ts';

/** Events per message to the thread (see `write`). */
const PART = 2000;
/** How far back `sentWithin` can look, ms. */
const RECENT_MS = 2000;

interface Reply {
  seq?: number;
  ok?: boolean;
  error?: string;
  code?: string;
  rejected?: AppendRejection[];
  first?: number;
  last?: number;
  /** A statement's changed rows and the ms it ran on the thread. */
  changes?: number;
  ms?: number;
}

interface Pending {
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
}

/** A committed batch: refused events by batch index, and the stored rows in log order with the first and last position. */
export interface SqliteCommit {
  refused: AppendRejection[];
  rows: EventRow[];
  first: number;
  last: number;
}

/** Builds rows for part of a batch; events whose row cannot be built are refused by batch index. */
export function buildRows(batch: readonly TenantEvent[], from: number, to: number, rows: EventRow[], sent: number[] | null, refused: AppendRejection[]): number[] | null {
  let indexes = sent;
  for (let i = from; i < to; i++) {
    const b = batch[i]!;
    try {
      rows.push(toRow(b.tenantId, b.event));
      if (indexes) indexes.push(i);
    } catch (err) {
      if (!isEventError(err)) throw err;
      refused.push({ index: i, error: rejectionText(err) });
      // The first refusal: every earlier event was sent, in order.
      indexes ??= Array.from({ length: i }, (_, k) => k);
    }
  }
  return indexes;
}

/** Sends batches to a writer thread on the same database file. */
export class SqliteWriterThread {
  private readonly worker: Worker;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private failed: Error | null = null;
  private closed = false;
  private readonly inflight = new Set<Promise<unknown>>();
  /** Main-connection writers holding (or waiting for) the write lock: new batches wait. */
  private holders = 0;
  private gateWaiters: Array<() => void> = [];
  /** When the batches of the last `RECENT_MS` went, and their sizes (`sentWithin`). */
  private recent: Array<{ at: number; n: number }> = [];

  constructor(file: string, synchronous: 'normal' | 'full') {
    this.worker = new Worker(new URL('./sqlite-writer.worker.js', import.meta.url), { workerData: { file, synchronous } });
    this.worker.on('message', (m: Reply) => {
      if (m.seq === undefined) return;
      const p = this.pending.get(m.seq);
      this.pending.delete(m.seq);
      if (m.ok) p?.resolve(m);
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
   * Runs `fn` (writes on another connection to the same file) while no batch is being written: batches
   * sent before wait to commit, new ones wait until `fn` settled. Holders may overlap (one connection).
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed || this.failed) return fn();
    this.holders++;
    try {
      while (this.inflight.size) await Promise.allSettled([...this.inflight]);
      return await fn();
    } finally {
      if (--this.holders === 0) for (const w of this.gateWaiters.splice(0)) w();
    }
  }

  /**
   * Writes a batch in one transaction on the writer thread; answers the refused events by index and
   * the stored rows with their positions. The batch crosses in parts of `PART` events, one per
   * event-loop turn, so building rows for 10,000 events never holds the main thread in one go.
   */
  async write(batch: readonly TenantEvent[]): Promise<SqliteCommit> {
    while (this.holders) await new Promise<void>((r) => this.gateWaiters.push(r));
    if (this.failed) throw this.failed;
    const now = performance.now();
    this.recent.push({ at: now, n: batch.length });
    while (this.recent.length && this.recent[0]!.at < now - RECENT_MS) this.recent.shift();
    const seq = ++this.seq;
    const refused: AppendRejection[] = [];
    const rows: EventRow[] = [];
    // sent[k] = batch index of the k-th row the thread receives (null: all were sent, in order).
    let sent: number[] | null = null;
    const done = new Promise<Reply>((resolve, reject) => this.pending.set(seq, { resolve, reject }));
    this.inflight.add(done);
    done.then(() => this.inflight.delete(done), () => this.inflight.delete(done));
    try {
      for (let from = 0; from < batch.length; from += PART) {
        if (from > 0) await nextTurn();
        if (this.failed) throw this.failed;
        const start = rows.length;
        sent = buildRows(batch, from, Math.min(batch.length, from + PART), rows, sent, refused);
        this.worker.postMessage({ seq, part: from + PART < batch.length, rows: start ? rows.slice(start) : rows });
      }
    } catch (err) {
      // The thread holds the parts sent so far under this seq; it drops them when told.
      this.pending.delete(seq);
      this.worker.postMessage({ seq, abort: true });
      done.catch(() => undefined);
      this.inflight.delete(done);
      throw err;
    }
    const reply = await done;
    const rejected = reply.rejected ?? [];
    if (!sent && !refused.length && !rejected.length) return { refused: [], rows, first: reply.first ?? 0, last: reply.last ?? 0 };
    for (const r of rejected) refused.push({ index: sent ? sent[r.index]! : r.index, error: r.error });
    const skip = new Set(rejected.map((r) => r.index));
    return { refused: refused.sort((a, b) => a.index - b.index), rows: skip.size ? rows.filter((_, k) => !skip.has(k)) : rows, first: reply.first ?? 0, last: reply.last ?? 0 };
  }

  /** Events sent to be written over the last `ms` (at most `RECENT_MS`): how busy ingest is. */
  sentWithin(ms: number): number {
    const since = performance.now() - Math.min(ms, RECENT_MS);
    let n = 0;
    for (const r of this.recent) if (r.at >= since) n += r.n;
    return n;
  }

  /**
   * Runs one statement (`?` parameters) on the thread's connection, between batches (never inside one):
   * big writes (the detector's checkpoint: engine state as JSON) then cost the main thread only a
   * string copy, and never wait for — or hold — SQLite's write lock on the event loop. Answers the
   * rows it changed and how long it ran on the thread.
   */
  async run(sql: string, params: unknown[]): Promise<{ changes: number; ms: number }> {
    if (this.failed) throw this.failed;
    const seq = ++this.seq;
    const done = new Promise<Reply>((resolve, reject) => this.pending.set(seq, { resolve, reject }));
    this.inflight.add(done);
    done.then(() => this.inflight.delete(done), () => this.inflight.delete(done));
    this.worker.postMessage({ seq, sql, params });
    const r = await done;
    return { changes: r.changes ?? 0, ms: r.ms ?? 0 };
  }

  /** A port whose search index writes the writer thread runs on its connection (sqlite-search-index-writer.ts). */
  indexPort(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.worker.postMessage({ indexPort: port1 }, [port1]);
    return port2;
  }

  /** Waits for pending writes, then closes the thread's connection. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
    this.closed = true;
    if (!this.failed) {
      await new Promise<void>((r) => {
        this.worker.once('message', () => r());
        this.worker.postMessage({ close: true });
      });
    }
    await this.worker.terminate();
  }
}
