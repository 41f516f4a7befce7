/**
 * @module timeseries/sqlite-metric-store
 * SQLite adapter: points go in through one prepared statement inside one synchronous transaction
 * (no await inside, so nothing interleaves with it on this connection).
 */
import type Database from 'better-sqlite3';
import type { SqliteDb } from '../db/sqlite-db.ts';
import { SqlMetricStore } from './sql-metric-store.ts';

/** MetricStore on SQLite. */
export class SqliteMetricStore extends SqlMetricStore {
  private readonly insert: Database.Statement;
  private readonly many: (rows: ReadonlyArray<readonly [number, number, number]>) => void;

  constructor(db: SqliteDb) {
    super(db);
    this.insert = db.raw.prepare('INSERT INTO metric_points (series_id, ts, value) VALUES (?, ?, ?) ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value');
    this.many = db.raw.transaction((rows: ReadonlyArray<readonly [number, number, number]>) => {
      for (const r of rows) this.insert.run(r[0], r[1], r[2]);
    });
  }

  protected async insertPoints(rows: ReadonlyArray<readonly [number, number, number]>): Promise<void> {
    this.many(rows);
  }
}
