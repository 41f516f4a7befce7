/**
 * @module storage/sqlite-reader-thread
 * Runs inside a reader worker thread: its own read-only connection to the SQLite file runs searches,
 * so a heavy query never blocks the event loop that answers health checks, ingest and syslog
 * (a 50-CIDR search over 400k events used to stall every request for 6 s).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { isVigilError } from '@vigil/contracts';
import { SqliteReader, type ReadJob } from './sqlite-reader.ts';

const { file } = workerData as { file: string };
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');
db.pragma('temp_store = MEMORY');
db.pragma('cache_size = -65536');
const reader = new SqliteReader(db);
// Loading takes seconds on a busy machine: the pool hands out work (and starts its clocks) only after this.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (msg: (ReadJob & { id: number }) | { close: true }) => {
  if ('close' in msg) {
    db.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  try {
    parentPort!.postMessage({ id: msg.id, ok: true, rows: reader.run(msg) });
  } catch (err) {
    const e = err as Error & { code?: string; details?: unknown };
    parentPort!.postMessage({ id: msg.id, ok: false, vigil: isVigilError(err), code: e.code, message: e.message, details: e.details });
  }
});
