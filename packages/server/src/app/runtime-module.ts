/**
 * @module app/runtime-module
 * A runtime module: one part of a Vigil process (store, ingest, live, api; later detect, notify) with
 * what it needs, what it provides, and how it starts and stops. A role is a list of modules
 * (`roles.ts`); `runtime.ts` composes them.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/load.ts';
import type { Logger } from '../log/logger.ts';
import type { SqlDb } from '../db/index.ts';
import type { EventStore } from '../storage/index.ts';
import type { Bus, CommitSignal, EventLog } from '../bus/index.ts';
import type { MetricsRegistry } from '../metrics/index.ts';
import type { StoreWorker } from '../pipeline/store-worker.ts';
import type { IngestService } from '../pipeline/ingest-service.ts';
import type { InputStats } from '../pipeline/input-stats.ts';
import type { LiveHub } from '../pipeline/live-hub.ts';
import type { TenantsRepo, SessionsRepo } from '../repos/index.ts';
import type { ExtractionRuleService } from '../extraction/extraction-rule-service.ts';
import type { ApiKeyService, UserService } from '../auth/index.ts';
import type { Source } from '../sources/index.ts';
import type { SnmpServices } from '../snmp/snmp-module.ts';
import type { AlertSink, DetectionService, RuleSource } from '../detection/index.ts';
import type { TenantService } from '../tenancy/tenant-service.ts';
import type { TenantQuotas } from '../tenancy/tenant-quotas.ts';
import type { TenantInputStats } from '../tenancy/tenant-input-stats.ts';
import type { AlertService } from '../alerts/alert-service.ts';
import type { NotifyService } from '../notify/notify-service.ts';
import type { ChannelService } from '../notify/channel-service.ts';
import type { RoutingService } from '../notify/routing-service.ts';
import type { AlertLinkSigner } from '../notify/alert-links.ts';
import type { RuleService } from '../rules/rule-service.ts';
import type { IncidentGrouper, IncidentRuleService, IncidentService } from '../incidents/index.ts';
import type { ReportService } from '../reports/index.ts';
import type { AgentServices } from '../agents/agent-services.ts';
import type { MetricStore } from '../timeseries/metric-store.ts';

/** Module names. `detect` and `notify` arrive with detection and notifications: one file in `modules/` and one line in `MODULES`. */
export type ModuleName = 'store' | 'ingest' | 'snmp' | 'agents' | 'live' | 'api' | 'alerts' | 'rules' | 'detect' | 'notify' | 'incidents' | 'reports';

/** What every process has before any module starts: configuration, database, metrics and the bus. */
export interface Foundation {
  config: Config;
  log: Logger;
  db: SqlDb;
  /** The metrics store (SNMP polling, host agents): one per process, its own file and thread on SQLite. */
  metricStore: MetricStore;
  metrics: MetricsRegistry;
  bus: Bus;
  tenants: TenantsRepo;
  /** Every tenant in memory (disabled state, quotas, retention), reloaded periodically. */
  tenantService: TenantService;
  /** Daily event quotas and usage counters per tenant. */
  quotas: TenantQuotas;
  /** Per-tenant input counters (what a tenant sees at /api/v1/inputs). */
  tenantInputs: TenantInputStats;
  sessions: SessionsRepo;
  newId: () => string;
  now: () => number;
  /** True once shutdown began: new ingest is refused. */
  isShuttingDown: () => boolean;
  /** `listen: false` keeps the HTTP server closed; `sources: false` keeps network sources off (tests). */
  startOptions: { listen?: boolean; sources?: boolean };
  /** The first-start credentials file, when this start created it. */
  bootstrapFile: string | null;
  /** Where this database's first-start credentials are kept (may not exist). */
  credentialsFile: string;
}

/** What modules provide, by name. */
export interface Provided {
  store: EventStore;
  storeWorker: StoreWorker;
  commits: CommitSignal;
  eventLog: EventLog;
  ingest: IngestService;
  inputs: InputStats;
  extraction: ExtractionRuleService;
  sources: Source[];
  snmp: SnmpServices;
  /** Host agents: enrollment, credentials, batches, hosts (the agents module). */
  agents: AgentServices;
  live: LiveHub;
  apiKeys: ApiKeyService;
  users: UserService;
  alerts: AlertService;
  rules: RuleService;
  /** Every tenant's rules (the rules module). */
  ruleSource: RuleSource;
  /** Where signals become alerts (the alerts module). */
  alertSink: AlertSink;
  detector: DetectionService;
  /** Routes alerts through each tenant's tree into the durable delivery queue (the notify module). */
  notifier: NotifyService;
  /** Notification channels (the notify module). */
  channels: ChannelService;
  /** Routing tree, silences, time intervals, inhibit rules, escalation policies (the notify module). */
  routing: RoutingService;
  /** Signs and verifies acknowledge/resolve links (the notify module). */
  alertLinks: AlertLinkSigner;
  incidents: IncidentService;
  incidentRules: IncidentRuleService;
  /** Files new alerts into incidents (the incidents module). */
  grouper: IncidentGrouper;
  /** Digest schedules and sends (the reports module). */
  reports: ReportService;
  app: FastifyInstance;
  /** The URL the HTTP server listens on. */
  url: string;
  /** The retention job (runs hourly; `runOnce` for tests and operators). */
  retention: { runOnce(): Promise<number> };
}

/** A service a module can need or provide. */
export type ServiceName = keyof Provided;

/** The foundation plus whatever the modules started so far provide. */
export type Services = Foundation & Partial<Provided>;

/** One part of a process. */
export interface RuntimeModule {
  readonly name: ModuleName;
  /** Services earlier modules must provide; composing a role checks this before anything starts. */
  readonly needs: readonly ServiceName[];
  /** Services this module's `init` adds. */
  readonly provides: readonly ServiceName[];
  /** Builds the module's services into `s`; opens no listener yet. */
  init(s: Services): Promise<void>;
  /** Opens what faces the outside (listeners, timers), after every module's `init`. */
  start?(s: Services): Promise<void>;
  /** Stops it; modules stop in reverse order, before the bus and the database close. */
  stop?(s: Services): Promise<void>;
}

/** The service `name`, which the module declared in `needs` (so composing has checked it exists). */
export function need<K extends ServiceName>(s: Services, name: K): Provided[K] {
  const v = s[name];
  if (v === undefined) throw new Error(`runtime module wiring: "${name}" is needed but no earlier module provides it`);
  return v as Provided[K];
}
