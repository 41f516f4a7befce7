/**
 * @module storage/postgres-search-index-target
 * The search indexer's access to PostgreSQL, on a small pool of its own. It reads the committed event
 * log exactly as `PostgresEventLog` does (positions `xid:seq`, only transactions older than the oldest
 * running one), so the watermark never passes an event that commits later. IP fields are read from
 * the document: that is where PostgreSQL's query compiler compares them.
 */
import type pg from 'pg';
import { LOG_START, type LogPosition } from '@vigil/contracts';
import { INDEXED_FIELDS } from '@vigil/core';
import { HORIZON } from './postgres-event-log.ts';
import type { IndexRow, Rollup } from './search-index-builder.ts';
import type { IndexSlice, MergeGroup, NumberedPart, SearchIndexTarget } from './search-index-target.ts';

const FIELDS = INDEXED_FIELDS.map((f) => (f.kind === 'ip' ? `doc->'${f.field}' AS ${f.column}` : f.column)).join(', ');
const READ = `SELECT log_xid::text AS x, log_seq::text AS s, tenant_id, ts, message, ${FIELDS} FROM events
  WHERE log_xid >= $1::bigint AND (log_xid > $1::bigint OR log_seq > $2::bigint) AND log_xid < ${HORIZON}
  ORDER BY log_xid, log_seq LIMIT $3`;

/**
 * The index's watermark on PostgreSQL: the log position `xid:seq` of the last indexed event, with
 * `:end` when every event of that transaction is indexed. Then the tail above it is just
 * `log_xid > xid` (an index range); otherwise it also holds the rest of that transaction, which a
 * search must visit row by row (a 10,000-event batch cost ~50 ms).
 */
export interface IndexPosition {
  x: string;
  s: string;
  complete: boolean;
}

/** Reads a watermark (`0` = nothing indexed yet). */
export function indexPosition(p: string): IndexPosition {
  if (p === LOG_START) return { x: '0', s: '0', complete: true };
  const m = /^(\d{1,20}):(\d{1,20})(:end)?$/.exec(p);
  if (!m) throw new Error(`search index: "${p.slice(0, 40)}" is not a PostgreSQL watermark`);
  return { x: m[1]!, s: m[2]!, complete: !!m[3] };
}

/** SQL for "at or below the watermark" / "above it" on the events table, from `$n` (xid) and `$n+1` (seq). */
export function watermarkSql(w: IndexPosition, n: number): { below: string; above: string; params: string[] } {
  if (w.complete) return { below: `log_xid <= $${n}::bigint`, above: `(log_xid > $${n}::bigint OR log_xid IS NULL)`, params: [w.x] };
  return {
    below: `(log_xid < $${n}::bigint OR (log_xid = $${n}::bigint AND log_seq <= $${n + 1}::bigint))`,
    above: `(log_xid IS NULL OR log_xid > $${n}::bigint OR (log_xid = $${n}::bigint AND log_seq > $${n + 1}::bigint))`,
    params: [w.x, w.s],
  };
}

