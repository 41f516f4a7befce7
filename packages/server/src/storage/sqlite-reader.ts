/**
 * @module storage/sqlite-reader
 * Runs read-only search statements on one SQLite connection with a time budget: the same code serves
 * the reader threads and, for `:memory:` databases or `search.reader_threads: 0`, the main thread.
 */
import type Database from 'better-sqlite3';
import { SQLITE_FUNCTIONS } from '@vigil/core';
import { QueryDeadline } from './query-deadline.ts';
import { sqliteLookup, sqliteRollups, type LookupJob, type RollupJob } from './sqlite-search-index-reader.ts';

/** What a reader is asked: a statement's rows (`all`) or first row (`get`), or a search index read. */
export type ReadRequest = { mode: 'all' | 'get'; sql: string; params: unknown[] } | { mode: 'lookup'; lookup: LookupJob } | { mode: 'rollups'; rollups: RollupJob };

/** A read request with its time budget. */
export type ReadJob = ReadRequest & { budgetMs: number };

/** Executes read jobs on a connection that has Vigil's SQL functions registered. */
export class SqliteReader {
  private readonly deadline: QueryDeadline;
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    // Searches call RE2 and CIDR membership from SQL: every connection that runs them needs them.
    for (const [name, f] of Object.entries(SQLITE_FUNCTIONS)) db.function(name, { deterministic: f.deterministic }, f.fn);
    this.deadline = new QueryDeadline(db);
  }

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.cache.size > 200) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }

  /** Runs one job; throws VIGIL_ERR_QUERY_TIMEOUT past its budget, SQLite's error otherwise. */
  run(job: ReadJob): unknown {
    if (job.mode === 'lookup') return this.deadline.run(job.budgetMs, () => sqliteLookup(this.db, job.lookup));
    if (job.mode === 'rollups') return this.deadline.run(job.budgetMs, () => sqliteRollups(this.db, job.rollups));
    const s = this.stmt(job.sql);
    return this.deadline.run(job.budgetMs, () => (job.mode === 'get' ? s.get(...job.params) : s.all(...job.params)));
  }
}
