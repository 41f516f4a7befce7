/**
 * @module app/modules/store-module
 * The store: the event store on the process database, the store worker as the awaited consumer of
 * `events` (publish resolves once committed), the committed event log, and retention. Stopping drains
 * every accepted event into the store.
 */
import { SqliteDb, type PostgresDb } from '../../db/index.ts';
import { SqliteEventStore, PostgresEventStore, SqliteEventLog, PostgresEventLog, SqliteLogTail, PostgresLogTail, SearchIndexerThread, type EventStore } from '../../storage/index.ts';
import { CommitSignal } from '../../bus/index.ts';
import { StageCounters } from '../../metrics/index.ts';
import { StoreWorker } from '../../pipeline/store-worker.ts';
import { startRetention } from '../retention.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';

/** The store module. */
export function storeModule(): RuntimeModule {
  let retention: ReturnType<typeof startRetention> | null = null;
  let indexer: SearchIndexerThread | null = null;
  return {
    name: 'store',
    needs: [],
    provides: ['store', 'storeWorker', 'commits', 'eventLog', 'retention'],
    async init(s) {
      const { config, db, metrics, bus } = s;
      // Committed rows stay in memory with their positions for the detector (sqlite-log-tail.ts, postgres-log-tail.ts).
      const tail = db instanceof SqliteDb ? new SqliteLogTail() : undefined;
      const pgTail = db instanceof SqliteDb ? undefined : new PostgresLogTail();
      const store: EventStore = db instanceof SqliteDb ? new SqliteEventStore(db.raw, { writerThread: config['database.sqlite_writer_thread'], synchronous: config['database.sqlite_synchronous'] as 'normal' | 'full', readerThreads: config['search.reader_threads'], searchTimeoutMs: config['search.timeout'], tail }) : new PostgresEventStore((db as PostgresDb).pool, { searchTimeoutMs: config['search.timeout'], tail: pgTail });
      // The process connection's writes (alerts, checkpoints, sessions) wait for a gap between the
      // writer thread's transactions instead of sleeping in SQLite's busy handler on the event loop.
      if (db instanceof SqliteDb && store instanceof SqliteEventStore) db.setWriteGate((fn) => store.exclusive(fn));
      const commits = new CommitSignal();
      const batchHist = metrics.histogram('vigil_store_batch_seconds', 'Time to write one batch to the event store.');
      const batchSize = metrics.histogram('vigil_store_batch_events', 'Events per store batch.', [1, 10, 100, 1000, 5000, 10000, 50000]);
      const storeWorker = new StoreWorker(store, { batchSize: config['store.batch_size'], flushMs: config['store.flush_ms'] }, new StageCounters(metrics, 'sink.store', 'sink'), (n, sec) => {
        batchHist.observe(sec);
        batchSize.observe(n);
        commits.fire();
      });
      bus.subscribe('events', 'store', storeWorker.handle, { awaited: true });
      metrics.gauge('vigil_store_backlog_events', 'Events accepted but not yet written.', () => storeWorker.backlog);
      Object.assign(s, { store, storeWorker, commits, retention: { runOnce: async () => (retention ? retention.runOnce() : 0) }, eventLog: db instanceof SqliteDb ? new SqliteEventLog(db.raw, commits, tail) : new PostgresEventLog((db as PostgresDb).pool, commits, pgTail) });
    },
    async start(s) {
      const { config, db, metrics, log } = s;
      const file = db instanceof SqliteDb && db.raw.name !== ':memory:' && db.raw.name !== '' ? db.raw.name : undefined;
      if (config['search.index'] && (file || db.dialect === 'postgres')) {
        // The deferred search index, filled off the write path (docs/performance.md, "Search").
        const store = need(s, 'store');
        const ix = new SearchIndexerThread({ sqliteFile: file, postgresUrl: file ? undefined : (config['database.url'] as string), nice: config['search.index_nice'], busyShare: config['search.index_busy_percent'] / 100, writePort: store instanceof SqliteEventStore ? store.indexWritePort() : null, onError: (message) => log.warn({ err: message }, 'search indexer: a pass failed; retrying') });
        indexer = ix;
        metrics.gauge('vigil_search_index_lag_events', 'Committed events the search index has not covered yet (searches scan them).', () => ix.progress?.lag ?? 0);
        metrics.gauge('vigil_search_index_events', 'Events indexed by the search indexer since start.', () => ix.progress?.indexed ?? 0);
        metrics.gauge('vigil_search_index_merges', 'Index part merges since start.', () => ix.progress?.merges ?? 0);
        metrics.gauge('vigil_search_index_paced', '1 while events arrive fast and the indexer works search.index_busy_percent of the time.', () => (ix.progress?.paced ? 1 : 0));
        metrics.gauge('vigil_search_index_caught_up', '1 when the indexer\'s last pass found every committed event indexed.', () => (ix.progress?.caughtUp ? 1 : 0));
      }
      retention = startRetention({ store: need(s, 'store'), sessions: s.sessions, days: s.config['retention.days'], tenants: () => s.tenantService.all(), log: s.log });
    },
    async stop(s) {
      retention?.stop();
      await indexer?.stop();
      await need(s, 'storeWorker').drain();
      await need(s, 'store').close();
      if (s.db instanceof SqliteDb) s.db.setWriteGate(null);
    },
  };
}
