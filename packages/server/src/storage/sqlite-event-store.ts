/**
 * @module storage/sqlite-event-store
 * EventStore on a SQLite file (better-sqlite3, WAL). Writes are one prepared insert per row inside one
 * transaction per batch; reads walk the (tenant_id, ts, id) index newest first, on reader threads with
 * a time budget (sqlite-reader-pool.ts) so no search can hold the event loop.
 */
import type Database from 'better-sqlite3';
import { SEVERITIES, type VigilEvent } from '@vigil/contracts';
import { compileSql, EVENT_COLUMNS } from '@vigil/core';
import type { AppendRejection, EventStore, TenantEvent, SearchRequest, SearchPage, EventFilter, HistogramBucket, TopValue, FieldStat, TermRow } from './event-store.ts';
import { fromRow, ROW_COLUMNS, type EventRow } from './event-row.ts';
import { sqliteBatchWriter } from './write-isolation.ts';
import { storageUnavailable } from './storage-errors.ts';
import { fieldScalarSql, fieldTextSql } from './field-sql.ts';
import { countFields, fillBuckets, pagedExport } from './aggregate.ts';
import { SqliteWriterThread, buildRows, type SqliteCommit } from './sqlite-writer.ts';
import type { SqliteLogTail } from './sqlite-log-tail.ts';
import { keepLogHighWater } from './sqlite-event-log.ts';
import { SqliteReader, type ReadJob } from './sqlite-reader.ts';
import { SqliteReaderPool } from './sqlite-reader-pool.ts';
import { DEADLINE_SQL } from './query-deadline.ts';

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
}

