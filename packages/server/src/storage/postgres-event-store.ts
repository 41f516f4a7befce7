/**
 * @module storage/postgres-event-store
 * EventStore on PostgreSQL: a table partitioned by day (`events_pYYYYMMDD`, created on demand), batch
 * writes as one INSERT … SELECT FROM unnest(arrays), retention by dropping whole partitions.
 */
import pg from 'pg';
import { HOT_FIELDS, SEVERITIES, type VigilEvent } from '@vigil/contracts';
import { compileSql, EVENT_COLUMNS } from '@vigil/core';
import type { AppendRejection, EventStore, TenantEvent, SearchRequest, SearchPage, EventFilter, HistogramBucket, TopValue, FieldStat, TermRow } from './event-store.ts';
import { toRow, fromRow, ROW_COLUMNS, ROW_INDEX, DOC_INDEX } from './event-row.ts';
import { fieldScalarSql, fieldTextSql } from './field-sql.ts';
import { countFields, fillBuckets, pagedExport } from './aggregate.ts';
import { queryTimeout } from './query-deadline.ts';
import { insertIsolating, rejectionText } from './write-isolation.ts';
import { storageUnavailable } from './storage-errors.ts';

const DAY = 86_400_000;
/** Element types of the unnest arrays, in row order (from the event schema). */
const TYPES = ['text', ...HOT_FIELDS.map((h) => h.postgres.toLowerCase()), 'jsonb'];
/** Row indexes of the text columns (NUL must be replaced in each). */
const TS_INDEX = ROW_INDEX['@timestamp']!;
const TEXT_INDEXES = HOT_FIELDS.flatMap((h, i) => (h.kind === 'text' ? [i + 1] : []));
const INSERT = `INSERT INTO events (${ROW_COLUMNS.join(', ')}) SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;

/** PostgreSQL text cannot hold NUL: it becomes U+FFFD so one odd byte never fails a batch. */
function pgSafe(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '\uFFFD') : text;
}

function pgSafeDoc(e: VigilEvent, json: string): string {
  return json.includes('\\u0000') ? JSON.stringify(e, (_k, v) => (typeof v === 'string' ? pgSafe(v) : v)) : json;
}

/** First and last day a partition can be named for (`events_pYYYYMMDD` needs a four-digit year). */
const FIRST_DAY = Date.UTC(1000, 0, 1);
const LAST_DAY = Date.UTC(9999, 11, 31);

/** The partition of a day, or null when the day cannot have one (normalize keeps event times near now; this guards the name). */
function partitionName(dayStart: number): string | null {
  if (!(dayStart >= FIRST_DAY && dayStart <= LAST_DAY)) return null;
  return `events_p${new Date(dayStart).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

/** The unnest arrays (one per column) of the rows at `indexes`. */
function columnsOf(rows: readonly (unknown[] | null)[], indexes: readonly number[]): unknown[][] {
  const cols: unknown[][] = ROW_COLUMNS.map(() => new Array(indexes.length));
  for (let k = 0; k < indexes.length; k++) {
    const row = rows[indexes[k]!]!;
    for (let c = 0; c < row.length; c++) cols[c]![k] = row[c];
  }
  return cols;
}

interface Where {
  sql: string;
  params: unknown[];
}

/** EventStore on a pg pool (the database must be migrated with `vigil migrate`). */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres';
  private readonly partitions = new Set<number>();

  /** Searches run here: with a time budget, a pool of its own whose sessions carry `statement_timeout`. */
  private readonly reads: pg.Pool;
  private readonly timeoutMs: number;

  /** `searchTimeoutMs` (`search.timeout`) bounds every search by PostgreSQL's own statement_timeout. */
  constructor(private readonly pool: pg.Pool, opts: { searchTimeoutMs?: number } = {}) {
    this.timeoutMs = opts.searchTimeoutMs ?? 0;
    // A second small pool rather than SET per query: no extra round trips, and ingest keeps no timeout.
    this.reads = this.timeoutMs > 0 ? new pg.Pool({ ...pool.options, max: 4, statement_timeout: this.timeoutMs }) : pool;
    if (this.reads !== pool) this.reads.on('error', () => {
      /* idle client errors surface on the next query */
    });
  }

  /** A search statement; PostgreSQL's cancel on timeout (57014) becomes VIGIL_ERR_QUERY_TIMEOUT. */
  private async read<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    try {
      return (await this.reads.query<R>(sql, params)).rows;
    } catch (err) {
      if ((err as { code?: string }).code === '57014') throw queryTimeout(this.timeoutMs);
      throw err;
    }
  }

  private where(f: EventFilter, offset = 0): Where {
    const params: unknown[] = [f.tenantId];
    const parts = [`tenant_id = $${offset + 1}`];
    if (f.from !== undefined) {
      params.push(f.from);
      parts.push(`ts >= $${offset + params.length}`);
    }
    if (f.to !== undefined) {
      params.push(f.to);
      parts.push(`ts < $${offset + params.length}`);
    }
    if (f.query) {
      const q = compileSql(f.query, { dialect: 'postgres', columns: EVENT_COLUMNS, doc: 'doc', paramOffset: offset + params.length });
      parts.push(`(${q.where})`);
      params.push(...q.params);
    }
    return { sql: parts.join(' AND '), params };
  }

  /** Creates the missing partition of a day; a day that cannot have one throws a RangeError (isolated per event). */
  private async ensurePartition(day: number): Promise<void> {
    if (this.partitions.has(day)) return;
    const name = partitionName(day);
    if (name === null) throw new RangeError(`the event time is outside the storable range (years 1000-9999)`);
    try {
      await this.pool.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF events FOR VALUES FROM (${day}) TO (${day + DAY})`);
    } catch (err) {
      // Another process may have created it between our check and create.
      if (!/already exists/.test((err as Error).message)) throw err;
    }
    this.partitions.add(day);
  }

  /**
   * One INSERT … SELECT FROM unnest for the whole batch. An event the database refuses (JSON text it
   * will not take, a day without a partition) is isolated by halving and reported by index; an outage
   * fails the batch with a 503.
   */
  async append(batch: readonly TenantEvent[]): Promise<AppendRejection[]> {
    if (!batch.length) return [];
    const rejected: AppendRejection[] = [];
    const rows: (unknown[] | null)[] = new Array(batch.length);
    const byDay = new Map<number, number[]>();
    for (let i = 0; i < batch.length; i++) {
      const r = batch[i]!;
      let row: unknown[];
      try {
        row = toRow(r.tenantId, r.event);
        for (const t of TEXT_INDEXES) if (typeof row[t] === 'string') row[t] = pgSafe(row[t] as string);
        row[DOC_INDEX] = pgSafeDoc(r.event, row[DOC_INDEX] as string);
      } catch (err) {
        // A document JSON.stringify cannot write (nesting past its stack) costs only its own event.
        rows[i] = null;
        rejected.push({ index: i, error: rejectionText(err) });
        continue;
      }
      rows[i] = row;
      const day = Math.floor((row[TS_INDEX] as number) / DAY) * DAY;
      const list = byDay.get(day);
      if (list) list.push(i);
      else byDay.set(day, [i]);
    }
    try {
      for (const [day, indexes] of byDay) {
        try {
          await this.ensurePartition(day);
        } catch (err) {
          if (!(err instanceof RangeError)) throw err;
          for (const i of indexes) {
            rows[i] = null;
            rejected.push({ index: i, error: rejectionText(err) });
          }
        }
      }
      // Publish order is kept (the event log's positions follow it).
      const ready: number[] = [];
      for (let i = 0; i < rows.length; i++) if (rows[i]) ready.push(i);
      await insertIsolating(ready, async (indexes) => {
        await this.pool.query(INSERT, columnsOf(rows, indexes));
      }, rejected);
    } catch (err) {
      throw storageUnavailable(err) ?? err;
    }
    return rejected.sort((a, b) => a.index - b.index);
  }

  async search(req: SearchRequest): Promise<SearchPage> {
    const w = this.where(req);
    let sql = `SELECT message, doc::text AS doc FROM events WHERE ${w.sql}`;
    const asc = req.order === 'asc';
    if (req.cursor) {
      w.params.push(req.cursor.ts, req.cursor.id);
      const n = w.params.length;
      const o = asc ? '>' : '<';
      sql += ` AND (ts ${o} $${n - 1} OR (ts = $${n - 1} AND id ${o} $${n}))`;
    }
    w.params.push(req.limit + 1);
    sql += asc ? ` ORDER BY ts, id LIMIT $${w.params.length}` : ` ORDER BY ts DESC, id DESC LIMIT $${w.params.length}`;
    const rows = await this.read<{ message: string; doc: string }>(sql, w.params);
    const events = rows.slice(0, req.limit).map((r) => fromRow(r.message, r.doc));
    const last = events[events.length - 1];
    return { events, nextCursor: rows.length > req.limit && last ? { ts: Date.parse(last['@timestamp']), id: last.id } : null };
  }

  async get(tenantId: string, id: string): Promise<VigilEvent | null> {
    const rows = await this.read<{ message: string; doc: string }>('SELECT message, doc::text AS doc FROM events WHERE id = $1 AND tenant_id = $2 LIMIT 1', [id, tenantId]);
    return rows[0] ? fromRow(rows[0].message, rows[0].doc) : null;
  }

  async histogram(f: EventFilter & { intervalMs: number; from: number; to: number }): Promise<HistogramBucket[]> {
    const w = this.where(f, 2);
    const rows = await this.read<{ b: string; c: string }>(`SELECT (ts - $1) / $2 AS b, count(*) AS c FROM events WHERE ${w.sql} GROUP BY b`, [f.from, f.intervalMs, ...w.params]);
    return fillBuckets(rows, f.from, f.to, f.intervalMs);
  }

  async top(f: EventFilter & { field: string; limit: number }): Promise<TopValue[]> {
    const w = this.where(f);
    const expr = f.field === 'vigil.severity' ? 'severity' : fieldTextSql(f.field, 'postgres');
    w.params.push(f.limit);
    const rows = await this.read<{ v: string | number; c: string }>(`SELECT ${expr} AS v, count(*) AS c FROM events WHERE ${w.sql} AND ${expr} IS NOT NULL GROUP BY v ORDER BY c DESC, v LIMIT $${w.params.length}`, w.params);
    return rows.map((r) => ({ value: f.field === 'vigil.severity' ? (SEVERITIES[Number(r.v)] ?? String(r.v)) : r.v, count: Number(r.c) }));
  }

  async terms(f: EventFilter & { fields: readonly string[]; limit: number }): Promise<TermRow[]> {
    const cols = f.fields.map((x) => fieldScalarSql(x, 'postgres'));
    const w = this.where(f);
    w.params.push(f.limit);
    const vs = cols.map((c, i) => `${c.value} AS v${i}`).join(', ');
    const by = cols.map((_, i) => `v${i}`).join(', ');
    const rows = await this.read<Record<string, string>>(`SELECT ${vs}, max(ts) AS t FROM events WHERE ${w.sql} AND ${cols.map((c) => c.isScalar).join(' AND ')} GROUP BY ${by} ORDER BY t DESC LIMIT $${w.params.length}`, w.params);
    // Document values come as JSON text (numbers stay numbers); message is plain text.
    return rows.map((r) => ({ values: cols.map((c, i) => (c.value === 'message' ? r[`v${i}`]! : (JSON.parse(r[`v${i}`]!) as string | number))), lastSeen: Number(r.t) }));
  }

  async fields(f: EventFilter & { sample: number }): Promise<FieldStat[]> {
    const w = this.where(f);
    w.params.push(f.sample);
    const rows = await this.read<{ message: string; doc: Record<string, unknown> }>(`SELECT message, doc FROM events WHERE ${w.sql} ORDER BY ts DESC, id DESC LIMIT $${w.params.length}`, w.params);
    return countFields(rows.map((r) => fromRow(r.message, r.doc)));
  }

  export(f: EventFilter, pageSize = 1000): AsyncIterable<VigilEvent> {
    return pagedExport((req) => this.search(req), f, pageSize);
  }

  async count(f: EventFilter): Promise<number> {
    const w = this.where(f);
    const rows = await this.read<{ c: string }>(`SELECT count(*) AS c FROM events WHERE ${w.sql}`, w.params);
    return Number(rows[0]!.c);
  }

  async deleteBefore(cutoffMs: number, tenantId?: string): Promise<number> {
    // One tenant's shorter retention deletes rows; whole partitions are dropped only for everyone.
    if (tenantId) return (await this.pool.query('DELETE FROM events WHERE tenant_id = $1 AND ts < $2', [tenantId, cutoffMs])).rowCount ?? 0;
    const { rows } = await this.pool.query<{ name: string; bound: string }>(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events' AND p.relnamespace = current_schema()::regnamespace`,
    );
    let total = 0;
    for (const r of rows) {
      const m = /TO \('?(\d+)'?\)/.exec(r.bound);
      if (!m || Number(m[1]) > cutoffMs) continue;
      const { rows: cnt } = await this.pool.query<{ c: string }>(`SELECT count(*) AS c FROM ${r.name}`);
      await this.pool.query(`DROP TABLE ${r.name}`);
      this.partitions.delete(Number(m[1]) - DAY);
      total += Number(cnt[0]!.c);
    }
    const res = await this.pool.query('DELETE FROM events WHERE ts < $1', [cutoffMs]);
    return total + (res.rowCount ?? 0);
  }

  async close(): Promise<void> {
    // The main pool belongs to the PostgresDb that opened it; the search pool is ours.
    if (this.reads !== this.pool) await this.reads.end();
  }
}
