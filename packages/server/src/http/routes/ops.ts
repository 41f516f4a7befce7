/**
 * @module http/routes/ops
 * Liveness, readiness and Prometheus metrics. /healthz and /readyz are public and say nothing secret.
 */
import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../context.ts';

/** Registers /healthz, /readyz and /metrics. */
export async function opsRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['ops'], summary: 'Liveness' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { tags: ['ops'], summary: 'Readiness: the database answers' } }, async (_req, reply) => {
    try {
      if (ctx.isShuttingDown()) throw new Error('shutting down');
      await ctx.db.ping();
      return { status: 'ready', checks: { database: 'ok' } };
    } catch {
      return reply.status(503).send({ status: 'unavailable', checks: { database: 'failing' } });
    }
  });
  app.get('/metrics', { config: { public: true }, schema: { tags: ['ops'], summary: 'Prometheus metrics' } }, async (_req, reply) => {
    return reply.type('text/plain; version=0.0.4').send(ctx.metrics.render());
  });
}
