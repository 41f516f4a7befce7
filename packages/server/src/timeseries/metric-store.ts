/**
 * @module timeseries/metric-store
 * The metrics store port, shared by SNMP polling and the host agent. A series is identified by
 * (tenant, source kind, source id, metric name, labels); a point is (ts epoch-ms, value). Writes are
 * idempotent per (series, ts), so a replayed batch does not double points. Adapters: SQLite and
 * PostgreSQL, both held to `test/timeseries/metric-store-conformance.ts`.
 */

/** Which series: `sourceKind` is e.g. `device` or `host`, `sourceId` that object's id. */
export interface SeriesKey {
  tenantId: string;
  sourceKind: string;
  sourceId: string;
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** One measurement. */
export interface MetricSample extends SeriesKey {
  ts: number;
  value: number;
}

/** A read: one source's series by name (and a subset of labels) over [from, to). */
export interface MetricQuery {
  tenantId: string;
  sourceKind: string;
  sourceId: string;
  /** Metric names; all of the source's when absent. */
  names?: readonly string[];
  /** Series whose labels include all of these. */
  labels?: Readonly<Record<string, string>>;
  from: number;
  to: number;
  /** Bucket width in ms: points are averaged per bucket (min and max kept). 0 = raw points. */
  step: number;
}

/** One point of a result; min/max are the bucket's extremes (equal to value for raw points). */
export interface MetricPoint {
  ts: number;
  value: number;
  min: number;
  max: number;
}

/** One series of a result. */
export interface SeriesResult {
  name: string;
  labels: Record<string, string>;
  points: MetricPoint[];
}

/** The newest point of a series. */
export interface LatestValue extends SeriesKey {
  ts: number;
  value: number;
}

/** The port. */
export interface MetricStore {
  /** Stores samples; a sample for an existing (series, ts) replaces its value. */
  write(samples: readonly MetricSample[]): Promise<void>;
  /** Series of one source with their points, bucketed by `step`, oldest first. */
  query(q: MetricQuery): Promise<SeriesResult[]>;
  /** The newest point of each series of a source (optionally only some names). */
  latest(tenantId: string, sourceKind: string, sourceId: string, names?: readonly string[]): Promise<LatestValue[]>;
  /** Forgets a source's series and points (its object was deleted); answers the series removed. */
  deleteSource(tenantId: string, sourceKind: string, sourceId: string): Promise<number>;
  /** Retention: deletes points older than `ts`; answers how many. */
  deleteBefore(ts: number): Promise<number>;
  /** Waits for pending writes and lets go of what the store holds (a thread, a file). */
  close(): Promise<void>;
}

/** Labels as canonical text (sorted keys), the identity stored in the database. */
export function labelsText(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels);
  if (!keys.length) return '{}';
  keys.sort();
  const o: Record<string, string> = {};
  for (const k of keys) o[k] = String(labels[k]);
  return JSON.stringify(o);
}
