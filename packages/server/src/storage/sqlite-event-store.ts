/**
 * @module storage/sqlite-event-store
 * EventStore on a SQLite file (better-sqlite3, WAL). Writes are one prepared insert per row inside one
 * transaction per batch; reads walk the (tenant_id, ts, id) index newest first, on reader threads with
 * a time budget (sqlite-reader-pool.ts) so no search can hold the event loop.
 */
import type { MessagePort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { SEVERITIES, type VigilEvent } from '@vigil/contracts';
import { compileSql, EVENT_COLUMNS, keyPlan, type KeyPlan } from '@vigil/core';
import type { AppendRejection, EventStore, TenantEvent, SearchRequest, SearchPage, EventFilter, HistogramBucket, TopValue, FieldStat, TermRow } from './event-store.ts';
import { fromRow, ROW_COLUMNS, type EventRow } from './event-row.ts';
import { sqliteBatchWriter } from './write-isolation.ts';
import { storageUnavailable } from './storage-errors.ts';
import { fieldScalarSql, fieldTextSql } from './field-sql.ts';
import { countFields, fillBuckets, pagedExport } from './aggregate.ts';
import { SqliteWriterThread, buildRows, type SqliteCommit } from './sqlite-writer.ts';
import type { SqliteLogTail } from './sqlite-log-tail.ts';
import { keepLogHighWater } from './sqlite-event-log.ts';
import { busyPause } from './busy-pause.ts';
import { SqliteReader, type ReadRequest } from './sqlite-reader.ts';
import { SqliteReaderPool } from './sqlite-reader-pool.ts';
import { DEADLINE_SQL } from './query-deadline.ts';
import { PAGE_SHARE, pageByIndex, type Lookup } from './search-index-lookup.ts';
import type { LookupJob, RollupAnswer, RollupJob } from './sqlite-search-index-reader.ts';
import { byNewest, chunks, mergeTop, rollupDataset, rollupWindow, type PageRow } from './search-index-plan.ts';
import { DAY_MS, MINUTE_MS } from './search-index-builder.ts';

/** What a query needs to survive a stored document SQLite's JSON functions cannot read (e.g. nested 1,000 deep). */
const DOC_GUARD = 'json_valid(doc)';

function unreadableJson(err: unknown): boolean {
  return err instanceof Error && /malformed JSON/.test(err.message);
}

/** Options of the SQLite store. */
export interface SqliteEventStoreOptions {
  /** Write batches on a worker thread with its own connection (file databases only). */
  writerThread?: boolean;
  synchronous?: 'normal' | 'full';
  /** Reader threads for searches (file databases only); 0 runs searches on the calling thread. */
  readerThreads?: number;
  /** Time budget of one search, ms (`search.timeout`). */
  searchTimeoutMs?: number;
  /** Committed rows are kept here with their positions for the event log's readers. */
  tail?: SqliteLogTail;
  /**
   * While events arrive faster than 2,000 per second, retention's deletes take at most this share of
   * the writer thread's time (0-1; default `RETENTION_BUSY_SHARE`); when arrivals slow down they run
   * back to back. 1: never paced.
   */
  retentionBusyShare?: number;
}

/** Rows one retention statement deletes (one short write between the writer's batches). */
const RETENTION_CHUNK = 5000;
/** See `retentionBusyShare`. */
export const RETENTION_BUSY_SHARE = 0.05;

interface Where {
  sql: string;
  params: unknown[];
}

/** An index lookup that the store will use. */
type Indexed = Extract<Lookup, { use: true }>;

/** Where a read gets its rows: the newest-first scan, candidates of the index (at or below the watermark), or the tail above it. */
type Source = { kind: 'scan' } | { kind: 'candidates'; ts: readonly number[]; position: number } | { kind: 'tail'; position: number };

/** EventStore on an open better-sqlite3 handle (the database must be migrated). */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private readonly insert: Database.Statement;
  private readonly insertMany: ReturnType<typeof sqliteBatchWriter>;
  private readonly tail: SqliteLogTail | undefined;

  private readonly writer: SqliteWriterThread | null;
  private readonly readers: SqliteReaderPool | null;
  private readonly local: SqliteReader;
  private readonly timeoutMs: number;
  private readonly retentionShare: number;

  /** With `writerThread`/`readerThreads`, writes/searches run on worker threads with their own connections (file databases only). */
  constructor(private readonly db: Database.Database, opts: SqliteEventStoreOptions = {}) {
    const file = db.name !== ':memory:' && db.name !== '';
    this.writer = opts.writerThread && file ? new SqliteWriterThread(db.name, opts.synchronous ?? 'normal') : null;
    this.readers = (opts.readerThreads ?? 0) > 0 && file ? new SqliteReaderPool(db.name, opts.readerThreads!) : null;
    this.timeoutMs = opts.searchTimeoutMs ?? 10_000;
    this.retentionShare = opts.retentionBusyShare ?? RETENTION_BUSY_SHARE;
    this.tail = opts.tail;
    this.local = new SqliteReader(db);
    this.insert = db.prepare(`INSERT INTO events (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`);
    this.insertMany = sqliteBatchWriter(db, this.insert);
  }

  /**
   * Runs a read built by `build`; when a stored document is unreadable by SQLite's JSON functions the
   * query is built again with a guard (which costs 5-15 % on document fields, so only then).
   */
  private async read<T>(mode: 'all' | 'get', build: (guard: boolean) => { sql: string; params: unknown[] }, started = performance.now()): Promise<T> {
    try {
      return (await this.exec({ mode, ...build(false) }, this.timeoutMs - (performance.now() - started))) as T;
    } catch (err) {
      if (!unreadableJson(err)) throw err;
      return (await this.exec({ mode, ...build(true) }, this.timeoutMs - (performance.now() - started))) as T;
    }
  }

  private async exec(job: ReadRequest, budgetMs: number): Promise<unknown> {
    if (this.readers) return this.readers.run(job, budgetMs);
    return this.local.run({ ...job, budgetMs });
  }

  /** The index's candidates for a filter, or why not (a reader reads them in one snapshot). */
  private async lookup(f: EventFilter, plan: KeyPlan, started: number, maxShare?: number): Promise<Lookup> {
    const job: LookupJob = { tenantId: f.tenantId, from: f.from, to: f.to, plan, maxShare };
    return (await this.exec({ mode: 'lookup', lookup: job }, this.timeoutMs - (performance.now() - started))) as Lookup;
  }

  /** The lookup of a filter whose query the index can narrow, when the index covers it well enough to use (`maxShare`: see evaluateLookup). */
  private async indexed(f: EventFilter, started: number, maxShare?: number): Promise<Indexed | null> {
    const plan = f.query ? keyPlan(f.query) : null;
    if (!plan) return null;
    const look = await this.lookup(f, plan, started, maxShare);
    return look.use ? look : null;
  }

  /**
   * The WHERE clause of a filter over one source. The tail is read through the rowid range above the
   * watermark (`+tenant_id` keeps SQLite off the time index there); candidates through the time index.
   */
  private sourceWhere(f: EventFilter, guard: boolean, src: Source): Where {
    const w = this.where(f, guard, src.kind === 'tail');
    if (src.kind === 'candidates') return { sql: `${w.sql} AND ts IN (SELECT value FROM json_each(?)) AND seq <= ?`, params: [...w.params, JSON.stringify(src.ts), src.position] };
    if (src.kind === 'tail') return { sql: `seq > ? AND ${w.sql}`, params: [src.position, ...w.params] };
    return w;
  }

  /** Every source of an indexed read: the candidates in statements of bounded size, then the tail. */
  private *sources(look: Indexed, candidates = look.candidates): Generator<Source> {
    const position = Number(look.state.position);
    for (const ts of chunks(candidates, 8192, 8192)) yield { kind: 'candidates', ts, position };
    yield { kind: 'tail', position };
  }

  private where(f: EventFilter, guard = false, tail = false): Where {
    const parts = [DEADLINE_SQL, tail ? '+tenant_id = ?' : 'tenant_id = ?'];
    const params: unknown[] = [f.tenantId];
    if (f.from !== undefined) {
      parts.push('ts >= ?');
      params.push(f.from);
    }
    if (f.to !== undefined) {
      parts.push('ts < ?');
      params.push(f.to);
    }
    if (f.query) {
      const q = compileSql(f.query, { dialect: 'sqlite', columns: EVENT_COLUMNS, doc: 'doc', ...(guard ? { docGuard: DOC_GUARD } : {}) });
      parts.push(`(${q.where})`);
      params.push(...q.params);
    }
    return { sql: parts.join(' AND '), params };
  }

  /** A port for the search indexer's writes, run on the writer thread (null without one: the indexer writes itself). */
  indexWritePort(): MessagePort | null {
    return this.writer?.indexPort() ?? null;
  }

  async append(batch: readonly TenantEvent[]): Promise<AppendRejection[]> {
    if (!batch.length) return [];
    const c = this.writer ? await this.writer.write(batch) : this.appendHere(batch);
    this.tail?.push(c.first, c.rows);
    return c.refused;
  }

  /** The write on this connection (no writer thread: tests, `:memory:`). */
  private appendHere(batch: readonly TenantEvent[]): SqliteCommit {
    const refused: AppendRejection[] = [];
    const rows: EventRow[] = [];
    const sent = buildRows(batch, 0, batch.length, rows, null, refused);
    let r: ReturnType<typeof this.insertMany>;
    try {
      r = this.insertMany(rows);
    } catch (err) {
      throw storageUnavailable(err) ?? err;
    }
    for (const x of r.rejected) refused.push({ index: sent ? sent[x.index]! : x.index, error: x.error });
    const skip = new Set(r.rejected.map((x) => x.index));
    return { refused: refused.sort((a, b) => a.index - b.index), rows: skip.size ? rows.filter((_, k) => !skip.has(k)) : rows, first: r.first, last: r.last };
  }

  /**
   * Runs one statement (`$1`-style parameters) on the writer thread's connection, between event
   * batches (on this connection when there is no writer thread).
   */
  async execute(sql: string, params: unknown[]): Promise<void> {
    // `$n` becomes an anonymous `?` with its value at that place (better-sqlite3 binds `?NNN` by name).
    const order: number[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => (order.push(Number(n) - 1), '?'));
    const values = order.map((i) => params[i]);
    if (this.writer) await this.writer.run(text, values);
    else this.db.prepare(text).run(values);
  }

  /**
   * Runs `fn`, which writes through another connection to this file, while the writer thread holds no
   * transaction (see `SqliteWriterThread.exclusive`); without a writer thread it just runs `fn`.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.writer ? this.writer.exclusive(fn) : fn();
  }

  async search(req: SearchRequest): Promise<SearchPage> {
    const started = performance.now();
    const look = await this.indexed(req, started, PAGE_SHARE);
    const rows = look && pageByIndex(look, req.limit) ? await this.pageByIndex(req, look, started) : await this.page(req, { kind: 'scan' }, req.limit + 1, started);
    const events = rows.slice(0, req.limit).map((r) => fromRow(r.message, r.doc));
    const last = events[events.length - 1];
    return { events, nextCursor: rows.length > req.limit && last ? { ts: Date.parse(last['@timestamp']), id: last.id } : null };
  }

  /** Up to `want` rows of one source, in the request's order (newest first unless `asc`). */
  private page(req: SearchRequest, src: Source, want: number, started: number): Promise<PageRow[]> {
    const asc = req.order === 'asc';
    return this.read<PageRow[]>('all', (guard) => {
      const w = this.sourceWhere(req, guard, src);
      let sql = `SELECT ts, id, message, doc FROM events WHERE ${w.sql}`;
      if (req.cursor) {
        sql += asc ? ' AND (ts > ? OR (ts = ? AND id > ?))' : ' AND (ts < ? OR (ts = ? AND id < ?))';
        w.params.push(req.cursor.ts, req.cursor.ts, req.cursor.id);
      }
      sql += asc ? ' ORDER BY ts, id LIMIT ?' : ' ORDER BY ts DESC, id DESC LIMIT ?';
      return { sql, params: [...w.params, want] };
    }, started);
  }

  /**
   * A page through the index: candidates in the page's order in growing statements until a page is
   * full (a later statement only holds later events in that order), plus the tail's first; merged
   * and cut.
   */
  private async pageByIndex(req: SearchRequest, look: Indexed, started: number): Promise<PageRow[]> {
    const want = req.limit + 1;
    const asc = req.order === 'asc';
    const position = Number(look.state.position);
    const cursor = req.cursor;
    let cands = asc ? [...look.candidates].reverse() : look.candidates;
    if (cursor) cands = cands.filter((t) => (asc ? t >= cursor.ts : t <= cursor.ts));
    const rows: PageRow[] = [];
    for (const ts of chunks(cands)) {
      rows.push(...(await this.page(req, { kind: 'candidates', ts, position }, want, started)));
      if (rows.length >= want) break;
    }
    rows.push(...(await this.page(req, { kind: 'tail', position }, want, started)));
    return rows.sort(asc ? (a, b) => byNewest(b, a) : byNewest).slice(0, want);
  }

  async get(tenantId: string, id: string): Promise<VigilEvent | null> {
    const row = await this.read<{ message: string; doc: string } | undefined>('get', () => ({ sql: 'SELECT message, doc FROM events WHERE id = ? AND tenant_id = ?', params: [id, tenantId] }));
    return row ? fromRow(row.message, row.doc) : null;
  }

  async histogram(f: EventFilter & { intervalMs: number; from: number; to: number }): Promise<HistogramBucket[]> {
    const started = performance.now();
    const count = (src: Source, range: { from: number; to: number } = f) =>
      this.read<{ b: number; c: number }[]>('all', (guard) => {
        const w = this.sourceWhere({ ...f, ...range }, guard, src);
        return { sql: `SELECT CAST((ts - ?) / ? AS INTEGER) AS b, count(*) AS c FROM events WHERE ${w.sql} GROUP BY b`, params: [f.from, f.intervalMs, ...w.params] };
      }, started);
    const rows: { b: number; c: number }[] = [];
    const rolled = await this.histogramByCounts(f, started);
    if (rolled) {
      const position = Number(rolled.state.position);
      rows.push(...rolled.rows);
      for (const r of rolled.scan) rows.push(...(await this.countBelow(f, r, position, started)));
      rows.push(...(await count({ kind: 'tail', position })));
      return fillBuckets(rows, f.from, f.to, f.intervalMs);
    }
    const look = await this.indexed(f, started);
    if (look) for (const src of this.sources(look)) rows.push(...(await count(src)));
    else rows.push(...(await count({ kind: 'scan' })));
    return fillBuckets(rows, f.from, f.to, f.intervalMs);
  }

  /**
   * A histogram of every event, or of one `event.dataset`, from the per-minute counts: whole minutes
   * below the watermark from the counts, the range's ragged ends scanned. Null when the counts cannot
   * answer it.
   */
  private async histogramByCounts(f: EventFilter & { intervalMs: number; from: number; to: number }, started: number): Promise<{ state: { position: string }; rows: { b: number; c: number }[]; scan: { from: number; to: number }[] } | null> {
    const dataset = rollupDataset(f.query);
    if (dataset === undefined || !rollupWindow(f.from, f.to, f.intervalMs, 0)) return null;
    const job: RollupJob = { tenantId: f.tenantId, from: f.from, to: f.to, dataset };
    const ans = (await this.exec({ mode: 'rollups', rollups: job }, this.timeoutMs - (performance.now() - started))) as RollupAnswer;
    if (!ans) return null;
    const win = rollupWindow(f.from, f.to, f.intervalMs, ans.state.floor);
    if (!win) return null;
    const rows = ans.minutes.filter((m) => m.minute >= win.lo && m.minute < win.hi).map((m) => ({ b: Math.floor((m.minute - f.from) / f.intervalMs), c: m.n }));
    const scan = [{ from: f.from, to: win.lo }, { from: win.hi, to: f.to }].filter((r) => r.to > r.from);
    return { state: ans.state, rows, scan };
  }

  /** Histogram rows of events at or below the watermark in a time range (the ragged ends the counts leave). */
  private countBelow(f: EventFilter & { intervalMs: number; from: number }, range: { from: number; to: number }, position: number, started: number): Promise<{ b: number; c: number }[]> {
    return this.read<{ b: number; c: number }[]>('all', (guard) => {
      const w = this.where({ ...f, ...range }, guard);
      return { sql: `SELECT CAST((ts - ?) / ? AS INTEGER) AS b, count(*) AS c FROM events WHERE ${w.sql} AND seq <= ? GROUP BY b`, params: [f.from, f.intervalMs, ...w.params, position] };
    }, started);
  }

  async top(f: EventFilter & { field: string; limit: number }): Promise<TopValue[]> {
    const started = performance.now();
    const raw = f.field === 'vigil.severity' ? 'severity' : fieldTextSql(f.field, 'sqlite');
    const group = (src: Source, limit: number) =>
      this.read<{ v: string | number; c: number }[]>('all', (guard) => {
        const w = this.sourceWhere(f, guard, src);
        const expr = guard && raw.startsWith('json_') ? `(CASE WHEN ${DOC_GUARD} THEN ${raw} END)` : raw;
        return { sql: `SELECT ${expr} AS v, count(*) AS c FROM events WHERE ${w.sql} AND ${expr} IS NOT NULL GROUP BY v ORDER BY c DESC, v LIMIT ?`, params: [...w.params, limit] };
      }, started);
    const look = await this.indexed(f, started);
    let rows: { v: string | number; c: number }[];
    if (look) {
      // Each source counts every value (no limit): the top of the sum is not the sum of the tops.
      const parts: { v: string | number; c: number }[][] = [];
      for (const src of this.sources(look)) parts.push(await group(src, -1));
      rows = mergeTop(parts, f.limit);
    } else rows = await group({ kind: 'scan' }, f.limit);
    return rows.map((r) => ({ value: f.field === 'vigil.severity' ? (SEVERITIES[r.v as number] ?? String(r.v)) : r.v, count: r.c }));
  }

  async fields(f: EventFilter & { sample: number }): Promise<FieldStat[]> {
    const page = await this.search({ ...f, limit: f.sample });
    return countFields(page.events);
  }

  export(f: EventFilter, pageSize = 1000): AsyncIterable<VigilEvent> {
    return pagedExport((req) => this.search(req), f, pageSize);
  }

  async count(f: EventFilter): Promise<number> {
    const started = performance.now();
    const one = (src: Source) =>
      this.read<{ c: number }>('get', (guard) => {
        const w = this.sourceWhere(f, guard, src);
        return { sql: `SELECT count(*) AS c FROM events WHERE ${w.sql}`, params: w.params };
      }, started);
    const look = await this.indexed(f, started);
    if (!look) return (await one({ kind: 'scan' })).c;
    let total = 0;
    for (const src of this.sources(look)) total += (await one(src)).c;
    return total;
  }

  async terms(f: EventFilter & { fields: readonly string[]; limit: number }): Promise<TermRow[]> {
    const cols = f.fields.map((x) => fieldScalarSql(x, 'sqlite'));
    const rows = await this.read<Record<string, string | number>[]>('all', (guard) => {
      const w = this.where(f, guard);
      const scalar = cols.map((c) => (guard && c.value !== 'message' ? `(${DOC_GUARD} AND ${c.isScalar})` : c.isScalar));
      const vs = cols.map((c, i) => `${c.value} AS v${i}`).join(', ');
      const by = cols.map((_, i) => `v${i}`).join(', ');
      return { sql: `SELECT ${vs}, max(ts) AS t FROM events WHERE ${w.sql} AND ${scalar.join(' AND ')} GROUP BY ${by} ORDER BY t DESC LIMIT ?`, params: [...w.params, f.limit] };
    });
    return rows.map((r) => ({ values: cols.map((_, i) => r[`v${i}`]!), lastSeen: Number(r.t) }));
  }

  async deleteBefore(cutoffMs: number, tenantId?: string): Promise<number> {
    const tenants = tenantId ? [{ id: tenantId }] : (this.db.prepare('SELECT id FROM tenants').all() as { id: string }[]);
    // The index's floor first: from now on no minute count before the cutoff is used, whatever is half deleted.
    await this.exclusive(async () => {
      if (tenantId) this.db.prepare('UPDATE search_index_state SET floor = max(floor, ?) WHERE tenant_id = ?').run(cutoffMs, tenantId);
      else this.db.prepare('UPDATE search_index_state SET floor = max(floor, ?)').run(cutoffMs);
      keepLogHighWater(this.db, cutoffMs);
    });
    const del = `DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE tenant_id = ? AND ts < ? LIMIT ${RETENTION_CHUNK})`;
    let total = 0;
    for (const t of tenants) {
      for (;;) {
        // One chunk at a time, on the writer thread between its batches: the event loop goes on
        // parsing and acknowledging, and no batch waits for more than one chunk.
        const r = await this.deleteChunk(del, [t.id, cutoffMs]);
        total += r.changes;
        if (r.changes < RETENTION_CHUNK) break;
        // Busy: events went to the writer faster than 2,000 per second over the last second.
        const p = busyPause({ head: 0, at: 0 }, { head: this.writer?.sentWithin(1000) ?? 0, at: 1000 }, r.ms, this.retentionShare, 2000);
        await new Promise((res) => (p.pauseMs > 0 ? setTimeout(res, p.pauseMs) : setImmediate(res)));
      }
      await this.deleteIndexBefore(t.id, cutoffMs);
    }
    return total;
  }

  /** One retention statement: on the writer thread when there is one; answers rows deleted and ms spent. */
  private async deleteChunk(sql: string, params: unknown[]): Promise<{ changes: number; ms: number }> {
    if (this.writer) return this.writer.run(sql, params);
    const t0 = performance.now();
    const changes = this.db.prepare(sql).run(params).changes;
    return { changes, ms: performance.now() - t0 };
  }

  /** Deletes the search index's days and minutes wholly before the cutoff, one part per statement. */
  private async deleteIndexBefore(tenantId: string, cutoffMs: number): Promise<void> {
    const day = Math.floor(cutoffMs / DAY_MS);
    const parts = this.db.prepare('SELECT day, part FROM search_parts WHERE tenant_id = ? AND day < ?').all(tenantId, day) as { day: number; part: number }[];
    const buckets = this.db.prepare('DELETE FROM search_buckets WHERE tenant_id = ? AND day = ? AND part = ?');
    const part = this.db.prepare('DELETE FROM search_parts WHERE tenant_id = ? AND day = ? AND part = ?');
    for (const p of parts) {
      // Between the writer's batches, as the events are deleted (SqliteEventStore.exclusive).
      await this.exclusive(async () =>
        this.db.transaction(() => {
          buckets.run(tenantId, p.day, p.part);
          part.run(tenantId, p.day, p.part);
        })(),
      );
      await new Promise((r) => setImmediate(r));
    }
    await this.exclusive(async () => this.db.prepare('DELETE FROM search_rollups WHERE tenant_id = ? AND minute < ?').run(tenantId, Math.floor(cutoffMs / MINUTE_MS) * MINUTE_MS));
  }

  async close(): Promise<void> {
    // The handle belongs to the SqliteDb that opened it; the writer and reader threads are ours.
    await this.readers?.close();
    await this.writer?.close();
  }
}
