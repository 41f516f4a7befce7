/**
 * @module app/modules/api-module
 * The HTTP API and web UI: auth services, every route group, and the listener. Stopping closes the
 * listener first of all, finishing requests in flight.
 */
import { resolve } from 'node:path';
import { ApiKeysRepo, SavedSearchesRepo, AuditRepo, UsersRepo } from '../../repos/index.ts';
import { AuthService, ApiKeyService, UserService } from '../../auth/index.ts';
import { buildApp } from '../../http/app.ts';
import { WEB_DIST } from '../web-dist.ts';
import { forgetBootstrapPassword } from '../bootstrap.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';

/** The api module. */
export function apiModule(): RuntimeModule {
  return {
    name: 'api',
    needs: ['store', 'ingest', 'inputs', 'extraction', 'live'],
    provides: ['apiKeys', 'users', 'app', 'url'],
    async init(s) {
      const { config, db, log } = s;
      const usersRepo = new UsersRepo(db);
      const apiKeys = new ApiKeyService(new ApiKeysRepo(db));
      const users = new UserService(usersRepo, s.sessions);
      // The first-start password leaves the bootstrap file as soon as the admin changes it.
      const forget = (u: { tenantId: string; username: string }) => {
        if (forgetBootstrapPassword(s.credentialsFile, u)) log.info({ file: s.credentialsFile }, 'admin password changed: removed it from the bootstrap file');
      };
      const auth = new AuthService(usersRepo, s.sessions, config['auth.session_ttl'], s.now, forget);
      const app = await buildApp(
        { config, db, store: need(s, 'store'), auth, apiKeys, users, ingest: need(s, 'ingest'), metrics: s.metrics, savedSearches: new SavedSearchesRepo(db), audit: new AuditRepo(db), live: need(s, 'live'), inputs: need(s, 'inputs'), extraction: need(s, 'extraction'), snmp: s.snmp, isShuttingDown: s.isShuttingDown, now: s.now, webDist: WEB_DIST },
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
