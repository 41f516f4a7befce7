/**
 * @module http/routes/hosts
 * The tenant's enrolled hosts: list with status, detail with snapshot, tags, revoke, delete, metrics
 * with downsampling, and commands to a host's agent.
 */
import { VigilError, hostsApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import type { AgentServices } from '../../agents/agent-services.ts';
import type { CommandRecord } from '../../agents/agent-commands-repo.ts';

const iso = (v: number | null) => (v === null ? null : new Date(v).toISOString());

/** The contract view of a command. */
function publicCommand(c: CommandRecord) {
  return { id: c.id, hostId: c.hostId, type: c.type as 'ping', args: c.args, status: c.status, createdAt: new Date(c.createdAt).toISOString(), createdBy: c.createdBy, deliveredAt: iso(c.deliveredAt), completedAt: iso(c.completedAt), result: c.result, error: c.error };
}

/** Registers /api/v1/hosts*. */
export async function hostRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const agents = (): AgentServices => {
    if (!ctx.agents) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Host agents are not served by this process.');
    return ctx.agents;
  };

  app.get('/api/v1/hosts', { config: { perm: 'read' }, schema: hostsApi.list }, async (req) => ({ hosts: await agents().hosts.list(principalOf(req).tenantId) }));

  app.get('/api/v1/hosts/:id', { config: { perm: 'read' }, schema: hostsApi.get }, async (req) => agents().hosts.get(principalOf(req).tenantId, req.params.id));

  app.put('/api/v1/hosts/:id/tags', { config: { perm: 'write' }, schema: hostsApi.setTags }, async (req) => {
    const p = principalOf(req);
    const h = await agents().hosts.setTags(p.tenantId, req.params.id, req.body.tags);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'host.tags', target: h.id, details: { tags: h.tags }, ip: req.ip });
    return h;
  });

  app.post('/api/v1/hosts/:id/revoke', { config: { perm: 'admin' }, schema: hostsApi.revoke }, async (req) => {
    const p = principalOf(req);
    const h = await agents().hosts.revoke(p.tenantId, req.params.id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'host.revoke', target: h.id, details: { name: h.name }, ip: req.ip });
    return h;
  });

  app.delete('/api/v1/hosts/:id', { config: { perm: 'admin' }, schema: hostsApi.remove }, async (req) => {
    const p = principalOf(req);
    await agents().hosts.delete(p.tenantId, req.params.id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'host.delete', target: req.params.id, ip: req.ip });
    return { ok: true };
  });

  app.get('/api/v1/hosts/:id/metrics', { config: { perm: 'read' }, schema: hostsApi.metrics }, async (req) => agents().hosts.metrics(principalOf(req).tenantId, req.params.id, req.query));

  app.post('/api/v1/hosts/:id/commands', { config: { perm: 'admin' }, schema: hostsApi.command }, async (req, reply) => {
    const p = principalOf(req);
    const h = await agents().hosts.get(p.tenantId, req.params.id);
    if (h.status === 'revoked') throw new VigilError('VIGIL_ERR_CONFLICT', 'The host is revoked: its agent no longer connects.');
    const c = await agents().commands.queue(p.tenantId, h.id, req.body.type, req.body.args ?? {}, p.name);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'host.command', target: h.id, details: { command: c.id, type: c.type }, ip: req.ip });
    return reply.status(201).send(publicCommand(c));
  });

  app.get('/api/v1/hosts/:id/commands/:commandId', { config: { perm: 'read' }, schema: hostsApi.getCommand }, async (req) => publicCommand(await agents().commands.get(principalOf(req).tenantId, req.params.id, req.params.commandId)));
}
