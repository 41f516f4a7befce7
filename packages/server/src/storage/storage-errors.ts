/**
 * @module storage/storage-errors
 * Storage outages as coded errors: a database that cannot be reached, is shutting down, is full or
 * locked answers 503 `VIGIL_ERR_UNAVAILABLE` (retry later), never a bare 500. Data errors (a row the
 * database refuses) are not outages: the writer isolates those per event.
 */
import { VigilError, isVigilError } from '@vigil/contracts';

/** Node socket errors of a connection that failed or broke. */
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATE classes of an unavailable PostgreSQL: 08 connection, 53 resources, 57P operator intervention, 58 system. */
const PG_CLASSES = /^(08|53|57P|58)/;
/** better-sqlite3 codes of a file that cannot be written or read now. */
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOMEM|CORRUPT|NOTADB)/;
/** pg / pg-pool messages without a code. */
const PG_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/;

/** True when the error means the database is unavailable (not that one request or row is wrong). */
export function isStorageOutage(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || isVigilError(err)) return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (NET_CODES.has(code) || SQLITE_CODES.test(code)) return true;
  if (/^[0-9A-Z]{5}$/.test(code) && PG_CLASSES.test(code)) return true;
  if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return true;
  // Node reports a failed dual-stack connect as an AggregateError of the per-address errors.
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isStorageOutage);
}

/** The coded 503 for a storage outage, or null when the error is something else. */
export function storageUnavailable(err: unknown): VigilError | null {
  if (!isStorageOutage(err)) return null;
  const reason = (err as { code?: string }).code ?? (err as Error).message;
  return new VigilError('VIGIL_ERR_UNAVAILABLE', `The event store is unavailable (${reason}); retry later.`, { retryAfter: 5 });
}
