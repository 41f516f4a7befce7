/**
 * @module storage/postgres-event-store
 * EventStore on PostgreSQL: a table partitioned by day (`events_pYYYYMMDD`, created on demand), batch
 * writes as one `COPY … FROM STDIN` (text format, postgres-copy.ts), retention by dropping whole partitions.
 * With a log tail (postgres-log-tail.ts) each COPY runs in a transaction that first learns its id and
 * takes its rows' `log_seq` numbers, so the committed rows go to the tail with their exact positions.
 */
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { SEVERITIES, type VigilEvent } from '@vigil/contracts';
import { compileSql, EVENT_COLUMNS, keyPlan } from '@vigil/core';
import type { AppendRejection, EventStore, TenantEvent, SearchRequest, SearchPage, EventFilter, HistogramBucket, TopValue, FieldStat, TermRow } from './event-store.ts';
import { toRow, fromRow, ROW_COLUMNS, ROW_INDEX, DOC_INDEX } from './event-row.ts';
import { copyLine } from './postgres-copy.ts';
import type { PostgresLogTail } from './postgres-log-tail.ts';
import { fieldScalarSql, fieldTextSql } from './field-sql.ts';
import { countFields, fillBuckets, pagedExport } from './aggregate.ts';
import { queryTimeout } from './query-deadline.ts';
import { insertIsolating, isEventError, rejectionText } from './write-isolation.ts';
import { storageUnavailable } from './storage-errors.ts';
import { indexPosition, watermarkSql } from './postgres-search-index-target.ts';
import { PAGE_SHARE, pageByIndex, type Lookup } from './search-index-lookup.ts';
import { postgresLookup, postgresRollups } from './postgres-search-index-reader.ts';
import { byNewest, chunks, mergeTop, rollupDataset, rollupWindow, type PageRow } from './search-index-plan.ts';
import { MINUTE_MS } from './search-index-builder.ts';

const DAY = 86_400_000;
const TS_INDEX = ROW_INDEX['@timestamp']!;
/** One statement per batch: the rows' text goes straight to the connection, each field escaped once. */
const COPY = `COPY events (${ROW_COLUMNS.join(', ')}) FROM STDIN`;
/** The same with `log_seq` written first (the log tail's batches). */
const LOGGED_COPY = `COPY events (log_seq, ${ROW_COLUMNS.join(', ')}) FROM STDIN`;

/**
 * Opens a batch's transaction and learns, in one round trip, its id (what `log_xid`'s default writes)
 * and `n` numbers of the log sequence — the same sequence as the column default, so `log_seq` stays
 * unique and increasing across every writer (the search index estimates its tail from it).
 */
const beginLogged = (n: number) =>
  `BEGIN; SELECT pg_current_xact_id()::text AS x, (SELECT string_agg(nextval('events_log_seq')::text, ',') FROM generate_series(1, ${n})) AS s`;

/** The numbers as the tail holds them: increasing (a session takes them in increasing blocks) and exact as doubles; else null. */
function exactSeqs(texts: readonly string[]): number[] | null {
  const seqs = texts.map(Number);
  for (let k = 0; k < seqs.length; k++) if (!Number.isSafeInteger(seqs[k]) || (k > 0 && seqs[k]! <= seqs[k - 1]!)) return null;
  return seqs;
}

/** The document of an event as jsonb will take it: jsonb refuses the escape \u0000, so NUL becomes U+FFFD (as in text columns). */
function pgSafeDoc(e: VigilEvent, json: string): string {
  return json.includes('\\u0000') ? JSON.stringify(e, (_k, v) => (typeof v === 'string' ? v.replace(/\u0000/g, '\uFFFD') : v)) : json;
}

/** First and last day a partition can be named for (`events_pYYYYMMDD` needs a four-digit year). */
const FIRST_DAY = Date.UTC(1000, 0, 1);
const LAST_DAY = Date.UTC(9999, 11, 31);

