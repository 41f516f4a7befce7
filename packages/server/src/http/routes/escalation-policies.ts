/**
 * @module http/routes/escalation-policies
 * Escalation policies of the caller's tenant: viewers read, admins write.
 */
import { escalationPoliciesApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { routingOf } from './routing.ts';

/** Registers /api/v1/escalation-policies*. */
export async function escalationPolicyRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/escalation-policies', { config: { perm: 'read' }, schema: escalationPoliciesApi.list }, async (req) => ({ escalationPolicies: await routingOf(ctx).listPolicies(principalOf(req).tenantId) }));

  app.post('/api/v1/escalation-policies', { config: { perm: 'admin' }, schema: escalationPoliciesApi.create }, async (req, reply) => {
    const p = principalOf(req);
    const e = await routingOf(ctx).createPolicy(p.tenantId, req.body, p);
    return reply.status(201).send(e);
  });

  app.get('/api/v1/escalation-policies/:id', { config: { perm: 'read' }, schema: escalationPoliciesApi.get }, async (req) => routingOf(ctx).policy(principalOf(req).tenantId, req.params.id));

  app.put('/api/v1/escalation-policies/:id', { config: { perm: 'admin' }, schema: escalationPoliciesApi.update }, async (req) => {
    const p = principalOf(req);
    const e = await routingOf(ctx).updatePolicy(p.tenantId, req.params.id, req.body, p);
    return e;
  });

  app.delete('/api/v1/escalation-policies/:id', { config: { perm: 'admin' }, schema: escalationPoliciesApi.remove }, async (req) => {
    const p = principalOf(req);
    await routingOf(ctx).deletePolicy(p.tenantId, req.params.id, p);
    return { ok: true };
  });
}