function bytea(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** SearchIndexTarget on a pg pool over a migrated database. */
export class PostgresSearchIndexTarget implements SearchIndexTarget {
  readonly kind = 'postgres';

  constructor(private readonly pool: pg.Pool, private readonly ownsPool = false) {}

  async state(): Promise<{ position: LogPosition; nextPart: number }> {
    const { rows } = await this.pool.query<{ position: string; next_part: string }>("SELECT position, next_part FROM search_index_state WHERE tenant_id = ''");
    return { position: rows[0]?.position ?? LOG_START, nextPart: Number(rows[0]?.next_part ?? 1) };
  }

  async read(position: LogPosition, limit: number): Promise<IndexSlice> {
    const { x, s } = indexPosition(position);
    let { rows } = await this.pool.query<Record<string, unknown> & { x: string; s: string; tenant_id: string; ts: string | number; message: string }>(READ, [x, s, limit]);
    const more = rows.length === limit;
    // End slices at a transaction's end when there is one in the slice: the watermark is then complete.
    let complete = !more;
    if (more && rows[0]!.x !== rows[rows.length - 1]!.x) {
      const lastX = rows[rows.length - 1]!.x;
      let k = rows.length;
      while (rows[k - 1]!.x === lastX) k--;
      rows = rows.slice(0, k);
      complete = true;
    }
    const out: IndexRow[] = rows.map((r) => ({ tenantId: r.tenant_id, ts: Number(r.ts), message: r.message, fields: INDEXED_FIELDS.map((f) => r[f.column] as string | unknown[] | null) }));
    const last = rows[rows.length - 1];
    return { rows: out, read: rows.length, more, next: last ? `${last.x}:${last.s}${complete ? ':end' : ''}` : position };
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  private async writeParts(c: pg.PoolClient, parts: readonly NumberedPart[]): Promise<void> {
    if (!parts.length) return;
    await c.query('INSERT INTO search_parts (tenant_id, day, part, level, events, buckets) SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::int[], $5::int[], $6::int[])', [
      parts.map((p) => p.tenantId), parts.map((p) => p.day), parts.map((p) => p.part), parts.map((p) => p.level), parts.map((p) => p.events), parts.map((p) => p.buckets.length),
    ]);
    const cols: [string[], number[], number[], number[], Buffer[]] = [[], [], [], [], []];
    for (const p of parts) {
      p.buckets.forEach((b, i) => {
        cols[0].push(p.tenantId);
        cols[1].push(p.day);
        cols[2].push(p.part);
        cols[3].push(i);
        cols[4].push(bytea(b));
      });
    }
    await c.query('INSERT INTO search_buckets (tenant_id, day, part, bucket, data) SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::int[], $5::bytea[])', cols);
  }

  async commit(from: LogPosition, to: LogPosition, parts: NumberedPart[], rollups: Rollup[], nextPart: number): Promise<boolean> {
    return this.tx(async (c) => {
      const own = await c.query<{ position: string }>("SELECT position FROM search_index_state WHERE tenant_id = '' FOR UPDATE");
      if (own.rows[0]?.position !== from) return false;
      await this.writeParts(c, parts);
      if (rollups.length) {
        await c.query(
          'INSERT INTO search_rollups (tenant_id, minute, dataset, n) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[]) ON CONFLICT (tenant_id, minute, dataset) DO UPDATE SET n = search_rollups.n + excluded.n',
          [rollups.map((r) => r.tenantId), rollups.map((r) => r.minute), rollups.map((r) => r.dataset), rollups.map((r) => r.n)],
        );
      }
      await c.query("UPDATE search_index_state SET position = $1, next_part = GREATEST(next_part, $2) WHERE tenant_id = ''", [to, nextPart]);
      await c.query("INSERT INTO search_index_state (tenant_id, position) SELECT id, $1 FROM tenants WHERE id <> '' ON CONFLICT (tenant_id) DO UPDATE SET position = excluded.position", [to]);
      return true;
    });
  }

  async mergeGroups(min: number, maxLevel: number): Promise<MergeGroup[]> {
    const { rows: groups } = await this.pool.query<{ tenant_id: string; day: number; level: number }>('SELECT tenant_id, day, level FROM search_parts WHERE level < $1 GROUP BY tenant_id, day, level HAVING count(*) >= $2 LIMIT 20', [maxLevel, min]);
    const out: MergeGroup[] = [];
    for (const g of groups) {
      const { rows } = await this.pool.query<{ part: string; events: number }>('SELECT part, events FROM search_parts WHERE tenant_id = $1 AND day = $2 AND level = $3 ORDER BY part LIMIT $4', [g.tenant_id, g.day, g.level, min]);
      out.push({ tenantId: g.tenant_id, day: g.day, level: g.level, parts: rows.map((r) => ({ part: Number(r.part), events: r.events })) });
    }
    return out;
  }

  async buckets(tenantId: string, day: number, part: number): Promise<Uint8Array[]> {
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM search_buckets WHERE tenant_id = $1 AND day = $2 AND part = $3 ORDER BY bucket', [tenantId, day, part]);
    return rows.map((r) => r.data);
  }

  async replace(tenantId: string, day: number, old: readonly number[], merged: NumberedPart): Promise<boolean> {
    return this.tx(async (c) => {
      // Retention may have deleted the day meanwhile: then there is nothing to replace.
      const held = await c.query('SELECT part FROM search_parts WHERE tenant_id = $1 AND day = $2 AND part = ANY($3::bigint[]) FOR UPDATE', [tenantId, day, old]);
      if (held.rowCount !== old.length) return false;
      await c.query('DELETE FROM search_parts WHERE tenant_id = $1 AND day = $2 AND part = ANY($3::bigint[])', [tenantId, day, old]);
      await c.query('DELETE FROM search_buckets WHERE tenant_id = $1 AND day = $2 AND part = ANY($3::bigint[])', [tenantId, day, old]);
      await this.writeParts(c, [merged]);
      await c.query("UPDATE search_index_state SET next_part = GREATEST(next_part, $1) WHERE tenant_id = ''", [merged.part + 1]);
      return true;
    });
  }

  async lag(position: LogPosition): Promise<number> {
    // An estimate: the sequence hands out numbers in blocks per session, and counting would cost.
    const { s } = indexPosition(position);
    const { rows } = await this.pool.query<{ v: string }>('SELECT last_value::text AS v FROM events_log_seq');
    return Math.max(0, Number(rows[0]?.v ?? 0) - Number(s));
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
