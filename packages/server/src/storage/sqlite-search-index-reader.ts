/**
 * @module storage/sqlite-search-index-reader
 * Reads of the search index on a SQLite connection (a reader thread's, or the main one): a lookup's
 * state, parts and buckets, or a histogram's minute counts, each inside one read transaction so the
 * watermark and what it covers come from the same snapshot.
 */
import type Database from 'better-sqlite3';
import type { KeyPlan } from '@vigil/core';
import { dayRange, evaluateLookup, tenantState, type BucketRef, type IndexState, type Lookup, type PartRow } from './search-index-lookup.ts';

/** A lookup asked of a reader. */
export interface LookupJob {
  tenantId: string;
  from?: number;
  to?: number;
  plan: KeyPlan;
  /** Candidates past this share of the indexed events are not worth it (evaluateLookup). */
  maxShare?: number;
}

/** Minute counts asked of a reader: minutes in [from, to), of one dataset or all. */
export interface RollupJob {
  tenantId: string;
  from: number;
  to: number;
  dataset: string | null;
}

/** Minute counts with the state they belong to (null: the tenant is not indexed). */
export type RollupAnswer = { state: IndexState; minutes: { minute: number; n: number }[] } | null;

interface Statements {
  state: Database.Statement;
  parts: Database.Statement;
  bucket: Database.Statement;
  head: Database.Statement;
  rollupsAll: Database.Statement;
  rollupsOne: Database.Statement;
  lookup: (job: LookupJob) => Lookup;
  rollups: (job: RollupJob) => RollupAnswer;
}

const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let s = cache.get(db);
  if (s) return s;
  const st: Partial<Statements> = {
    state: db.prepare("SELECT tenant_id, position, floor FROM search_index_state WHERE tenant_id IN (?, '')"),
    parts: db.prepare('SELECT day, part, events, buckets FROM search_parts WHERE tenant_id = ? AND day >= ? AND day <= ?'),
    bucket: db.prepare('SELECT data FROM search_buckets WHERE tenant_id = ? AND day = ? AND part = ? AND bucket = ?').pluck(),
    head: db.prepare('SELECT max(seq) FROM events').pluck(),
    rollupsAll: db.prepare('SELECT minute, sum(n) AS n FROM search_rollups WHERE tenant_id = ? AND minute >= ? AND minute < ? GROUP BY minute'),
    rollupsOne: db.prepare('SELECT minute, n FROM search_rollups WHERE tenant_id = ? AND minute >= ? AND minute < ? AND dataset = ?'),
  };
  s = st as Statements;
  const S = s;
  s.lookup = db.transaction((job: LookupJob): Lookup => {
    const state = tenantState(S.state.all(job.tenantId) as { tenant_id: string; position: string; floor: number }[], job.tenantId);
    if (!state) return { use: false, reason: 'not indexed' };
    const [d0, d1] = dayRange(job.from, job.to);
    const parts = S.parts.all(job.tenantId, d0, d1) as PartRow[];
    const head = (S.head.get() as number | null) ?? 0;
    // Buckets are read as the evaluation needs them, inside this transaction (one snapshot).
    const blob = (b: BucketRef) => S.bucket.get(job.tenantId, b.day, b.part, b.bucket) as Uint8Array | undefined;
    return evaluateLookup(job.plan, state, parts, blob, job, Math.max(0, head - Number(state.position)), job.maxShare);
  });
  s.rollups = db.transaction((job: RollupJob): RollupAnswer => {
    const state = tenantState(S.state.all(job.tenantId) as { tenant_id: string; position: string; floor: number }[], job.tenantId);
    if (!state) return null;
    const minutes = (job.dataset === null ? S.rollupsAll.all(job.tenantId, job.from, job.to) : S.rollupsOne.all(job.tenantId, job.from, job.to, job.dataset)) as { minute: number; n: number }[];
    return { state, minutes };
  });
  cache.set(db, s);
  return s;
}

/** The candidates of a lookup, read in one snapshot. */
export function sqliteLookup(db: Database.Database, job: LookupJob): Lookup {
  return statements(db).lookup(job);
}

/** A histogram's minute counts with their watermark, read in one snapshot. */
export function sqliteRollups(db: Database.Database, job: RollupJob): RollupAnswer {
  return statements(db).rollups(job);
}
