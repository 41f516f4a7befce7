/**
 * @module timeseries/postgres-metric-store
 * PostgreSQL adapter: one INSERT … SELECT FROM unnest(…) per batch (three array parameters instead
 * of a placeholder per value), de-duplicated first because ON CONFLICT cannot touch a row twice.
 */
import type { PostgresDb } from '../db/postgres-db.ts';
import { SqlMetricStore } from './sql-metric-store.ts';

/** MetricStore on PostgreSQL. */
export class PostgresMetricStore extends SqlMetricStore {
  constructor(private readonly pg: PostgresDb) {
    super(pg);
  }

  protected async insertPoints(rows: ReadonlyArray<readonly [number, number, number]>): Promise<void> {
    const last = new Map<string, readonly [number, number, number]>();
    for (const r of rows) last.set(`${r[0]}:${r[1]}`, r);
    const ids: number[] = [];
    const ts: number[] = [];
    const values: number[] = [];
    for (const r of last.values()) {
      ids.push(r[0]);
      ts.push(r[1]);
      values.push(r[2]);
    }
    await this.pg.run('INSERT INTO metric_points (series_id, ts, value) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::float8[]) ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value', [ids, ts, values]);
  }
}
