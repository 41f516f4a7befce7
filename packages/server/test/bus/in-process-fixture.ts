/**
 * The in-process bus wired as the runtime wires it (store worker as the awaited `events` consumer,
 * commit signal, the store's EventLog), over a real SQLite file or PostgreSQL schema.
 */
import { join } from 'node:path';
import { InProcessBus, CommitSignal } from '../../src/bus/index.ts';
import { SqliteDb, PostgresDb, openSqlite, createPgPool, migrate, type SqlDb } from '../../src/db/index.ts';
import { SqliteEventStore, PostgresEventStore, SqliteEventLog, PostgresEventLog, SqliteLogTail, PostgresLogTail, type EventStore } from '../../src/storage/index.ts';
import { StoreWorker } from '../../src/pipeline/store-worker.ts';
import { MetricsRegistry, StageCounters } from '../../src/metrics/index.ts';
import type { BusFixture } from './bus-conformance.ts';

/** Opens a fixture; `open` makes a fresh connection to the same durable database each time. */
export async function inProcessFixture(open: () => Promise<SqlDb>, cleanup: () => Promise<void>): Promise<BusFixture> {
  let parts: { db: SqlDb; store: EventStore; worker: StoreWorker } | null = null;
  const fx = {} as BusFixture;
  const start = async () => {
    const db = await open();
    await migrate(db);
    const commits = new CommitSignal();
    // As the store module wires it: committed rows kept in an in-memory tail the log reads first.
    const tail = db instanceof SqliteDb ? new SqliteLogTail(2000) : undefined;
    const pgTail = db instanceof SqliteDb ? undefined : new PostgresLogTail(2000);
    const store = db instanceof SqliteDb ? new SqliteEventStore(db.raw, { writerThread: true, tail }) : new PostgresEventStore((db as PostgresDb).pool, { tail: pgTail });
    if (db instanceof SqliteDb && store instanceof SqliteEventStore) db.setWriteGate((fn) => store.exclusive(fn));
    const worker = new StoreWorker(store, { batchSize: 500, flushMs: 5 }, new StageCounters(new MetricsRegistry(), 'sink.store', 'sink'), () => commits.fire());
    const bus = new InProcessBus();
    bus.subscribe('events', 'store', worker.handle, { awaited: true });
    fx.bus = bus;
    fx.log = db instanceof SqliteDb ? new SqliteEventLog(db.raw, commits, tail) : new PostgresEventLog((db as PostgresDb).pool, commits, pgTail);
    parts = { db, store, worker };
  };
  const stop = async () => {
    if (!parts) return;
    await fx.bus.close();
    await parts.worker.drain();
    await parts.store.close();
    await parts.db.close();
    parts = null;
  };
  await start();
  fx.restart = async () => {
    await stop();
    await start();
  };
  fx.close = async () => {
    await stop();
    await cleanup();
  };
  return fx;
}

/** A fixture over a SQLite file in `dir`. */
export function sqliteOpener(dir: string): () => Promise<SqlDb> {
  return async () => new SqliteDb(openSqlite(join(dir, 'vigil.db')));
}

/** A fixture over a PostgreSQL schema URL. */
export function postgresOpener(url: string): () => Promise<SqlDb> {
  return async () => new PostgresDb(createPgPool(url));
}
