/**
 * @module http/app
 * Builds the Fastify app: infrastructure decorated once at the root, then each route group as a plugin.
 */
import { existsSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance, type FastifyBaseLogger } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { VigilError } from '@vigil/contracts';
import type { Logger } from '../log/logger.ts';
import type { HttpContext } from './context.ts';
import { registerErrorHandling, clientErrorHandler } from './plugins/errors.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerBodyParsers } from './body-parsers.ts';
import { opsRoutes } from './routes/ops.ts';
import { authRoutes } from './routes/auth.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { eventRoutes } from './routes/events.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { userRoutes } from './routes/users.ts';
import { savedSearchRoutes } from './routes/saved-searches.ts';
import { dashboardRoutes } from './routes/dashboards.ts';
import { inputRoutes } from './routes/inputs.ts';
import { streamRoutes } from './routes/stream.ts';
import { parserRoutes, extractionRuleRoutes } from './routes/parsers.ts';
import { snmpRoutes } from './routes/snmp.ts';
import { deviceRoutes } from './routes/devices.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { alertRoutes } from './routes/alerts.ts';
import { ruleRoutes } from './routes/rules.ts';
import { channelRoutes } from './routes/channels.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { auditLogRoutes } from './routes/audit-log.ts';
import { reportRoutes } from './routes/reports.ts';
import { agentRoutes } from './routes/agents.ts';
import { hostRoutes } from './routes/hosts.ts';

import { routingRoutes } from './routes/routing.ts';
import { silenceRoutes } from './routes/silences.ts';
import { timeIntervalRoutes } from './routes/time-intervals.ts';
import { inhibitRuleRoutes } from './routes/inhibit-rules.ts';
import { escalationPolicyRoutes } from './routes/escalation-policies.ts';
import { alertLinkRoutes } from './routes/alert-links.ts';

/** Every route group, in registration order. Adding one is one file plus one line. */
const ROUTE_GROUPS = [opsRoutes, authRoutes, ingestRoutes, eventRoutes, apiKeyRoutes, userRoutes, savedSearchRoutes, dashboardRoutes, inputRoutes, streamRoutes, parserRoutes, extractionRuleRoutes, snmpRoutes, deviceRoutes, tenantRoutes, alertRoutes, ruleRoutes, channelRoutes, incidentRoutes, auditLogRoutes, reportRoutes, agentRoutes, hostRoutes, routingRoutes, silenceRoutes, timeIntervalRoutes, inhibitRuleRoutes, escalationPolicyRoutes, alertLinkRoutes];

/** The HTTP application over a runtime context. */
export async function buildApp(ctx: HttpContext, logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger.child({ component: 'http' }) as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.config['ingest.max_body_bytes'],
    trustProxy: false,
    return503OnClosing: true,
    forceCloseConnections: true,
    clientErrorHandler,
    // The ingest contract accepts `type: ['object', 'array']` for a JSON body.
    ajv: { customOptions: { allowUnionTypes: true } },
  });
  const secure = (ctx.config.public_url ?? '').startsWith('https://');
  registerErrorHandling(app);
  registerBodyParsers(app);
  // The API docs and the web UI's files are public; every /api/v1 route is authenticated.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs') || !route.url.startsWith('/api/')) route.config = { ...(route.config as object), public: true };
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:', 'blob:'], connectSrc: ["'self'"], fontSrc: ["'self'", 'data:'], workerSrc: ["'self'", 'blob:'] } },
    crossOriginEmbedderPolicy: false,
    // Over plain http on a LAN address these make browsers log errors or refuse assets; they are
    // worth sending only when Vigil is served over https.
    crossOriginOpenerPolicy: secure,
    originAgentCluster: secure,
    strictTransportSecurity: secure,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, c) => ({ statusCode: 429, ...new VigilError('VIGIL_ERR_RATE_LIMITED', `Rate limit reached; retry in ${Math.ceil(c.ttl / 1000)} s.`, { retryAfter: Math.ceil(c.ttl / 1000) }).toBody() }),
  });
  await registerOpenApi(app);
  registerAuth(app, { auth: ctx.auth, apiKeys: ctx.apiKeys, agents: ctx.agents?.auth });
  // Authenticated answers are per caller: no cache (browser or proxy) may keep or replay them.
  app.addHook('onSend', async (req, reply) => {
    if (!req.routeOptions.config?.public && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
  });
  for (const group of ROUTE_GROUPS) await app.register(async (scope) => group(scope.withTypeProvider<TypeBoxTypeProvider>(), ctx));
  if (ctx.webDist && existsSync(ctx.webDist)) {
    await app.register(fastifyStatic, { root: ctx.webDist, wildcard: false, index: ['index.html'] });
    app.get('/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      const path = req.url.split('?')[0]!;
      if (path.startsWith('/api/')) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No route ${req.method} ${path}.`);
      const file = path.slice(1);
      if (file && existsSync(`${ctx.webDist}/${file}`) && !file.includes('..')) return reply.sendFile(file);
      return reply.sendFile('index.html');
    });
  } else {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html').send('<!doctype html><title>Vigil</title><h1>Vigil</h1><p>The web UI is not built. Run <code>npm run build:web</code>. API docs: <a href="/api/docs">/api/docs</a>.</p>'),
    );
  }
  return app;
}
