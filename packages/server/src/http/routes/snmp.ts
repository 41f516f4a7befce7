/**
 * @module http/routes/snmp
 * Trap credentials of the caller's tenant: communities and SNMPv3 users. Admin only; the secrets are
 * accepted on creation and never returned.
 */
import { VigilError, snmpApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';

/** Registers /api/v1/snmp/*. */
export async function snmpRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const creds = () => {
    if (!ctx.snmp) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'SNMP is not enabled in this process.');
    return ctx.snmp.credentials;
  };
  app.get('/api/v1/snmp/communities', { config: { perm: 'admin' }, schema: snmpApi.listCommunities }, async (req) => ({ communities: await creds().listCommunities(principalOf(req).tenantId) }));
  app.post('/api/v1/snmp/communities', {
    config: { perm: 'admin' },
    schema: snmpApi.createCommunity,
  }, async (req, reply) => {
    const p = principalOf(req);
    const c = await creds().addCommunity(p.tenantId, req.body);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'snmp.community.create', target: c.id, details: { name: c.name }, ip: req.ip });
    return reply.status(201).send(c);
  });
  app.delete('/api/v1/snmp/communities/:id', { config: { perm: 'admin' }, schema: snmpApi.deleteCommunity }, async (req) => {
    const p = principalOf(req);
    const id = req.params.id;
    await creds().deleteCommunity(p.tenantId, id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'snmp.community.delete', target: id, ip: req.ip });
    return { ok: true };
  });
  app.get('/api/v1/snmp/users', { config: { perm: 'admin' }, schema: snmpApi.listUsers }, async (req) => ({ users: await creds().listUsers(principalOf(req).tenantId) }));
  app.post('/api/v1/snmp/users', {
    config: { perm: 'admin' },
    schema: snmpApi.createUser,
  }, async (req, reply) => {
    const p = principalOf(req);
    const u = await creds().addUser(p.tenantId, req.body);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'snmp.user.create', target: u.id, details: { name: u.name, level: u.level }, ip: req.ip });
    return reply.status(201).send(u);
  });
  app.delete('/api/v1/snmp/users/:id', { config: { perm: 'admin' }, schema: snmpApi.deleteUser }, async (req) => {
    const p = principalOf(req);
    const id = req.params.id;
    await creds().deleteUser(p.tenantId, id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'snmp.user.delete', target: id, ip: req.ip });
    return { ok: true };
  });
}
