/**
 * Fast pre-loading of a data set for the search benchmark, written straight through the server's own
 * event stores (the loader is not what is measured). Events are built exactly as the ingest path
 * builds them (normalizeJson -> finalizeEvent) and appended oldest first in batches, spread over the
 * given time span. Also bootstraps the tenant and creates a read-scoped API key for the searches.
 */
import { Worker } from 'node:worker_threads';
import { openDatabase, migrate, SqliteDb, PostgresDb } from '../../packages/server/src/db/index.ts';
import { SqliteEventStore, PostgresEventStore, type EventStore, type TenantEvent } from '../../packages/server/src/storage/index.ts';
import { bootstrap } from '../../packages/server/src/app/bootstrap.ts';
import { TenantsRepo, ApiKeysRepo } from '../../packages/server/src/repos/index.ts';
import { ApiKeyService } from '../../packages/server/src/auth/index.ts';
import { progress } from './stats.ts';

export interface LoadOptions {
  dataDir: string;
  /** postgres:// URL (with ?schema=) or undefined for SQLite in dataDir. */
  databaseUrl?: string;
  events: number;
  batch: number;
  /** Timestamps spread evenly over [endTs - spanMs, endTs). */
  endTs: number;
  spanMs: number;
  /** Queries whose exact match counts are tallied over the generated events (predicate). */
  countQueries: readonly string[];
  label: string;
}

export interface LoadResult {
  readKey: string;
  ingestKey: string;
  tenantId: string;
  seconds: number;
  rowsPerSecond: number;
  /** Exact number of events each countQuery matches. */
  matches: Record<string, number>;
  /** Bytes of the events as NDJSON lines (what a sender posts) and of their messages. */
  bytes: { raw: number; message: number };
}

/** Generates and stores `events` events; answers keys and exact match counts. */
export async function loadEvents(o: LoadOptions): Promise<LoadResult> {
  const db = openDatabase({ url: o.databaseUrl, dataDir: o.dataDir });
  try {
    await migrate(db);
    await bootstrap(db, { dataDir: o.dataDir, url: 'http://127.0.0.1', adminPassword: 'bench-admin-password-123' });
    const tenant = (await new TenantsRepo(db).bySlug('default'))!;
    const keys = new ApiKeyService(new ApiKeysRepo(db));
    const { key: readKey } = await keys.create(tenant.id, { name: 'bench read', scopes: ['read'] }, null);
    const { key: ingestKey } = await keys.create(tenant.id, { name: 'bench ingest', scopes: ['ingest'] }, null);
    const store: EventStore = db instanceof SqliteDb ? new SqliteEventStore(db.raw) : new PostgresEventStore((db as PostgresDb).pool);

    // Workers do not inherit tsx's loader: register it inside the worker before importing the TypeScript.
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./gen-worker.ts', import.meta.url).href)}); });`;
    const worker = new Worker(boot, {
      eval: true,
      workerData: { tenantId: tenant.id, events: o.events, batch: o.batch, endTs: o.endTs, spanMs: o.spanMs, countQueries: [...o.countQueries] },
    });
    const replies: { batch: TenantEvent[] | null; matches: Record<string, number> | null; bytes?: { raw: number; message: number } }[] = [];
    let waiting: ((v: void) => void) | null = null;
    let failed: Error | null = null;
    worker.on('message', (m) => {
      replies.push(m);
      waiting?.();
    });
    worker.on('error', (err) => {
      failed = err;
      waiting?.();
    });
    const next = async () => {
      while (!replies.length) {
        if (failed) throw failed;
        await new Promise<void>((res) => (waiting = res));
        waiting = null;
      }
      return replies.shift()!;
    };
    let matches: Record<string, number> = {};
    let bytes = { raw: 0, message: 0 };
    let storeMs = 0;
    let done = 0;
    const t0 = performance.now();
    let lastReport = t0;
    try {
      // Two batches in flight: the worker builds the next while this thread writes the current one.
      worker.postMessage('next');
      worker.postMessage('next');
      for (;;) {
        const m = await next();
        if (!m.batch) {
          matches = m.matches!;
          bytes = m.bytes!;
          break;
        }
        worker.postMessage('next');
        const s = performance.now();
        await store.append(m.batch);
        storeMs += performance.now() - s;
        done += m.batch.length;
        if (performance.now() - lastReport > 5000 || done === o.events) {
          lastReport = performance.now();
          progress(`${o.label}: loaded ${done.toLocaleString('en-US')} / ${o.events.toLocaleString('en-US')} events (${Math.round(done / ((performance.now() - t0) / 1000)).toLocaleString('en-US')}/s overall, store ${Math.round(done / (storeMs / 1000)).toLocaleString('en-US')} rows/s)`);
        }
      }
    } finally {
      await worker.terminate();
    }
    const seconds = (performance.now() - t0) / 1000;
    if (db instanceof SqliteDb) db.raw.pragma('wal_checkpoint(TRUNCATE)');
    return { readKey, ingestKey, tenantId: tenant.id, seconds, rowsPerSecond: o.events / (storeMs / 1000), matches, bytes };
  } finally {
    await db.close();
  }
}
