/**
 * @module timeseries
 * The metrics store (port + SQLite and PostgreSQL adapters) for polled and agent metrics.
 */
import type { SqlDb } from '../db/sql-db.ts';
import { SqliteDb } from '../db/sqlite-db.ts';
import { privateFiles } from '../db/index.ts';
import { PostgresDb } from '../db/postgres-db.ts';
import type { MetricStore } from './metric-store.ts';
import { SqliteMetricStore } from './sqlite-metric-store.ts';
import { PostgresMetricStore } from './postgres-metric-store.ts';
import { ThreadedSqliteMetricStore, metricsFileOf } from './threaded-sqlite-metric-store.ts';

export type { MetricStore, MetricSample, MetricQuery, MetricPoint, SeriesResult, SeriesKey, LatestValue } from './metric-store.ts';
export { labelsText } from './metric-store.ts';
export { SqliteMetricStore, PostgresMetricStore, ThreadedSqliteMetricStore, metricsFileOf };

/**
 * The adapter for a database. A SQLite file gets its own metrics file written by a worker thread
 * (`threaded-sqlite-metric-store.ts`); an in-memory SQLite database (tests) keeps metrics in itself.
 * Open one per process: the server's foundation does, and its modules share it.
 */
export function openMetricStore(db: SqlDb, opts: { synchronous?: 'normal' | 'full' } = {}): MetricStore {
  if (db instanceof SqliteDb) {
    const file = db.raw.memory ? '' : db.raw.name;
    if (!file) return new SqliteMetricStore(db);
    const metricsFile = metricsFileOf(file);
    privateFiles(metricsFile);
    return new ThreadedSqliteMetricStore(metricsFile, { legacyFile: file, synchronous: opts.synchronous });
  }
  if (db instanceof PostgresDb) return new PostgresMetricStore(db);
  throw new Error(`no metrics store for dialect ${db.dialect}`);
}
