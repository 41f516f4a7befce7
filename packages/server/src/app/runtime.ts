/**
 * @module app/runtime
 * Wires one Vigil process: database, event store, bus, pipeline, services, HTTP and background jobs;
 * and stops it gracefully, flushing every accepted event.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { VigilError } from '@vigil/contracts';
import type { Config } from '../config/load.ts';
import type { Logger } from '../log/logger.ts';
import { openDatabase, migrate, pendingMigrations, SqliteDb, PostgresDb, type SqlDb } from '../db/index.ts';
import { SqliteEventStore, PostgresEventStore, SqliteEventLog, PostgresEventLog, type EventStore } from '../storage/index.ts';
import { InProcessBus, CommitSignal, registerBusMetrics, type Bus, type EventLog } from '../bus/index.ts';
import { MetricsRegistry, StageCounters } from '../metrics/index.ts';
import { StoreWorker } from '../pipeline/store-worker.ts';
import { IngestService } from '../pipeline/ingest-service.ts';
import { LiveHub } from '../pipeline/live-hub.ts';
import { InputStats } from '../pipeline/input-stats.ts';
import { TenantsRepo, UsersRepo, SessionsRepo, ApiKeysRepo, SavedSearchesRepo, AuditRepo, ExtractionRulesRepo } from '../repos/index.ts';
import { ExtractionRuleService } from '../extraction/extraction-rule-service.ts';
import { AuthService, ApiKeyService, UserService } from '../auth/index.ts';
import { buildApp } from '../http/app.ts';
import { bootstrap } from './bootstrap.ts';
import { newId } from './ids.ts';
import { startRetention } from './retention.ts';
import { startSources, type Source } from '../sources/index.ts';
import { loadSecretBox } from '../auth/secret-box.ts';
import { createSnmpServices, type SnmpServices } from '../snmp/snmp-module.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Where the built web UI lives. */
export const WEB_DIST = resolve(HERE, '../../../web/dist');

export interface Runtime {
  config: Config;
  db: SqlDb;
  store: EventStore;
  bus: Bus;
  /** The committed `events` log, for consumers that resume from a position (detection). */
  log: EventLog;
  app: FastifyInstance;
  metrics: MetricsRegistry;
  ingest: IngestService;
  storeWorker: StoreWorker;
  tenants: TenantsRepo;
  apiKeys: ApiKeyService;
  users: UserService;
  /** The URL the HTTP server listens on (after start). */
  url: string;
  bootstrapFile: string | null;
  /** Started network sources (syslog listeners). */
  sources: Source[];
  stop(): Promise<void>;
}

/** Opens the database and makes sure its schema is current (SQLite migrates; PostgreSQL must be migrated). */
export async function openMigratedDatabase(config: Config, log: Logger): Promise<SqlDb> {
  const db = openDatabase({ url: config['database.url'], dataDir: config.data_dir, synchronous: config['database.sqlite_synchronous'] as 'normal' | 'full' });
  if (db.dialect === 'sqlite') {
    await migrate(db, undefined, (m) => log.info({ migration: m.id, name: m.name }, 'migration applied'));
  } else {
    const pending = await pendingMigrations(db).catch(async (err) => {
      await db.close();
      throw new VigilError('VIGIL_ERR_UNAVAILABLE', `Cannot reach PostgreSQL: ${(err as Error).message}. Check VIGIL_DATABASE_URL and that the server is up.`);
    });
    if (pending.length) {
      await db.close();
      throw new VigilError('VIGIL_ERR_MIGRATIONS_PENDING', `PostgreSQL has ${pending.length} pending migration(s) (${pending.map((m) => `${m.id}-${m.name}`).join(', ')}). Run "vigil migrate" first.`);
    }
  }
  return db;
}

