/**
 * @module timeseries/sql-metric-store
 * The reads and deletes both adapters share, in portable SQL over the SqlDb port; adapters supply the
 * write path (bulk insert differs per database). Series ids are cached: a poll writes the same series
 * every interval, and a lookup per point would cost more than the insert.
 */
import type { SqlDb } from '../db/sql-db.ts';
import { labelsText, type LatestValue, type MetricQuery, type MetricSample, type MetricStore, type SeriesResult } from './metric-store.ts';

interface SeriesRow {
  id: number | string;
  name: string;
  labels: string;
}

/** Longest IN list per statement (SQLite's default variable limit is 32766; stay well below). */
const CHUNK = 500;

/** A source's series ids by `seriesKey` (name and labels in the order a sender wrote them). */
type SourceSeries = Map<string, number>;

/**
 * A series' cache key within its source: name and labels as sent, without sorting — a sender writes
 * its labels in the same order every time, so the canonical form (`labelsText`, sorted) is only
 * worked out on a miss, where the database decides the id.
 */
export function seriesKey(s: Pick<MetricSample, 'name' | 'labels'>): string {
  let k = s.name;
  for (const l in s.labels) k += `\u0001${l}\u0002${s.labels[l]}`;
  return k;
}

/** Shared SQL implementation; subclasses implement `insertPoints`. */
export abstract class SqlMetricStore implements MetricStore {
  /** Series ids by source (`tenant \0 kind \0 id`), then by `seriesKey`. */
  private readonly sources = new Map<string, SourceSeries>();

  constructor(protected readonly db: SqlDb) {}

  /** Writes samples whose series ids are known. */
  protected abstract insertPoints(rows: ReadonlyArray<readonly [seriesId: number, ts: number, value: number]>): Promise<void>;

