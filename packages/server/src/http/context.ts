/**
 * @module http/context
 * What route plugins get from the runtime: services, stores and counters, decorated once at the root.
 */
import type { Config } from '../config/load.ts';
import type { EventStore } from '../storage/event-store.ts';
import type { SqlDb } from '../db/sql-db.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { ApiKeyService } from '../auth/api-key-service.ts';
import type { UserService } from '../auth/user-service.ts';
import type { IngestService } from '../pipeline/ingest-service.ts';
import type { MetricsRegistry } from '../metrics/registry.ts';
import type { SavedSearchesRepo } from '../repos/saved-searches-repo.ts';
import type { DashboardService } from '../dashboards/dashboard-service.ts';
import type { AuditRepo } from '../repos/audit-repo.ts';
import type { LiveHub } from '../pipeline/live-hub.ts';
import type { InputStats } from '../pipeline/input-stats.ts';
import type { ExtractionRuleService } from '../extraction/extraction-rule-service.ts';
import type { SnmpServices } from '../snmp/snmp-module.ts';
import type { TenantService } from '../tenancy/tenant-service.ts';
import type { TenantQuotas } from '../tenancy/tenant-quotas.ts';
import type { TenantInputStats } from '../tenancy/tenant-input-stats.ts';
import type { AlertService } from '../alerts/alert-service.ts';
import type { RuleService } from '../rules/rule-service.ts';
import type { RuleLab } from '../rules/rule-lab.ts';
import type { ChannelService } from '../notify/channel-service.ts';
import type { IncidentRuleService, IncidentService } from '../incidents/index.ts';
import type { ReportService } from '../reports/index.ts';
import type { AgentServices } from '../agents/agent-services.ts';
import type { RoutingService } from '../notify/routing-service.ts';
import type { AlertLinkSigner } from '../notify/alert-links.ts';

export interface HttpContext {
  config: Config;
  db: SqlDb;
  store: EventStore;
  auth: AuthService;
  apiKeys: ApiKeyService;
  users: UserService;
  ingest: IngestService;
  metrics: MetricsRegistry;
  savedSearches: SavedSearchesRepo;
  dashboards: DashboardService;
  audit: AuditRepo;
  live: LiveHub;
  inputs: InputStats;
  /** Per-tenant input counters (what a tenant sees at /api/v1/inputs). */
  tenantInputs: TenantInputStats;
  tenants: TenantService;
  quotas: TenantQuotas;
  extraction: ExtractionRuleService;
  /** SNMP trap credentials, OID names, devices and the metrics store (absent in processes without SNMP). */
  snmp?: SnmpServices;
  /** Host agents and the fleet (absent in processes without the agents module). */
  agents?: AgentServices;
  /** Alerts (absent in processes without the alerts module). */
  alerts?: AlertService;
  /** Detection rules (absent in processes without the rules module). */
  rules?: RuleService;
  /** Rule tests and backtests (absent in processes without the rules module). */
  ruleLab?: RuleLab;
  /** Notification channels (absent in processes without the API's channel service). */
  channels?: ChannelService;
  /** Incidents and their grouping rules (absent in processes without the incidents module). */
  incidents?: IncidentService;
  incidentRules?: IncidentRuleService;
  /** Digest reports (absent in processes without the reports module). */
  reports?: ReportService;
  /** Routing tree, silences, time intervals, inhibit rules, escalation policies (absent without the notify module). */
  routing?: RoutingService;
  /** Verifies signed acknowledge/resolve links (absent without the notify module). */
  alertLinks?: AlertLinkSigner;
  /** True once shutdown began: new ingest is refused. */
  isShuttingDown: () => boolean;
  now: () => number;
  webDist?: string;
}
