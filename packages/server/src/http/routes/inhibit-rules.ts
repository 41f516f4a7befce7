/**
 * @module http/routes/inhibit-rules
 * Inhibit rules of the caller's tenant: viewers read, admins write.
 */
import { inhibitRulesApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { routingOf } from './routing.ts';

/** Registers /api/v1/inhibit-rules*. */
export async function inhibitRuleRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/inhibit-rules', { config: { perm: 'read' }, schema: inhibitRulesApi.list }, async (req) => ({ inhibitRules: await routingOf(ctx).listInhibitRules(principalOf(req).tenantId) }));

  app.post('/api/v1/inhibit-rules', { config: { perm: 'admin' }, schema: inhibitRulesApi.create }, async (req, reply) => {
    const p = principalOf(req);
    const r = await routingOf(ctx).createInhibitRule(p.tenantId, req.body, p);
    return reply.status(201).send(r);
  });

  app.get('/api/v1/inhibit-rules/:id', { config: { perm: 'read' }, schema: inhibitRulesApi.get }, async (req) => routingOf(ctx).inhibitRule(principalOf(req).tenantId, req.params.id));

  app.put('/api/v1/inhibit-rules/:id', { config: { perm: 'admin' }, schema: inhibitRulesApi.update }, async (req) => {
    const p = principalOf(req);
    const r = await routingOf(ctx).updateInhibitRule(p.tenantId, req.params.id, req.body, p);
    return r;
  });

  app.delete('/api/v1/inhibit-rules/:id', { config: { perm: 'admin' }, schema: inhibitRulesApi.remove }, async (req) => {
    const p = principalOf(req);
    await routingOf(ctx).deleteInhibitRule(p.tenantId, req.params.id, p);
    return { ok: true };
  });
}