  /** The series of `missing` (created when new), in order; one transaction for all of them. */
  private async seriesIds(missing: readonly MetricSample[]): Promise<number[]> {
    return this.db.tx(async (t) => {
      const out: number[] = [];
      for (const s of missing) {
        const labels = labelsText(s.labels);
        await t.run('INSERT INTO metric_series (tenant_id, source_kind, source_id, name, labels) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [s.tenantId, s.sourceKind, s.sourceId, s.name, labels]);
        const r = await t.get<{ id: number | string }>('SELECT id FROM metric_series WHERE tenant_id = $1 AND source_kind = $2 AND source_id = $3 AND name = $4 AND labels = $5', [s.tenantId, s.sourceKind, s.sourceId, s.name, labels]);
        out.push(Number(r!.id));
      }
      return out;
    });
  }

  async write(samples: readonly MetricSample[]): Promise<void> {
    const rows: [number, number, number][] = [];
    const missing: { s: MetricSample; source: SourceSeries; key: string; row: number }[] = [];
    // Samples of one source come together: look its map up once per run of them.
    let last: MetricSample | null = null;
    let source: SourceSeries | undefined;
    for (const s of samples) {
      if (!Number.isFinite(s.value) || !Number.isFinite(s.ts)) continue;
      if (!last || last.tenantId !== s.tenantId || last.sourceKind !== s.sourceKind || last.sourceId !== s.sourceId) {
        const sk = `${s.tenantId}\u0000${s.sourceKind}\u0000${s.sourceId}`;
        source = this.sources.get(sk);
        if (!source) this.sources.set(sk, (source = new Map()));
        last = s;
      }
      const key = seriesKey(s);
      const id = source!.get(key);
      if (id === undefined) missing.push({ s, source: source!, key, row: rows.length });
      rows.push([id ?? 0, Math.trunc(s.ts), s.value]);
    }
    if (!rows.length) return;
    if (missing.length) {
      const ids = await this.seriesIds(missing.map((m) => m.s));
      missing.forEach((m, i) => {
        m.source.set(m.key, ids[i]!);
        rows[m.row]![0] = ids[i]!;
      });
    }
    await this.insertPoints(rows);
  }

  private async seriesOf(tenantId: string, kind: string, sourceId: string, names?: readonly string[]): Promise<SeriesRow[]> {
    const params: unknown[] = [tenantId, kind, sourceId];
    let sql = 'SELECT id, name, labels FROM metric_series WHERE tenant_id = $1 AND source_kind = $2 AND source_id = $3';
    if (names?.length) {
      sql += ` AND name IN (${names.map((_, i) => `$${i + 4}`).join(', ')})`;
      params.push(...names);
    }
    return this.db.all<SeriesRow>(`${sql} ORDER BY name, labels`, params);
  }

  async query(q: MetricQuery): Promise<SeriesResult[]> {
    const want = q.labels ? Object.entries(q.labels) : [];
    const series = (await this.seriesOf(q.tenantId, q.sourceKind, q.sourceId, q.names))
      .map((r) => ({ id: Number(r.id), name: r.name, labels: JSON.parse(r.labels) as Record<string, string> }))
      .filter((s) => want.every(([k, v]) => s.labels[k] === v));
    const out = new Map<number, SeriesResult>();
    for (const s of series) out.set(s.id, { name: s.name, labels: s.labels, points: [] });
    const step = Math.max(0, Math.trunc(q.step));
    for (let i = 0; i < series.length; i += CHUNK) {
      const ids = series.slice(i, i + CHUNK).map((s) => s.id);
      const inList = ids.map((_, j) => `$${j + 3}`).join(', ');
      const sql = step
        ? `SELECT series_id, (ts / ${step}) * ${step} AS ts, AVG(value) AS value, MIN(value) AS min, MAX(value) AS max FROM metric_points WHERE ts >= $1 AND ts < $2 AND series_id IN (${inList}) GROUP BY series_id, (ts / ${step}) ORDER BY series_id, 2`
        : `SELECT series_id, ts, value, value AS min, value AS max FROM metric_points WHERE ts >= $1 AND ts < $2 AND series_id IN (${inList}) ORDER BY series_id, ts`;
      for (const r of await this.db.all<{ series_id: number | string; ts: number | string; value: number | string; min: number | string; max: number | string }>(sql, [Math.trunc(q.from), Math.trunc(q.to), ...ids])) {
        out.get(Number(r.series_id))!.points.push({ ts: Number(r.ts), value: Number(r.value), min: Number(r.min), max: Number(r.max) });
      }
    }
    return [...out.values()];
  }

  async latest(tenantId: string, sourceKind: string, sourceId: string, names?: readonly string[]): Promise<LatestValue[]> {
    const out: LatestValue[] = [];
    for (const s of await this.seriesOf(tenantId, sourceKind, sourceId, names)) {
      // One index seek per series on the (series_id, ts) key.
      const p = await this.db.get<{ ts: number | string; value: number | string }>('SELECT ts, value FROM metric_points WHERE series_id = $1 ORDER BY ts DESC LIMIT 1', [Number(s.id)]);
      if (p) out.push({ tenantId, sourceKind, sourceId, name: s.name, labels: JSON.parse(s.labels) as Record<string, string>, ts: Number(p.ts), value: Number(p.value) });
    }
    return out;
  }

  async deleteSource(tenantId: string, sourceKind: string, sourceId: string): Promise<number> {
    const series = await this.seriesOf(tenantId, sourceKind, sourceId);
    await this.db.tx(async (t) => {
      for (const s of series) await t.run('DELETE FROM metric_points WHERE series_id = $1', [Number(s.id)]);
      await t.run('DELETE FROM metric_series WHERE tenant_id = $1 AND source_kind = $2 AND source_id = $3', [tenantId, sourceKind, sourceId]);
    });
    this.sources.delete(`${tenantId}\u0000${sourceKind}\u0000${sourceId}`);
    return series.length;
  }

  async deleteBefore(ts: number): Promise<number> {
    return (await this.db.run('DELETE FROM metric_points WHERE ts < $1', [Math.trunc(ts)])).changes;
  }

  /** The database belongs to whoever opened it. */
  async close(): Promise<void> {}
}
