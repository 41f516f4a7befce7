/**
 * @module storage/sqlite-log-tail
 * The newest committed rows of the SQLite event log, kept in memory with their positions, so a log
 * consumer that keeps up (the detector) reads them without a query and without parsing documents on
 * the main thread. The store pushes each committed batch (rows built by `toRow`, first position); a
 * read that the tail cannot answer exactly — older than what it holds, or across a gap left by another
 * writer (retention's placeholder row) — returns null and the log reads the table, so positions stay
 * exact. Bounded: the oldest rows go first.
 */
import { DOC_INDEX, MESSAGE_INDEX, type EventRow } from './event-row.ts';
import { CommittedRow } from './committed-row.ts';

/** Rows held by default (~10-20 MB of text at ~600 bytes per event; the detector reads 2,000 at a time). */
export const DEFAULT_TAIL_ROWS = 20_000;

interface Segment {
  /** Position of rows[0]; the rows hold consecutive positions. */
  first: number;
  rows: EventRow[];
}

/** The in-memory tail of the SQLite event log. */
export class SqliteLogTail {
  private segments: Segment[] = [];
  private held = 0;

  constructor(private readonly maxRows = DEFAULT_TAIL_ROWS) {}

  /** Rows held now. */
  get size(): number {
    return this.held;
  }

  /** Adds a committed batch: `rows` were stored at positions first, first + 1, … (in commit order). */
  push(first: number, rows: readonly EventRow[]): void {
    if (!rows.length || first <= 0) return;
    const last = this.segments[this.segments.length - 1];
    // Out of order would mean a second writer of the table: keep only what is certainly exact.
    if (last && first < last.first + last.rows.length) this.clear();
    this.segments.push({ first, rows: rows as EventRow[] });
    this.held += rows.length;
    while (this.held > this.maxRows && this.segments.length > 1) this.held -= this.segments.shift()!.rows.length;
  }

  /** Forgets everything (the log reads the table until new batches arrive). */
  clear(): void {
    this.segments = [];
    this.held = 0;
  }

  /**
   * Up to `limit` committed rows after `after`, when the tail holds the very next position; null when it
   * cannot tell (the caller reads the table). Stops at a gap between batches.
   */
  readAfter(after: number, limit: number): CommittedRow[] | null {
    const want = after + 1;
    let i = this.segments.findIndex((s) => want >= s.first && want < s.first + s.rows.length);
    if (i < 0) return null;
    const out: CommittedRow[] = [];
    let pos = want;
    let s = this.segments[i]!;
    for (;;) {
      for (let k = pos - s.first; k < s.rows.length && out.length < limit; k++, pos++) {
        const r = s.rows[k]!;
        out.push(new CommittedRow(String(pos), r[0] as string, { message: r[MESSAGE_INDEX] as string, doc: r[DOC_INDEX] as string }));
      }
      // The next batch continues the log only if it starts right after this one.
      if (out.length >= limit || ++i >= this.segments.length || this.segments[i]!.first !== pos) break;
      s = this.segments[i]!;
    }
    return out;
  }
}
