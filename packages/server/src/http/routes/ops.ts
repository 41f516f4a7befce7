/**
 * @module http/routes/ops
 * Liveness, readiness and Prometheus metrics. /healthz and /readyz are public and say nothing secret.
 */
import type { ApiApp } from '../api-app.ts';
import { opsApi } from '@vigil/contracts';
import type { HttpContext } from '../context.ts';

/** Registers /healthz, /readyz and /metrics. */
export async function opsRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/healthz', { config: { public: true }, schema: opsApi.health }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: opsApi.ready }, async (_req, reply) => {
    try {
      if (ctx.isShuttingDown()) throw new Error('shutting down');
      await ctx.db.ping();
      return { status: 'ready', checks: { database: 'ok' } };
    } catch {
      return reply.status(503).send({ status: 'unavailable', checks: { database: 'failing' } });
    }
  });
  app.get('/metrics', { config: { public: true }, schema: opsApi.metrics }, async (_req, reply) => {
    return reply.type('text/plain; version=0.0.4').send(ctx.metrics.render());
  });
}
