/**
 * @module storage/sqlite-event-store
 * EventStore on a SQLite file (better-sqlite3, WAL). Writes are one prepared insert per row inside one
 * transaction per batch; reads walk the (tenant_id, ts, id) index newest first.
 */
import type Database from 'better-sqlite3';
import { SEVERITIES, type VigilEvent } from '@vigil/contracts';
import { compileSql, EVENT_COLUMNS, SQLITE_FUNCTIONS } from '@vigil/core';
import type { EventStore, TenantEvent, SearchRequest, SearchPage, EventFilter, HistogramBucket, TopValue, FieldStat } from './event-store.ts';
import { toRow, fromRow, ROW_COLUMNS } from './event-row.ts';
import { fieldTextSql } from './field-sql.ts';
import { countFields, fillBuckets, pagedExport } from './aggregate.ts';
import { SqliteWriterThread } from './sqlite-writer.ts';
import { keepLogHighWater } from './sqlite-event-log.ts';

interface Where {
  sql: string;
  params: unknown[];
}

/** EventStore on an open better-sqlite3 handle (the database must be migrated). */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private readonly insert: Database.Statement;
  private readonly insertMany: (rows: readonly TenantEvent[]) => void;

  private readonly writer: SqliteWriterThread | null;

  /** With `writerThread`, batches are written by a worker thread on its own connection (file databases only). */
  constructor(private readonly db: Database.Database, opts: { writerThread?: boolean; synchronous?: 'normal' | 'full' } = {}) {
    this.writer = opts.writerThread && db.name !== ':memory:' ? new SqliteWriterThread(db.name, opts.synchronous ?? 'normal') : null;
    for (const [name, f] of Object.entries(SQLITE_FUNCTIONS)) db.function(name, { deterministic: f.deterministic }, f.fn);
    this.insert = db.prepare(`INSERT INTO events (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`);
    this.insertMany = db.transaction((rows: readonly TenantEvent[]) => {
      for (const r of rows) this.insert.run(toRow(r.tenantId, r.event));
    });
  }

  private where(f: EventFilter): Where {
    const parts = ['tenant_id = ?'];
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
      const q = compileSql(f.query, { dialect: 'sqlite', columns: EVENT_COLUMNS, doc: 'doc' });
      parts.push(`(${q.where})`);
      params.push(...q.params);
    }
    return { sql: parts.join(' AND '), params };
  }

  async append(batch: readonly TenantEvent[]): Promise<void> {
    if (!batch.length) return;
    if (this.writer) await this.writer.write(batch);
    else this.insertMany(batch);
  }

  async search(req: SearchRequest): Promise<SearchPage> {
    const w = this.where(req);
    let sql = `SELECT message, doc FROM events WHERE ${w.sql}`;
    if (req.cursor) {
      sql += ' AND (ts < ? OR (ts = ? AND id < ?))';
      w.params.push(req.cursor.ts, req.cursor.ts, req.cursor.id);
    }
    sql += ' ORDER BY ts DESC, id DESC LIMIT ?';
    const rows = this.db.prepare(sql).all(...w.params, req.limit + 1) as { message: string; doc: string }[];
    const events = rows.slice(0, req.limit).map((r) => fromRow(r.message, r.doc));
    const last = events[events.length - 1];
    return { events, nextCursor: rows.length > req.limit && last ? { ts: Date.parse(last['@timestamp']), id: last.id } : null };
  }

  async get(tenantId: string, id: string): Promise<VigilEvent | null> {
    const row = this.db.prepare('SELECT message, doc FROM events WHERE id = ? AND tenant_id = ?').get(id, tenantId) as { message: string; doc: string } | undefined;
    return row ? fromRow(row.message, row.doc) : null;
  }

  async histogram(f: EventFilter & { intervalMs: number; from: number; to: number }): Promise<HistogramBucket[]> {
    const w = this.where(f);
    const rows = this.db.prepare(`SELECT CAST((ts - ?) / ? AS INTEGER) AS b, count(*) AS c FROM events WHERE ${w.sql} GROUP BY b`).all(f.from, f.intervalMs, ...w.params) as { b: number; c: number }[];
    return fillBuckets(rows, f.from, f.to, f.intervalMs);
  }

  async top(f: EventFilter & { field: string; limit: number }): Promise<TopValue[]> {
    const w = this.where(f);
    const expr = f.field === 'vigil.severity' ? 'severity' : fieldTextSql(f.field, 'sqlite');
    const rows = this.db.prepare(`SELECT ${expr} AS v, count(*) AS c FROM events WHERE ${w.sql} AND ${expr} IS NOT NULL GROUP BY v ORDER BY c DESC, v LIMIT ?`).all(...w.params, f.limit) as { v: string | number; c: number }[];
    return rows.map((r) => ({ value: f.field === 'vigil.severity' ? (SEVERITIES[r.v as number] ?? String(r.v)) : r.v, count: r.c }));
  }

  async fields(f: EventFilter & { sample: number }): Promise<FieldStat[]> {
    const w = this.where(f);
    const rows = this.db.prepare(`SELECT message, doc FROM events WHERE ${w.sql} ORDER BY ts DESC, id DESC LIMIT ?`).all(...w.params, f.sample) as { message: string; doc: string }[];
    return countFields(rows.map((r) => fromRow(r.message, r.doc)));
  }

  export(f: EventFilter, pageSize = 1000): AsyncIterable<VigilEvent> {
    return pagedExport((req) => this.search(req), f, pageSize);
  }

  async count(f: EventFilter): Promise<number> {
    const w = this.where(f);
    return (this.db.prepare(`SELECT count(*) AS c FROM events WHERE ${w.sql}`).get(...w.params) as { c: number }).c;
  }

  async deleteBefore(cutoffMs: number): Promise<number> {
    const tenants = this.db.prepare('SELECT id FROM tenants').all() as { id: string }[];
    keepLogHighWater(this.db, cutoffMs);
    const del = this.db.prepare('DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE tenant_id = ? AND ts < ? LIMIT 5000)');
    let total = 0;
    for (const t of tenants) {
      for (;;) {
        const n = del.run(t.id, cutoffMs).changes;
        total += n;
        if (n < 5000) break;
        await new Promise((r) => setImmediate(r));
      }
    }
    return total;
  }

  async close(): Promise<void> {
    // The handle belongs to the SqliteDb that opened it; the writer thread is ours.
    await this.writer?.close();
  }
}
