/**
 * @module http/routes/inputs
 * Ingest health per input, and the tenant's audit log.
 */
import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';

/** Registers /api/v1/inputs and /api/v1/audit-log. */
export async function inputRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/inputs', { config: { perm: 'read' }, schema: { tags: ['ops'], summary: 'Per-input counters: received, emitted, dropped, failed, parse failures' } }, async () => ({ inputs: ctx.inputs.snapshot() }));
  app.get('/api/v1/audit-log', { config: { perm: 'admin' }, schema: { tags: ['audit'], summary: 'The audit log, newest first', querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 }, before: { type: 'string' } } } } }, async (req) => {
    const p = principalOf(req);
    const q = req.query as { limit?: number; before?: string };
    return { entries: await ctx.audit.list(p.tenantId, q.limit ?? 100, q.before ? Date.parse(q.before) : undefined) };
  });
}
