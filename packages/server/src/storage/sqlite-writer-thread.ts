/**
 * @module storage/sqlite-writer-thread
 * Runs inside a worker thread: owns a second connection to the SQLite file and inserts the rows the
 * main thread built (`toRow`), so SQLite's work stays off the thread that parses and acknowledges.
 * Rows (strings and numbers) cross threads ~5x cheaper than event objects, and the main thread keeps
 * them for the detector (`sqlite-log-tail.ts`). Each batch is one transaction; the reply goes out after
 * it committed, with the rows the database refused (write-isolation.ts: their neighbours are stored)
 * and the rowids (log positions) of the first and last stored row.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openSqlite } from '../db/sqlite-db.ts';
import { ROW_COLUMNS, type EventRow } from './event-row.ts';
import { sqliteBatchWriter } from './write-isolation.ts';
import { SqliteSearchIndexWriter } from './sqlite-search-index-writer.ts';

interface Job {
  seq: number;
  /** More parts of this batch follow (the main thread sends big batches in parts). */
  part?: boolean;
  /** The main thread gave up on this batch: drop its parts. */
  abort?: boolean;
  rows: EventRow[];
}

/** A single statement to run on this connection, in order with the batches (the detector's checkpoint, retention's deletes). */
interface Statement {
  seq: number;
  sql: string;
  params: unknown[];
}

/** Parts received of batches not yet complete. */
const parts = new Map<number, EventRow[]>();

const { file, synchronous } = workerData as { file: string; synchronous: 'normal' | 'full' };
const db = openSqlite(file, { synchronous });
const insert = db.prepare(`INSERT INTO events (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`);
const write = sqliteBatchWriter(db, insert);
const statements = new Map<string, ReturnType<typeof db.prepare>>();

parentPort!.on('message', (msg: Job | Statement | { close: true } | { indexPort: MessagePort }) => {
  if ('indexPort' in msg) {
    // The search indexer's writes arrive on this port and run here, between event batches.
    new SqliteSearchIndexWriter(db).serve(msg.indexPort);
    return;
  }
  if ('close' in msg) {
    db.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  if ('sql' in msg) {
    try {
      let s = statements.get(msg.sql);
      if (!s) statements.set(msg.sql, (s = db.prepare(msg.sql)));
      const t0 = performance.now();
      const r = s.run(msg.params);
      parentPort!.postMessage({ seq: msg.seq, ok: true, changes: r.changes, ms: performance.now() - t0 });
    } catch (err) {
      const e = err as { message?: string; code?: string };
      parentPort!.postMessage({ seq: msg.seq, ok: false, error: e.message ?? String(err), code: e.code });
    }
    return;
  }
  if (msg.abort) {
    parts.delete(msg.seq);
    return;
  }
  let rows = msg.rows;
  const held = parts.get(msg.seq);
  if (held) {
    for (let i = 0; i < rows.length; i++) held.push(rows[i]!);
    rows = held;
  }
  if (msg.part) {
    if (!held) parts.set(msg.seq, rows);
    return;
  }
  parts.delete(msg.seq);
  try {
    const r = write(rows);
    parentPort!.postMessage({ seq: msg.seq, ok: true, rejected: r.rejected, first: r.first, last: r.last });
  } catch (err) {
    const e = err as { message?: string; code?: string };
    parentPort!.postMessage({ seq: msg.seq, ok: false, error: e.message ?? String(err), code: e.code });
  }
});
