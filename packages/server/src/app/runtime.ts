/**
 * @module app/runtime
 * Wires one Vigil process: the foundation (configuration, database, metrics, bus) and then the modules
 * of its role (`roles.ts`: store, ingest, snmp, live, api); and stops it gracefully — HTTP closes,
 * sources stop, the store drains every accepted event, then the bus and the database close.
 */
import type { FastifyInstance } from 'fastify';
import { VigilError } from '@vigil/contracts';
import type { Config } from '../config/load.ts';
import type { Logger } from '../log/logger.ts';
import type { SnmpServices } from '../snmp/snmp-module.ts';
import { openDatabase, migrate, pendingMigrations, type SqlDb } from '../db/index.ts';
import { openMetricStore } from '../timeseries/index.ts';
import type { EventStore } from '../storage/index.ts';
import { InProcessBus, registerBusMetrics, type Bus, type EventLog } from '../bus/index.ts';
import { MetricsRegistry } from '../metrics/index.ts';
import type { StoreWorker } from '../pipeline/store-worker.ts';
import type { IngestService } from '../pipeline/ingest-service.ts';
import { TenantsRepo, SessionsRepo, UsersRepo, AuditRepo } from '../repos/index.ts';
import type { ApiKeyService, UserService } from '../auth/index.ts';
import { bootstrap, bootstrapPath, describeDatabase, scrubStaleBootstrapPassword } from './bootstrap.ts';
import { TenantService } from '../tenancy/tenant-service.ts';
import { TenantQuotas } from '../tenancy/tenant-quotas.ts';
import { TenantInputStats } from '../tenancy/tenant-input-stats.ts';
import { newId } from './ids.ts';
import type { Source } from '../sources/index.ts';
import { composeRole, ROLES_NEEDING_NATS } from './roles.ts';
import { need, type Foundation, type RuntimeModule, type Services } from './runtime-module.ts';

export { WEB_DIST } from './web-dist.ts';

export interface Runtime {
  config: Config;
  db: SqlDb;
  store: EventStore;
  bus: Bus;
  /** The committed `events` log, for consumers that resume from a position (detection). */
  eventLog: EventLog;
  app: FastifyInstance;
  metrics: MetricsRegistry;
  ingest: IngestService;
  storeWorker: StoreWorker;
  tenants: TenantsRepo;
  tenantService: TenantService;
  quotas: TenantQuotas;
  /** Runs the retention job once now (tests, operators). */
  runRetention: () => Promise<number>;
  apiKeys: ApiKeyService;
  users: UserService;
  /** The URL the HTTP server listens on (after start). */
  url: string;
  /** The credentials file written by this start (first start on an empty database), else null. */
  bootstrapFile: string | null;
  /** Where this database's first-start credentials are kept (may not exist). */
  credentialsFile: string;
  /** Started network sources (syslog listeners). */
  readonly sources: Source[];
  /** SNMP services (trap credentials, OID names, devices, poller, metrics store), in roles that run them. */
  readonly snmp: SnmpServices | undefined;
  /** The modules this process runs, in start order. */
  modules: string[];
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

/** Builds and starts a Vigil process: the foundation, then every module of the configured role. */
export async function startRuntime(config: Config, log: Logger, opts: { listen?: boolean; sources?: boolean } = {}): Promise<Runtime> {
  if (config['bus.url']) throw new VigilError('VIGIL_ERR_CONFIG', `bus.url (VIGIL_BUS_URL) is set to ${config['bus.url'].replace(/\/\/[^@/]*@/, '//…@')}, but this version has only the in-process bus. Unset it.`, { key: 'bus.url' });
  if (ROLES_NEEDING_NATS.includes(config.role)) throw new VigilError('VIGIL_ERR_CONFIG', `role (VIGIL_ROLE) "${config.role}" needs the NATS bus, which this version does not have yet. Use role "all".`, { key: 'role' });
  const modules = composeRole(config.role);
  const s = await openFoundation(config, log, opts);
  let shuttingDown = false;
  s.isShuttingDown = () => shuttingDown;

  const started: RuntimeModule[] = [];
  const stopModules = async () => {
    for (const m of [...started].reverse()) await m.stop?.(s).catch((err) => log.error({ err, module: m.name }, 'module stop failed'));
    s.tenantService.stop();
    await s.quotas.stop().catch((err) => log.error({ err }, 'could not write tenant usage'));
    await s.bus.close();
    await s.metricStore.close().catch((err) => log.error({ err }, 'could not close the metrics store'));
    await s.db.close();
  };
  try {
    for (const m of modules) {
      started.push(m);
      await m.init(s);
    }
    for (const m of modules) await m.start?.(s);
  } catch (err) {
    shuttingDown = true;
    await stopModules();
    throw err;
  }

  const stop = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info('shutting down: finishing requests and flushing accepted events');
    await stopModules();
    log.info('stopped');
  };
  return {
    config,
    db: s.db,
    bus: s.bus,
    metrics: s.metrics,
    tenants: s.tenants,
    tenantService: s.tenantService,
    quotas: s.quotas,
    runRetention: () => need(s, 'retention').runOnce(),
    bootstrapFile: s.bootstrapFile,
    credentialsFile: s.credentialsFile,
    store: need(s, 'store'),
    eventLog: need(s, 'eventLog'),
    storeWorker: need(s, 'storeWorker'),
    ingest: need(s, 'ingest'),
    app: need(s, 'app'),
    apiKeys: need(s, 'apiKeys'),
    users: need(s, 'users'),
    url: need(s, 'url'),
    get sources() {
      return s.sources ?? [];
    },
    get snmp() {
      return s.snmp;
    },
    modules: modules.map((m) => m.name),
    stop,
  };
}

