/**
 * @module storage/search-indexer-thread
 * Runs inside a worker thread: the search indexer on its own connection, at the lowest CPU priority.
 * Linux keeps nice values per thread, so only this thread yields: under full ingest the writer
 * thread and the event loop keep their cores and the index catches up when they idle (searches stay
 * exact meanwhile: they scan what is not indexed yet).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { setPriority } from 'node:os';
import { openSqlite } from '../db/sqlite-db.ts';
import { createPgPool } from '../db/postgres-db.ts';
import { SearchIndexer } from './search-indexer.ts';
import { SqliteSearchIndexTarget } from './sqlite-search-index-target.ts';
import { portIndexWrites } from './sqlite-search-index-writer.ts';
import { PostgresSearchIndexTarget } from './postgres-search-index-target.ts';
import type { SearchIndexTarget } from './search-index-target.ts';

const opts = workerData as { sqliteFile?: string; postgresUrl?: string; idleMs?: number; nice?: number; busyShare?: number; writePort?: MessagePort };
try {
  setPriority(opts.nice ?? 19);
} catch {
  /* not allowed here: run at normal priority */
}
/** The indexer's SQLite connection: it reads the log once, in order, so a small page cache does (the default 64 MB showed in the server's RSS). */
function indexerConnection(file: string) {
  const db = openSqlite(file);
  db.pragma('cache_size = -8192');
  return db;
}

// SQLite: writes go to the store's writer thread when it has one, so this low-priority thread never holds the write lock.
const target: SearchIndexTarget = opts.sqliteFile
  ? new SqliteSearchIndexTarget(indexerConnection(opts.sqliteFile), true, opts.writePort ? portIndexWrites(opts.writePort) : undefined)
  : new PostgresSearchIndexTarget(createPgPool(opts.postgresUrl!, 2), true);
const indexer = new SearchIndexer(target, {
  idleMs: opts.idleMs,
  busyShare: opts.busyShare,
  onProgress: (progress) => parentPort!.postMessage({ progress }),
  onError: (err) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }),
});
indexer.start();

parentPort!.on('message', (msg: { stop?: boolean }) => {
  if (!msg.stop) return;
  void indexer
    .stop()
    .then(() => target.close())
    .finally(() => {
      opts.writePort?.close();
      parentPort!.postMessage({ stopped: true });
    });
});
