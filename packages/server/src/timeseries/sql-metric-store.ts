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

/** Shared SQL implementation; subclasses implement `insertPoints` and `ensureSeries`. */
export abstract class SqlMetricStore implements MetricStore {
  protected readonly ids = new Map<string, number>();

  constructor(protected readonly db: SqlDb) {}

  protected static cacheKey(s: MetricSample): string {
    return `${s.tenantId}\u0000${s.sourceKind}\u0000${s.sourceId}\u0000${s.name}\u0000${labelsText(s.labels)}`;
  }

  /** Writes samples whose series ids are known. */
  protected abstract insertPoints(rows: ReadonlyArray<readonly [seriesId: number, ts: number, value: number]>): Promise<void>;

  /** Makes sure every series exists; fills the id cache. */
  protected async ensureSeries(samples: readonly MetricSample[]): Promise<void> {
    const missing = new Map<string, MetricSample>();
    for (const s of samples) {
      const k = SqlMetricStore.cacheKey(s);
      if (!this.ids.has(k) && !missing.has(k)) missing.set(k, s);
    }
    for (const [k, s] of missing) {
      const labels = labelsText(s.labels);
      await this.db.run('INSERT INTO metric_series (tenant_id, source_kind, source_id, name, labels) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [s.tenantId, s.sourceKind, s.sourceId, s.name, labels]);
      const r = await this.db.get<{ id: number | string }>('SELECT id FROM metric_series WHERE tenant_id = $1 AND source_kind = $2 AND source_id = $3 AND name = $4 AND labels = $5', [s.tenantId, s.sourceKind, s.sourceId, s.name, labels]);
      this.ids.set(k, Number(r!.id));
    }
  }

  async write(samples: readonly MetricSample[]): Promise<void> {
    const ok = samples.filter((s) => Number.isFinite(s.value) && Number.isFinite(s.ts));
    if (!ok.length) return;
    await this.ensureSeries(ok);
    await this.insertPoints(ok.map((s) => [this.ids.get(SqlMetricStore.cacheKey(s))!, Math.trunc(s.ts), s.value] as const));
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
    for (const k of [...this.ids.keys()]) if (k.startsWith(`${tenantId}\u0000${sourceKind}\u0000${sourceId}\u0000`)) this.ids.delete(k);
    return series.length;
  }

  async deleteBefore(ts: number): Promise<number> {
    return (await this.db.run('DELETE FROM metric_points WHERE ts < $1', [Math.trunc(ts)])).changes;
  }
}