/** What every role has: the migrated database (with the first-start tenant and admin), metrics and the bus. */
async function openFoundation(config: Config, log: Logger, startOptions: Foundation['startOptions']): Promise<Services> {
  const db = await openMigratedDatabase(config, log);
  try {
    const metrics = new MetricsRegistry();
    const bus = new InProcessBus((topic, consumer, err) => log.error({ err, topic, consumer }, 'bus consumer failed'));
    registerBusMetrics(metrics, bus);
    const url = config.public_url ?? `http://127.0.0.1:${config['http.port']}`;
    const credentialsFile = bootstrapPath(config.data_dir, config['database.url']);
    const boot = await bootstrap(db, { dataDir: config.data_dir, url, databaseUrl: config['database.url'], adminPassword: config.admin_password });
    if (boot?.replaced) log.warn({ file: boot.file, old: boot.replaced }, 'the database was empty but an older bootstrap file existed: moved it aside (its credentials belonged to a database that is gone)');
    if (boot) log.info({ file: boot.file, database: describeDatabase(config['database.url'], config.data_dir) }, 'first start: created tenant "default", user "admin" and an ingest key; credentials are in the bootstrap file');
    else if (await scrubStaleBootstrapPassword(db, credentialsFile)) log.info({ file: credentialsFile }, 'the admin password was changed: removed it from the bootstrap file');
    const tenants = new TenantsRepo(db);
    const tenantService = new TenantService(tenants, new UsersRepo(db), new AuditRepo(db));
    // Reloaded every 10 s so changes made with the CLI (another process) reach quotas and routing.
    await tenantService.load(10_000);
    const quotas = new TenantQuotas(tenants, tenantService, metrics);
    await quotas.start();
    const metricStore = openMetricStore(db, { synchronous: config['database.sqlite_synchronous'] as 'normal' | 'full' });
    return { config, log, db, metricStore, metrics, bus, tenants, tenantService, quotas, tenantInputs: new TenantInputStats(), sessions: new SessionsRepo(db), newId, now: Date.now, isShuttingDown: () => false, startOptions, bootstrapFile: boot?.file ?? null, credentialsFile };
  } catch (err) {
    await db.close();
    throw err;
  }
}
