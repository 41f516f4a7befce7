/**
 * @module storage/sqlite-writer-thread
 * Runs inside a worker thread: owns a second connection to the SQLite file and inserts the rows the
 * main thread prepared, so the main thread's parsing and HTTP work run on the other core. Each batch is one
 * transaction; the reply goes out only after it committed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/sqlite-db.ts';
import { ROW_COLUMNS } from './event-row.ts';

interface Job {
  seq: number;
  /** Rows flattened into one array (WIDTH values per row): one flat array clones much faster than many small ones. */
  flat: unknown[];
}

const WIDTH = ROW_COLUMNS.length;
// The insert below binds WIDTH values by position; keep it in step with ROW_COLUMNS.
if (WIDTH !== 13) throw new Error(`writer thread binds 13 columns, ROW_COLUMNS has ${WIDTH}`);

const { file, synchronous } = workerData as { file: string; synchronous: 'normal' | 'full' };
const db = openSqlite(file, { synchronous });
const insert = db.prepare(`INSERT INTO events (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`);
const write = db.transaction((job: Job) => {
  const f = job.flat;
  for (let i = 0; i < f.length; i += WIDTH) insert.run(f[i], f[i + 1], f[i + 2], f[i + 3], f[i + 4], f[i + 5], f[i + 6], f[i + 7], f[i + 8], f[i + 9], f[i + 10], f[i + 11], f[i + 12]);
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