/** The partition of a day, or null when the day cannot have one (normalize keeps event times near now; this guards the name). */
function partitionName(dayStart: number): string | null {
  if (!(dayStart >= FIRST_DAY && dayStart <= LAST_DAY)) return null;
  return `events_p${new Date(dayStart).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

interface Where {
  sql: string;
  params: unknown[];
}

/** An index lookup that the store will use. */
type Indexed = Extract<Lookup, { use: true }>;

/** Where a read gets its rows: the scan, candidates of the index (at or below the watermark), or the tail above it. */
type Source = { kind: 'scan' } | { kind: 'candidates'; ts: readonly number[]; position: string } | { kind: 'tail'; position: string };

/** EventStore on a pg pool (the database must be migrated with `vigil migrate`). */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres';
  private readonly partitions = new Set<number>();

  /** Searches run here: with a time budget, a pool of its own whose sessions carry `statement_timeout`. */
  private readonly reads: pg.Pool;
  private readonly timeoutMs: number;

  /** Committed batches with their positions, for the event log (absent: COPY alone, positions from the column defaults). */
  private readonly tail: PostgresLogTail | undefined;

  /** `searchTimeoutMs` (`search.timeout`) bounds every search by PostgreSQL's own statement_timeout. */
  constructor(private readonly pool: pg.Pool, opts: { searchTimeoutMs?: number; tail?: PostgresLogTail } = {}) {
    this.timeoutMs = opts.searchTimeoutMs ?? 0;
    this.tail = opts.tail;
    // A second small pool rather than SET per query: no extra round trips, and ingest keeps no timeout.
    this.reads = this.timeoutMs > 0 ? new pg.Pool({ ...pool.options, max: 4, statement_timeout: this.timeoutMs }) : pool;
    if (this.reads !== pool) this.reads.on('error', () => {
      /* idle client errors surface on the next query */
    });
  }

  /** A search statement; PostgreSQL's cancel on timeout (57014) becomes VIGIL_ERR_QUERY_TIMEOUT. */
  private read<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    return this.timed(async () => (await this.reads.query<R>(sql, params)).rows);
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

  /**
   * The WHERE clause of a filter over one source (placeholders from `offset` + 1). Watermarks are
   * log positions `xid:seq` (watermarkSql); rows from before the event log (no xid) are never
   * indexed, so they belong to the tail.
   */
  private sourceWhere(f: EventFilter, src: Source, offset = 0): Where {
    const w = this.where(f, offset);
    if (src.kind === 'scan') return w;
    const n = offset + w.params.length;
    if (src.kind === 'candidates') {
      const wm = watermarkSql(indexPosition(src.position), n + 2);
      return { sql: `${w.sql} AND ts = ANY($${n + 1}::bigint[]) AND ${wm.below}`, params: [...w.params, src.ts, ...wm.params] };
    }
    const wm = watermarkSql(indexPosition(src.position), n + 1);
    return { sql: `${w.sql} AND ${wm.above}`, params: [...w.params, ...wm.params] };
  }

  /** The lookup of a filter whose query the index can narrow, when the index covers it well enough to use. */
  private async indexed(f: EventFilter, maxShare?: number): Promise<Indexed | null> {
    const look = await this.lookup(f, maxShare);
    return look?.use ? look : null;
  }

  /** What the search index answers for a filter's query (null: the query has no index keys). */
  private async lookup(f: EventFilter, maxShare?: number): Promise<Lookup | null> {
    const plan = f.query ? keyPlan(f.query) : null;
    if (!plan) return null;
    return this.timed(() => postgresLookup(this.reads, { tenantId: f.tenantId, from: f.from, to: f.to, plan, maxShare }));
  }

  /** Every source of an indexed read: the candidates in statements of bounded size, then the tail. */
  private *sources(look: Indexed): Generator<Source> {
    for (const ts of chunks(look.candidates, 8192, 8192)) yield { kind: 'candidates', ts, position: look.state.position };
    yield { kind: 'tail', position: look.state.position };
  }

  /** Runs index reads with the search error mapping (a timeout becomes VIGIL_ERR_QUERY_TIMEOUT). */
  private async timed<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if ((err as { code?: string }).code === '57014') throw queryTimeout(this.timeoutMs);
      throw err;
    }
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
   * One COPY for the whole batch (one transaction, committed before this resolves). An event the
   * database refuses (JSON text it will not take, a day without a partition) fails the whole COPY, so it
   * is isolated by halving and reported by index; an outage fails the batch with a 503.
   */
  async append(batch: readonly TenantEvent[]): Promise<AppendRejection[]> {
    if (!batch.length) return [];
    const rejected: AppendRejection[] = [];
    const lines: (string | null)[] = new Array(batch.length);
    const byDay = new Map<number, number[]>();
    for (let i = 0; i < batch.length; i++) {
      const r = batch[i]!;
      let line: string;
      let ts: number;
      try {
        const row = toRow(r.tenantId, r.event);
        row[DOC_INDEX] = pgSafeDoc(r.event, row[DOC_INDEX] as string);
        line = copyLine(row);
        ts = row[TS_INDEX] as number;
      } catch (err) {
        // A document JSON.stringify cannot write (nesting past its stack) costs only its own event.
        lines[i] = null;
        rejected.push({ index: i, error: rejectionText(err) });
        continue;
      }
      lines[i] = line;
      const day = Math.floor(ts / DAY) * DAY;
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
            lines[i] = null;
            rejected.push({ index: i, error: rejectionText(err) });
          }
        }
      }
      // Publish order is kept (the event log's positions follow it).
      const ready: number[] = [];
      for (let i = 0; i < lines.length; i++) if (lines[i] !== null) ready.push(i);
      await insertIsolating(ready, (indexes) => (this.tail ? this.copyLogged(lines, indexes, this.tail) : this.copy(lines, indexes)), rejected);
    } catch (err) {
      throw storageUnavailable(err) ?? err;
    }
    return rejected.sort((a, b) => a.index - b.index);
  }

  /** Copies the lines at `indexes` in one statement (its own transaction). */
  private async copy(lines: readonly (string | null)[], indexes: readonly number[]): Promise<void> {
    let text = '';
    for (const i of indexes) text += lines[i]!;
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      const stream = client.query(copyFrom(COPY));
      stream.end(text);
      await finished(stream);
    } catch (err) {
      // A refused row leaves the connection ready for the next statement; anything else may not have.
      if (!isEventError(err)) broken = err;
      throw err;
    } finally {
      client.release(broken instanceof Error ? broken : broken === undefined ? undefined : true);
    }
  }

  /**
   * `copy` inside a transaction that knows its id and writes each row's `log_seq`, then hands the
   * committed rows to the tail: two more round trips per batch (BEGIN with the numbers, COMMIT).
   */
  private async copyLogged(lines: readonly (string | null)[], indexes: readonly number[], tail: PostgresLogTail): Promise<void> {
    const client = await this.pool.connect();
    let broken: unknown;
    let open = false;
    try {
      open = true;
      const head = (await client.query(beginLogged(indexes.length))) as unknown as pg.QueryResult<{ x: string; s: string }>[];
      const { x, s } = head[1]!.rows[0]!;
      const texts = s.split(',');
      let text = '';
      for (let k = 0; k < indexes.length; k++) text += `${texts[k]}\t${lines[indexes[k]!]!}`;
      const stream = client.query(copyFrom(LOGGED_COPY));
      stream.end(text);
      await finished(stream);
      await client.query('COMMIT');
      open = false;
      const seqs = exactSeqs(texts);
      // The tail keeps the text PostgreSQL parsed (one flat string per batch), not the row objects:
      // holding those for seconds promoted them out of the young generation (~3 µs per event of GC).
      if (seqs) tail.push(Number(x), seqs, text);
    } catch (err) {
      // A refused row leaves the connection ready once rolled back; anything else may not have.
      if (!isEventError(err)) broken = err;
      if (open) await client.query('ROLLBACK').catch((e: unknown) => (broken ??= e));
      throw err;
    } finally {
      client.release(broken instanceof Error ? broken : broken === undefined ? undefined : true);
    }
  }

  async search(req: SearchRequest): Promise<SearchPage> {
    const look = await this.lookup(req, PAGE_SHARE);
    const rows =
      look?.use && pageByIndex(look, req.limit)
        ? await this.pageByIndex(req, look)
        : // The index knows the matches are dense: a newest-first walk finds a page in a few thousand rows.
          await this.page(req, { kind: 'scan' }, req.limit + 1, look !== null && (look.use || look.reason !== 'not indexed'));
    const events = rows.slice(0, req.limit).map((r) => fromRow(r.message, r.doc));
    const last = events[events.length - 1];
    return { events, nextCursor: rows.length > req.limit && last ? { ts: Date.parse(last['@timestamp']), id: last.id } : null };
  }

  /** Up to `want` rows of one source, in the request's order (newest first unless `asc`). */
  private page(req: SearchRequest, src: Source, want: number, dense = false): Promise<PageRow[]> {
    const w = this.sourceWhere(req, src);
    const asc = req.order === 'asc';
    let sql = `SELECT ts, id, message, doc::text AS doc FROM events WHERE ${w.sql}`;
    if (req.cursor) {
      w.params.push(req.cursor.ts, req.cursor.id);
      const n = w.params.length;
      const o = asc ? '>' : '<';
      sql += ` AND (ts ${o} $${n - 1} OR (ts = $${n - 1} AND id ${o} $${n}))`;
    }
    w.params.push(want);
    sql += asc ? ` ORDER BY ts, id LIMIT $${w.params.length}` : ` ORDER BY ts DESC, id DESC LIMIT $${w.params.length}`;
    return dense ? this.readInOrder<PageRow>(sql, w.params) : this.read<PageRow>(sql, w.params);
  }

  /**
   * A page statement walked in the (tenant_id, ts, id) index's order. PostgreSQL estimates a
   * `LIKE '%word%'` at a fraction of a percent of rows, so for a common word it plans a parallel
   * sequential scan and a top-N sort of every match (550 ms over 200k events) where the ordered walk
   * stops after a page (14 ms). Only for matches the index found dense: for rare ones the walk would
   * read the whole table in index order (2 s against 0.55 s).
   */
  private readInOrder<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    return this.timed(async () => {
      const client = await this.reads.connect();
      try {
        await client.query('BEGIN READ ONLY; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off');
        const rows = (await client.query<R>(sql, params)).rows;
        await client.query('COMMIT');
        return rows;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    });
  }

  /** A page through the index: candidates in the page's order until a page is full, plus the tail's first; merged and cut. */
  private async pageByIndex(req: SearchRequest, look: Indexed): Promise<PageRow[]> {
    const want = req.limit + 1;
    const asc = req.order === 'asc';
    const cursor = req.cursor;
    let cands = asc ? [...look.candidates].reverse() : look.candidates;
    if (cursor) cands = cands.filter((t) => (asc ? t >= cursor.ts : t <= cursor.ts));
    const rows: PageRow[] = [];
    for (const ts of chunks(cands)) {
      rows.push(...(await this.page(req, { kind: 'candidates', ts, position: look.state.position }, want)));
      if (rows.length >= want) break;
    }
    rows.push(...(await this.page(req, { kind: 'tail', position: look.state.position }, want)));
    return rows.sort(asc ? (a, b) => byNewest(b, a) : byNewest).slice(0, want);
  }

  async get(tenantId: string, id: string): Promise<VigilEvent | null> {
    const rows = await this.read<{ message: string; doc: string }>('SELECT message, doc::text AS doc FROM events WHERE id = $1 AND tenant_id = $2 LIMIT 1', [id, tenantId]);
    return rows[0] ? fromRow(rows[0].message, rows[0].doc) : null;
  }

  async histogram(f: EventFilter & { intervalMs: number; from: number; to: number }): Promise<HistogramBucket[]> {
    const count = (src: Source, range: { from: number; to: number } = f) => {
      const w = this.sourceWhere({ ...f, ...range }, src, 2);
      return this.read<{ b: string; c: string }>(`SELECT (ts - $1) / $2 AS b, count(*) AS c FROM events WHERE ${w.sql} GROUP BY b`, [f.from, f.intervalMs, ...w.params]);
    };
    const rows: { b: string | number; c: string | number }[] = [];
    const dataset = rollupDataset(f.query);
    if (dataset !== undefined && rollupWindow(f.from, f.to, f.intervalMs, 0)) {
      const ans = await this.timed(() => postgresRollups(this.reads, { tenantId: f.tenantId, from: f.from, to: f.to, dataset }));
      const win = ans && rollupWindow(f.from, f.to, f.intervalMs, ans.state.floor);
      if (ans && win) {
        // Whole minutes below the watermark from the counts; the ragged ends below it and the tail above it scanned.
        for (const m of ans.minutes) if (m.minute >= win.lo && m.minute < win.hi) rows.push({ b: Math.floor((m.minute - f.from) / f.intervalMs), c: m.n });
        for (const r of [{ from: f.from, to: win.lo }, { from: win.hi, to: f.to }]) if (r.to > r.from) rows.push(...(await this.countBelow(f, r, ans.state.position)));
        rows.push(...(await count({ kind: 'tail', position: ans.state.position })));
        return fillBuckets(rows, f.from, f.to, f.intervalMs);
      }
    }
    const look = await this.indexed(f);
    if (look) for (const src of this.sources(look)) rows.push(...(await count(src)));
    else rows.push(...(await count({ kind: 'scan' })));
    return fillBuckets(rows, f.from, f.to, f.intervalMs);
  }

  /** Histogram rows of events at or below the watermark in a time range (what the minute counts leave). */
  private countBelow(f: EventFilter & { intervalMs: number; from: number }, range: { from: number; to: number }, position: string): Promise<{ b: string; c: string }[]> {
    const w = this.where({ ...f, ...range }, 2);
    const wm = watermarkSql(indexPosition(position), 2 + w.params.length + 1);
    return this.read<{ b: string; c: string }>(`SELECT (ts - $1) / $2 AS b, count(*) AS c FROM events WHERE ${w.sql} AND ${wm.below} GROUP BY b`, [f.from, f.intervalMs, ...w.params, ...wm.params]);
  }

  async top(f: EventFilter & { field: string; limit: number }): Promise<TopValue[]> {
    const expr = f.field === 'vigil.severity' ? 'severity' : fieldTextSql(f.field, 'postgres');
    const group = (src: Source, limit: number | null) => {
      const w = this.sourceWhere(f, src);
      w.params.push(limit);
      return this.read<{ v: string | number; c: string }>(`SELECT ${expr} AS v, count(*) AS c FROM events WHERE ${w.sql} AND ${expr} IS NOT NULL GROUP BY v ORDER BY c DESC, v LIMIT $${w.params.length}`, w.params);
    };
    const look = await this.indexed(f);
    let rows: { v: string | number; c: string | number }[];
    if (look) {
      // Each source counts every value (no limit): the top of the sum is not the sum of the tops.
      const parts: { v: string | number; c: string }[][] = [];
      for (const src of this.sources(look)) parts.push(await group(src, null));
      rows = mergeTop(parts, f.limit);
    } else rows = await group({ kind: 'scan' }, f.limit);
    return rows.map((r) => ({ value: f.field === 'vigil.severity' ? (SEVERITIES[Number(r.v)] ?? String(r.v)) : r.v, count: Number(r.c) }));
  }

  async fields(f: EventFilter & { sample: number }): Promise<FieldStat[]> {
    const page = await this.search({ ...f, limit: f.sample });
    return countFields(page.events);
  }

  export(f: EventFilter, pageSize = 1000): AsyncIterable<VigilEvent> {
    return pagedExport((req) => this.search(req), f, pageSize);
  }

  async count(f: EventFilter): Promise<number> {
    const one = async (src: Source) => {
      const w = this.sourceWhere(f, src);
      return Number((await this.read<{ c: string }>(`SELECT count(*) AS c FROM events WHERE ${w.sql}`, w.params))[0]!.c);
    };
    const look = await this.indexed(f);
    if (!look) return one({ kind: 'scan' });
    let total = 0;
    for (const src of this.sources(look)) total += await one(src);
    return total;
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

  async deleteBefore(cutoffMs: number, tenantId?: string): Promise<number> {
    // The index's floor first: from now on no minute count before the cutoff is used, whatever is half deleted.
    await this.pool.query(`UPDATE search_index_state SET floor = GREATEST(floor, $1)${tenantId ? ' WHERE tenant_id = $2' : ''}`, tenantId ? [cutoffMs, tenantId] : [cutoffMs]);
    const deleted = await this.deleteEventsBefore(cutoffMs, tenantId);
    // Then the index's days and minutes wholly before the cutoff.
    const day = Math.floor(cutoffMs / DAY);
    const minute = Math.floor(cutoffMs / MINUTE_MS) * MINUTE_MS;
    const who = tenantId ? ' AND tenant_id = $2' : '';
    const args = tenantId ? [tenantId] : [];
    await this.pool.query(`DELETE FROM search_buckets WHERE day < $1${who}`, [day, ...args]);
    await this.pool.query(`DELETE FROM search_parts WHERE day < $1${who}`, [day, ...args]);
    await this.pool.query(`DELETE FROM search_rollups WHERE minute < $1${who}`, [minute, ...args]);
    return deleted;
  }

  private async deleteEventsBefore(cutoffMs: number, tenantId?: string): Promise<number> {
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