interface Where {
  sql: string;
  params: unknown[];
}

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

  /** With `writerThread`/`readerThreads`, writes/searches run on worker threads with their own connections (file databases only). */
  constructor(private readonly db: Database.Database, opts: SqliteEventStoreOptions = {}) {
    const file = db.name !== ':memory:' && db.name !== '';
    this.writer = opts.writerThread && file ? new SqliteWriterThread(db.name, opts.synchronous ?? 'normal') : null;
    this.readers = (opts.readerThreads ?? 0) > 0 && file ? new SqliteReaderPool(db.name, opts.readerThreads!) : null;
    this.timeoutMs = opts.searchTimeoutMs ?? 10_000;
    this.tail = opts.tail;
    this.local = new SqliteReader(db);
    this.insert = db.prepare(`INSERT INTO events (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`);
    this.insertMany = sqliteBatchWriter(db, this.insert);
  }

  /**
   * Runs a read built by `build`; when a stored document is unreadable by SQLite's JSON functions the
   * query is built again with a guard (which costs 5-15 % on document fields, so only then).
   */
  private async read<T>(mode: ReadJob['mode'], build: (guard: boolean) => { sql: string; params: unknown[] }): Promise<T> {
    const started = performance.now();
    try {
      return (await this.exec(mode, build(false), this.timeoutMs)) as T;
    } catch (err) {
      if (!unreadableJson(err)) throw err;
      return (await this.exec(mode, build(true), this.timeoutMs - (performance.now() - started))) as T;
    }
  }

  private async exec(mode: ReadJob['mode'], q: { sql: string; params: unknown[] }, budgetMs: number): Promise<unknown> {
    if (this.readers) return this.readers.run({ sql: q.sql, params: q.params, mode }, budgetMs);
    return this.local.run({ sql: q.sql, params: q.params, mode, budgetMs });
  }

  private where(f: EventFilter, guard = false): Where {
    const parts = [DEADLINE_SQL, 'tenant_id = ?'];
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
    if (this.writer) return this.writer.run(text, values);
    this.db.prepare(text).run(values);
  }

  /**
   * Runs `fn`, which writes through another connection to this file, while the writer thread holds no
   * transaction (see `SqliteWriterThread.exclusive`); without a writer thread it just runs `fn`.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.writer ? this.writer.exclusive(fn) : fn();
  }

  async search(req: SearchRequest): Promise<SearchPage> {
    const rows = await this.read<{ message: string; doc: string }[]>('all', (guard) => {
      const w = this.where(req, guard);
      let sql = `SELECT message, doc FROM events WHERE ${w.sql}`;
      const asc = req.order === 'asc';
      if (req.cursor) {
        sql += asc ? ' AND (ts > ? OR (ts = ? AND id > ?))' : ' AND (ts < ? OR (ts = ? AND id < ?))';
        w.params.push(req.cursor.ts, req.cursor.ts, req.cursor.id);
      }
      sql += asc ? ' ORDER BY ts, id LIMIT ?' : ' ORDER BY ts DESC, id DESC LIMIT ?';
      return { sql, params: [...w.params, req.limit + 1] };
    });
    const events = rows.slice(0, req.limit).map((r) => fromRow(r.message, r.doc));
    const last = events[events.length - 1];
    return { events, nextCursor: rows.length > req.limit && last ? { ts: Date.parse(last['@timestamp']), id: last.id } : null };
  }

  async get(tenantId: string, id: string): Promise<VigilEvent | null> {
    const row = await this.read<{ message: string; doc: string } | undefined>('get', () => ({ sql: 'SELECT message, doc FROM events WHERE id = ? AND tenant_id = ?', params: [id, tenantId] }));
    return row ? fromRow(row.message, row.doc) : null;
  }

  async histogram(f: EventFilter & { intervalMs: number; from: number; to: number }): Promise<HistogramBucket[]> {
    const rows = await this.read<{ b: number; c: number }[]>('all', (guard) => {
      const w = this.where(f, guard);
      return { sql: `SELECT CAST((ts - ?) / ? AS INTEGER) AS b, count(*) AS c FROM events WHERE ${w.sql} GROUP BY b`, params: [f.from, f.intervalMs, ...w.params] };
    });
    return fillBuckets(rows, f.from, f.to, f.intervalMs);
  }

  async top(f: EventFilter & { field: string; limit: number }): Promise<TopValue[]> {
    const raw = f.field === 'vigil.severity' ? 'severity' : fieldTextSql(f.field, 'sqlite');
    const rows = await this.read<{ v: string | number; c: number }[]>('all', (guard) => {
      const w = this.where(f, guard);
      const expr = guard && raw.startsWith('json_') ? `(CASE WHEN ${DOC_GUARD} THEN ${raw} END)` : raw;
      return { sql: `SELECT ${expr} AS v, count(*) AS c FROM events WHERE ${w.sql} AND ${expr} IS NOT NULL GROUP BY v ORDER BY c DESC, v LIMIT ?`, params: [...w.params, f.limit] };
    });
    return rows.map((r) => ({ value: f.field === 'vigil.severity' ? (SEVERITIES[r.v as number] ?? String(r.v)) : r.v, count: r.c }));
  }

  async fields(f: EventFilter & { sample: number }): Promise<FieldStat[]> {
    const rows = await this.read<{ message: string; doc: string }[]>('all', (guard) => {
      const w = this.where(f, guard);
      return { sql: `SELECT message, doc FROM events WHERE ${w.sql} ORDER BY ts DESC, id DESC LIMIT ?`, params: [...w.params, f.sample] };
    });
    return countFields(rows.map((r) => fromRow(r.message, r.doc)));
  }

  export(f: EventFilter, pageSize = 1000): AsyncIterable<VigilEvent> {
    return pagedExport((req) => this.search(req), f, pageSize);
  }

  async count(f: EventFilter): Promise<number> {
    const row = await this.read<{ c: number }>('get', (guard) => {
      const w = this.where(f, guard);
      return { sql: `SELECT count(*) AS c FROM events WHERE ${w.sql}`, params: w.params };
    });
    return row.c;
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
    await this.exclusive(async () => keepLogHighWater(this.db, cutoffMs));
    const del = this.db.prepare('DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE tenant_id = ? AND ts < ? LIMIT 5000)');
    let total = 0;
    for (const t of tenants) {
      for (;;) {
        // One chunk at a time between the writer's batches: ingest goes on while retention runs.
        const n = await this.exclusive(async () => del.run(t.id, cutoffMs).changes);
        total += n;
        if (n < 5000) break;
        await new Promise((r) => setImmediate(r));
      }
    }
    return total;
  }

  async close(): Promise<void> {
    // The handle belongs to the SqliteDb that opened it; the writer and reader threads are ours.
    await this.readers?.close();
    await this.writer?.close();
  }
}