/** Builds and starts a Vigil process. */
export async function startRuntime(config: Config, log: Logger, opts: { listen?: boolean; sources?: boolean } = {}): Promise<Runtime> {
  if (config['bus.url']) throw new VigilError('VIGIL_ERR_CONFIG', `bus.url (VIGIL_BUS_URL) is set to ${config['bus.url'].replace(/\/\/[^@/]*@/, '//…@')}, but this version has only the in-process bus. Unset it.`, { key: 'bus.url' });
  if (config.role !== 'all') throw new VigilError('VIGIL_ERR_CONFIG', `role (VIGIL_ROLE) "${config.role}" needs the NATS bus, which this version does not have yet. Use role "all".`, { key: 'role' });
  const db = await openMigratedDatabase(config, log);
  const store: EventStore = db instanceof SqliteDb ? new SqliteEventStore(db.raw, { writerThread: config['database.sqlite_writer_thread'], synchronous: config['database.sqlite_synchronous'] as 'normal' | 'full' }) : new PostgresEventStore((db as PostgresDb).pool);
  const metrics = new MetricsRegistry();
  const bus = new InProcessBus((topic, consumer, err) => log.error({ err, topic, consumer }, 'bus consumer failed'));
  registerBusMetrics(metrics, bus);
  const commits = new CommitSignal();
  const eventLog: EventLog = db instanceof SqliteDb ? new SqliteEventLog(db.raw, commits) : new PostgresEventLog((db as PostgresDb).pool, commits);
  const storeCounters = new StageCounters(metrics, 'sink.store', 'sink');
  const batchHist = metrics.histogram('vigil_store_batch_seconds', 'Time to write one batch to the event store.');
  const batchSize = metrics.histogram('vigil_store_batch_events', 'Events per store batch.', [1, 10, 100, 1000, 5000, 10000, 50000]);
  const storeWorker = new StoreWorker(store, { batchSize: config['store.batch_size'], flushMs: config['store.flush_ms'] }, storeCounters, (n, s) => {
    batchHist.observe(s);
    batchSize.observe(n);
    commits.fire();
  });
  bus.subscribe('events', 'store', storeWorker.handle, { awaited: true });
  const live = new LiveHub();
  bus.subscribe('events', 'live', live.handle, { overflow: 'drop' });
  metrics.gauge('vigil_store_backlog_events', 'Events accepted but not yet written.', () => storeWorker.backlog);
  metrics.gauge('vigil_live_streams', 'Open live streams.', () => live.size);
  const inputs = new InputStats(metrics);
  const extraction = new ExtractionRuleService(new ExtractionRulesRepo(db));
  await extraction.load();
  const ingest = new IngestService({ bus, newId, now: Date.now, counters: (i) => inputs.counters(i), onUnparsed: (i, n) => inputs.addUnparsed(i, n), extract: (t, f) => extraction.apply(t, f) });

  const tenants = new TenantsRepo(db);
  const usersRepo = new UsersRepo(db);
  const sessions = new SessionsRepo(db);
  const apiKeys = new ApiKeyService(new ApiKeysRepo(db));
  const users = new UserService(usersRepo, sessions);
  const auth = new AuthService(usersRepo, sessions, config['auth.session_ttl']);
  const url = config.public_url ?? `http://127.0.0.1:${config['http.port']}`;
  const bootstrapFile = await bootstrap(db, { dataDir: config.data_dir, url, adminPassword: config.admin_password });
  if (bootstrapFile) log.info({ file: bootstrapFile }, 'first start: created tenant "default", user "admin" and an ingest key; credentials are in the bootstrap file');

  const snmp: SnmpServices = await createSnmpServices({ config, db, box: loadSecretBox(config.data_dir), metrics, newId, ingest, log });

  let shuttingDown = false;
  const app = await buildApp(
    { config, db, store, auth, apiKeys, users, ingest, metrics, savedSearches: new SavedSearchesRepo(db), audit: new AuditRepo(db), live, inputs, extraction, snmp, isShuttingDown: () => shuttingDown, now: Date.now, webDist: WEB_DIST },
    log,
  );
  const retention = startRetention({ store, sessions, days: config['retention.days'], log });
  let sources: Source[] = [];
  let listenUrl = url;
  if (opts.listen !== false) {
    await app.listen({ port: config['http.port'], host: config['http.host'] });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config['http.port'];
    listenUrl = `http://127.0.0.1:${port}`;
  }
  try {
    if (opts.sources !== false) sources = await startSources({ config, ingest, inputs, tenants, log, snmp });
  } catch (err) {
    await app.close();
    retention.stop();
    await db.close();
    throw err;
  }
  if (opts.listen !== false) log.info({ url: listenUrl, database: db.dialect, bus: bus.kind, dataDir: resolve(config.data_dir) }, 'vigil started');

  const stop = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info('shutting down: finishing requests and flushing accepted events');
    retention.stop();
    for (const s of sources) await s.stop().catch((err) => log.error({ err, source: s.name }, 'source stop failed'));
    await snmp.stop();
    await app.close();
    await storeWorker.drain();
    await bus.close();
    await store.close();
    await db.close();
    log.info('stopped');
  };
  return { config, db, store, bus, log: eventLog, app, metrics, ingest, storeWorker, tenants, apiKeys, users, url: listenUrl, bootstrapFile, sources, stop };
}


