/**
 * @module storage/query-deadline
 * The time budget of a SQLite search. better-sqlite3 has no progress handler and no interrupt, so the
 * WHERE clause of every search calls a tiny SQL function that throws once the budget is spent: the
 * query stops within about a thousand rows. Calling into JavaScript for every row cost 10-15 % on a
 * full scan; gating the call with `seq % 1021` (native arithmetic on the rowid, which every index
 * carries) leaves the cost within measurement noise (200k rows: 224 -> 228 ms median histogram), and
 * a prime modulus keeps interleaved tenants from all missing the check.
 */
import type Database from 'better-sqlite3';
import { VigilError } from '@vigil/contracts';

/** The condition that checks the deadline; it is always true until the budget is spent. */
export const DEADLINE_SQL = '(events.seq % 1021 <> 0 OR vigil_tick())';

/** The coded error of a search that ran out of its budget. */
export function queryTimeout(budgetMs: number): VigilError {
  return new VigilError('VIGIL_ERR_QUERY_TIMEOUT', `The search ran longer than its time budget of ${budgetMs} ms (search.timeout): narrow the time range or simplify the query.`, { budgetMs });
}

/** The deadline of the query running on one connection (queries on a connection run one at a time). */
export class QueryDeadline {
  private deadline = Infinity;
  private budgetMs = 0;

  /** Registers `vigil_tick()` on a connection. */
  constructor(db: Database.Database) {
    db.function('vigil_tick', { deterministic: false }, () => {
      if (performance.now() > this.deadline) throw queryTimeout(this.budgetMs);
      return 1;
    });
  }

  /** Runs a synchronous statement with a budget; a budget of 0 or less fails at the first check. */
  run<T>(budgetMs: number, fn: () => T): T {
    this.budgetMs = budgetMs;
    this.deadline = performance.now() + budgetMs;
    try {
      return fn();
    } finally {
      this.deadline = Infinity;
    }
  }
}
