/**
 * @module timeseries
 * The metrics store (port + SQLite and PostgreSQL adapters) for polled and agent metrics.
 */
import type { SqlDb } from '../db/sql-db.ts';
import { SqliteDb } from '../db/sqlite-db.ts';
import { PostgresDb } from '../db/postgres-db.ts';
import type { MetricStore } from './metric-store.ts';
import { SqliteMetricStore } from './sqlite-metric-store.ts';
import { PostgresMetricStore } from './postgres-metric-store.ts';

export type { MetricStore, MetricSample, MetricQuery, MetricPoint, SeriesResult, SeriesKey, LatestValue } from './metric-store.ts';
export { labelsText } from './metric-store.ts';
export { SqliteMetricStore, PostgresMetricStore };

/** The adapter for a database. */
export function openMetricStore(db: SqlDb): MetricStore {
  if (db instanceof SqliteDb) return new SqliteMetricStore(db);
  if (db instanceof PostgresDb) return new PostgresMetricStore(db);
  throw new Error(`no metrics store for dialect ${db.dialect}`);
}
