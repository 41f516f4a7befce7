/**
 * @module timeseries/sqlite-metrics-thread
 * Runs inside a worker thread: owns the metrics file (its own SQLite database beside the main one, so
 * metric writes never wait for the event writer's lock nor hold the event loop) and answers the
 * MetricStore calls the main thread sends (`ThreadedSqliteMetricStore`). At open it creates the
 * schema and moves points an older version kept in the main database into the file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { SqliteDb, openSqlite } from '../db/sqlite-db.ts';
import { migration004 } from '../db/migrations/004-metrics-store.ts';
import type { MetricSample, MetricStore, SeriesKey } from './metric-store.ts';
import { SqliteMetricStore } from './sqlite-metric-store.ts';

/** A call from the main thread. */
export interface MetricsCall {
  seq: number;
  op: 'writePacked' | 'query' | 'latest' | 'deleteSource' | 'deleteBefore' | 'close';
  args: unknown[];
}

/** A series as the main thread numbered it: [local number, tenant, source kind, source id, name, labels]. */
export type SeriesDef = [number, string, string, string, string, Readonly<Record<string, string>>];

/** The series the main thread numbered, by local number. */
const defs = new Map<number, SeriesKey>();

/** Samples of a packed write (`ThreadedSqliteMetricStore.write`): local series numbers, times and values. */
export function unpack(newDefs: readonly SeriesDef[], ids: Int32Array, ts: Float64Array, values: Float64Array): MetricSample[] {
  for (const [id, tenantId, sourceKind, sourceId, name, labels] of newDefs) defs.set(id, { tenantId, sourceKind, sourceId, name, labels });
  const out: MetricSample[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const k = defs.get(ids[i]!)!;
    out[i] = { tenantId: k.tenantId, sourceKind: k.sourceKind, sourceId: k.sourceId, name: k.name, labels: k.labels, ts: ts[i]!, value: values[i]! };
  }
  return out;
}

/** The schema of the metrics file: the metrics-store migration's tables, created when missing. */
export function metricsSchema(): string {
  return migration004.sql.sqlite.replace(/CREATE TABLE /g, 'CREATE TABLE IF NOT EXISTS ').replace(/CREATE INDEX /g, 'CREATE INDEX IF NOT EXISTS ');
}

/**
 * Moves series and points from the main database (where versions before the metrics file kept them)
 * into this file: copy (ids kept), then delete there. Idempotent: a crash between the two steps
 * copies again over rows already present and deletes then.
 */
export function moveLegacyMetrics(db: Database.Database, legacyFile: string): number {
  db.prepare('ATTACH DATABASE ? AS legacy').run(legacyFile);
  try {
    const table = db.prepare("SELECT 1 AS x FROM legacy.sqlite_master WHERE type = 'table' AND name = 'metric_series'").get();
    if (!table || !db.prepare('SELECT 1 AS x FROM legacy.metric_series LIMIT 1').get()) return 0;
    const moved = db.transaction(() => {
      db.exec('INSERT OR IGNORE INTO main.metric_series SELECT id, tenant_id, source_kind, source_id, name, labels FROM legacy.metric_series');
      return db.prepare('INSERT OR IGNORE INTO main.metric_points SELECT series_id, ts, value FROM legacy.metric_points').run().changes;
    })();
    db.transaction(() => {
      db.exec('DELETE FROM legacy.metric_points');
      db.exec('DELETE FROM legacy.metric_series');
    })();
    return moved;
  } finally {
    db.exec('DETACH DATABASE legacy');
  }
}

if (parentPort) {
  const port = parentPort;
  const { file, legacyFile, synchronous } = workerData as { file: string; legacyFile: string | null; synchronous: 'normal' | 'full' };
  const raw = openSqlite(file, { synchronous });
  raw.exec(metricsSchema());
  const moved = legacyFile ? moveLegacyMetrics(raw, legacyFile) : 0;
  const store: MetricStore = new SqliteMetricStore(new SqliteDb(raw));
  port.postMessage({ ready: true, moved });
  // One call at a time, in arrival order: a write's series transaction never interleaves with another's points.
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (m: MetricsCall) => {
    queue = queue.then(async () => {
      try {
        if (m.op === 'close') {
          raw.close();
          port.postMessage({ seq: m.seq, ok: true });
          return;
        }
        if (m.op === 'writePacked') {
          const [newDefs, ids, ts, values] = m.args as [SeriesDef[], Int32Array, Float64Array, Float64Array];
          await store.write(unpack(newDefs, ids, ts, values));
          port.postMessage({ seq: m.seq, ok: true });
          return;
        }
        const fn = store[m.op] as (...args: unknown[]) => Promise<unknown>;
        port.postMessage({ seq: m.seq, ok: true, result: await fn.apply(store, m.args) });
      } catch (err) {
        const e = err as Error & { code?: string };
        port.postMessage({ seq: m.seq, ok: false, error: e.message, code: e.code });
      }
    });
  });
}
