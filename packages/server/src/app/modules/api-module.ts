/**
 * @module app/modules/api-module
 * The HTTP API and web UI: auth services, every route group, and the listener. Stopping closes the
 * listener first of all, finishing requests in flight.
 */
import { resolve } from 'node:path';
import { ApiKeysRepo, SavedSearchesRepo, AuditRepo, UsersRepo, DashboardsRepo } from '../../repos/index.ts';
import { DashboardService } from '../../dashboards/index.ts';
import { AuthService, ApiKeyService, UserService } from '../../auth/index.ts';
import { AuthAudit } from '../../auth/auth-audit.ts';
import { buildApp } from '../../http/app.ts';
import { WEB_DIST } from '../web-dist.ts';
import { forgetBootstrapPassword } from '../bootstrap.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';
import { loadSecretBox } from '../../auth/secret-box.ts';
import { createChannelService } from '../../notify/create-channel-service.ts';
import { RuleLab } from '../../rules/rule-lab.ts';

/** The api module. */
export function apiModule(): RuntimeModule {
  return {
    name: 'api',
    needs: ['store', 'ingest', 'inputs', 'extraction', 'live'],
    provides: ['apiKeys', 'users', 'app', 'url'],
    async init(s) {
      const { config, db, log } = s;
      const usersRepo = new UsersRepo(db);
      // The first-start password leaves the bootstrap file as soon as the admin changes it.
      const forget = (u: { tenantId: string; username: string }) => {
        if (forgetBootstrapPassword(s.credentialsFile, u)) log.info({ file: s.credentialsFile }, 'admin password changed: removed it from the bootstrap file');
      };
      const audit = new AuditRepo(db, { now: s.now, newId: s.newId });
      // Failures that name no tenant (unknown user or key) are audited in the platform owner's tenant.
      const platformTenant = async () => (await db.get<{ tenant_id: string }>("SELECT tenant_id FROM users WHERE role = 'platform_owner' ORDER BY created_at LIMIT 1"))?.tenant_id;
      const authAudit = new AuthAudit(audit, platformTenant, log.child({ component: 'auth' }));
      const apiKeys = new ApiKeyService(new ApiKeysRepo(db), s.now, (r) => authAudit.apiKey(r), audit);
      const users = new UserService(usersRepo, s.sessions, () => apiKeys.invalidate(), audit);
      s.tenantService.onChange(() => apiKeys.invalidate());
      const auth = new AuthService(usersRepo, s.sessions, s.tenants, { sessionTtlMs: config['auth.session_ttl'], sessionMaxAgeMs: config['auth.session_max_age'], now: s.now, onEvent: (e) => authAudit.login(e), onPasswordChanged: forget });
      // The notify module's services when this process runs it; otherwise the API still manages channels.
      const channels = s.channels ?? createChannelService({ db, box: loadSecretBox(config.data_dir, config.secret_key), publicUrl: config.public_url ?? null, now: s.now, newId: s.newId, audit });
      const extraction = need(s, 'extraction');
      const ruleLab = s.rules ? new RuleLab({ rules: s.rules, store: need(s, 'store'), extract: (t, f) => extraction.apply(t, f), now: s.now, newId: s.newId }) : undefined;
      const app = await buildApp(
        { config, db, store: need(s, 'store'), auth, apiKeys, users, ingest: need(s, 'ingest'), metrics: s.metrics, savedSearches: new SavedSearchesRepo(db), dashboards: new DashboardService(new DashboardsRepo(db, { now: s.now, newId: s.newId }), audit), audit, live: need(s, 'live'), inputs: need(s, 'inputs'), tenantInputs: s.tenantInputs, tenants: s.tenantService, quotas: s.quotas, extraction: need(s, 'extraction'), snmp: s.snmp, agents: s.agents, alerts: s.alerts, rules: s.rules, ruleLab, channels, routing: s.routing, alertLinks: s.alertLinks, incidents: s.incidents, incidentRules: s.incidentRules, reports: s.reports, isShuttingDown: s.isShuttingDown, now: s.now, webDist: WEB_DIST },
        log,
      );
      Object.assign(s, { apiKeys, users, app, url: config.public_url ?? `http://127.0.0.1:${config['http.port']}` });
    },
    async start(s) {
      if (s.startOptions.listen === false) return;
      const app = need(s, 'app');
      await app.listen({ port: s.config['http.port'], host: s.config['http.host'] });
      const addr = app.server.address();
      s.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : s.config['http.port']}`;
      s.log.info({ url: s.url, database: s.db.dialect, bus: s.bus.kind, dataDir: resolve(s.config.data_dir) }, 'vigil started');
    },
    async stop(s) {
      await s.app?.close();
    },
  };
}
