/**
 * @module storage/write-isolation
 * One event never fails its neighbours in a batch write. When a batch fails because of what one
 * event holds (a value the database refuses, a document too deep to serialise), the writer retries
 * without it and reports it by index; when it fails because the database is unavailable, the whole
 * batch fails (503) — retrying event by event would only turn an outage into a flood of rejections.
 */
import type Database from 'better-sqlite3';
import { isStorageOutage } from './storage-errors.ts';
import type { EventRow } from './event-row.ts';

/** An event the store refused, by its index in the appended batch. */
export interface AppendRejection {
  index: number;
  error: string;
}

/** PostgreSQL SQLSTATE classes caused by a row's content: 22 data exception, 23 integrity, 54 program limit (stack depth, too complex). */
const PG_ROW_CLASSES = /^(22|23|54)/;
/** SQLite codes caused by a row's content. */
const SQLITE_ROW_CODES = /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/;

/** True when the error comes from what an event holds (so isolating it helps), not from the database's state. */
export function isEventError(err: unknown): boolean {
  if (isStorageOutage(err)) return false;
  // JS errors while building a row: JSON.stringify or structured clone overflowing, a value that cannot be bound.
  if (err instanceof RangeError || err instanceof TypeError) return true;
  if ((err as { name?: string })?.name === 'DataCloneError') return true;
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return false;
  return SQLITE_ROW_CODES.test(code) || (/^[0-9A-Z]{5}$/.test(code) && PG_ROW_CLASSES.test(code));
}

/** A short text of an error for a rejection. */
export function rejectionText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return `the store refused this event: ${msg.length > 300 ? `${msg.slice(0, 300)}…` : msg}`;
}

/** What a SQLite batch write answers: the refused rows, and the log positions (rowids) of the first and last stored row. */
export interface SqliteBatchResult {
  rejected: AppendRejection[];
  /** Rowid of the first stored row (0: none stored). Stored rows get consecutive rowids: one writer, max + 1. */
  first: number;
  last: number;
}

/**
 * Writes rows (`toRow`) into SQLite in one transaction. When it fails because of an event, it is written
 * again in one transaction where each insert stands alone (SQLite undoes just the failing statement),
 * and the refused events are answered by index. Used by the writer thread and the main-thread store.
 */
export function sqliteBatchWriter(db: Database.Database, insert: Database.Statement): (rows: readonly EventRow[]) => SqliteBatchResult {
  const all = db.transaction((rows: readonly EventRow[], out: SqliteBatchResult) => {
    for (let i = 0; i < rows.length; i++) {
      const id = insert.run(rows[i]!).lastInsertRowid as number;
      if (!out.first) out.first = id;
      out.last = id;
    }
  });
  const each = db.transaction((rows: readonly EventRow[], out: SqliteBatchResult) => {
    for (let i = 0; i < rows.length; i++) {
      try {
        const id = insert.run(rows[i]!).lastInsertRowid as number;
        if (!out.first) out.first = id;
        out.last = id;
      } catch (err) {
        if (!isEventError(err)) throw err;
        out.rejected.push({ index: i, error: rejectionText(err) });
      }
    }
  });
  return (rows) => {
    const out: SqliteBatchResult = { rejected: [], first: 0, last: 0 };
    try {
      all(rows, out);
      return out;
    } catch (err) {
      if (!isEventError(err)) throw err;
      const again: SqliteBatchResult = { rejected: [], first: 0, last: 0 };
      each(rows, again);
      return again;
    }
  };
}

/**
 * Runs `insert` on the indexes; when it fails because of an event, halves the set until each failing
 * event stands alone (O(k log n) statements for k bad events), so the good ones are still stored.
 */
export async function insertIsolating(indexes: readonly number[], insert: (indexes: readonly number[]) => Promise<void>, rejected: AppendRejection[]): Promise<void> {
  if (!indexes.length) return;
  try {
    await insert(indexes);
  } catch (err) {
    if (!isEventError(err)) throw err;
    if (indexes.length === 1) {
      rejected.push({ index: indexes[0]!, error: rejectionText(err) });
      return;
    }
    const mid = indexes.length >> 1;
    await insertIsolating(indexes.slice(0, mid), insert, rejected);
    await insertIsolating(indexes.slice(mid), insert, rejected);
  }
}
