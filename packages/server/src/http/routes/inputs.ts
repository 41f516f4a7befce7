/**
 * @module http/routes/inputs
 * Ingest health per input, and the tenant's audit log.
 */
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { inputsApi } from '@vigil/contracts';
import { principalOf } from '../plugins/auth.ts';

/** Registers /api/v1/inputs and /api/v1/audit-log. */
export async function inputRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/inputs', { config: { perm: 'read' }, schema: inputsApi.list }, async (req) => ({ inputs: ctx.tenantInputs.snapshot(principalOf(req).tenantId) }));
  app.get('/api/v1/audit-log', { config: { perm: 'admin' }, schema: inputsApi.auditLog }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    return { entries: await ctx.audit.list(p.tenantId, q.limit ?? 100, q.before ? Date.parse(q.before) : undefined) };
  });
}
