/**
 * @module storage/sqlite-writer-thread
 * Runs inside a worker thread: owns a second connection to the SQLite file and inserts the rows the
 * main thread prepared, so the main thread's parsing and HTTP work run on the other core. Each batch is one
 * transaction; the reply goes out only after it committed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/sqlite-db.ts';
import { ROW_COLUMNS, type EventRow } from './event-row.ts';

interface Job {
  seq: number;
  rows: EventRow[];
}

const { file, synchronous } = workerData as { file: string; synchronous: 'normal' | 'full' };
const db = openSqlite(file, { synchronous });
const insert = db.prepare(`INSERT INTO events (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`);
const write = db.transaction((job: Job) => {
  for (const row of job.rows) insert.run(row);
});

parentPort!.on('message', (msg: Job | { close: true }) => {
  if ('close' in msg) {
    db.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  try {
    write(msg);
    parentPort!.postMessage({ seq: msg.seq, ok: true });
  } catch (err) {
    parentPort!.postMessage({ seq: msg.seq, ok: false, error: (err as Error).message });
  }
});
