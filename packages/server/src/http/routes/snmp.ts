/**
 * @module http/routes/snmp
 * Trap credentials of the caller's tenant: communities and SNMPv3 users. Admin only; the secrets are
 * accepted on creation and never returned.
 */
import type { FastifyInstance } from 'fastify';
import { VigilError } from '@vigil/contracts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { AUTH_PROTOCOLS, PRIV_PROTOCOLS, SECURITY_LEVELS } from '../../snmp/snmp-security.ts';

/** Registers /api/v1/snmp/*. */
export async function snmpRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const creds = () => {
    if (!ctx.snmp) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'SNMP is not enabled in this process.');
    return ctx.snmp.credentials;
  };
  app.get('/api/v1/snmp/communities', { config: { perm: 'admin' }, schema: { tags: ['snmp'], summary: 'List trap communities (names only)' } }, async (req) => ({ communities: await creds().listCommunities(principalOf(req).tenantId) }));
  app.post('/api/v1/snmp/communities', {
    config: { perm: 'admin' },
    schema: { tags: ['snmp'], summary: 'Accept traps with a community (v1/v2c); the community is never returned', body: { type: 'object', properties: { name: { type: 'string' }, community: { type: 'string' } }, required: ['community'] } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const c = await creds().addCommunity(p.tenantId, req.body);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'snmp.community.create', target: c.id, details: { name: c.name }, ip: req.ip });
    return reply.status(201).send(c);
  });
  app.delete('/api/v1/snmp/communities/:id', { config: { perm: 'admin' }, schema: { tags: ['snmp'], summary: 'Stop accepting a community' } }, async (req) => {
    const p = principalOf(req);
    const id = (req.params as { id: string }).id;
    await creds().deleteCommunity(p.tenantId, id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'snmp.community.delete', target: id, ip: req.ip });
    return { ok: true };
  });
  app.get('/api/v1/snmp/users', { config: { perm: 'admin' }, schema: { tags: ['snmp'], summary: 'List SNMPv3 trap users (no keys)' } }, async (req) => ({ users: await creds().listUsers(principalOf(req).tenantId) }));
  app.post('/api/v1/snmp/users', {
    config: { perm: 'admin' },
    schema: {
      tags: ['snmp'],
      summary: 'Accept v3 traps and informs from a user; the keys are never returned',
      body: { type: 'object', properties: { name: { type: 'string' }, level: { type: 'string', enum: [...SECURITY_LEVELS] }, authProtocol: { type: 'string', enum: [...AUTH_PROTOCOLS] }, authKey: { type: 'string' }, privProtocol: { type: 'string', enum: [...PRIV_PROTOCOLS] }, privKey: { type: 'string' } }, required: ['name'] },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const u = await creds().addUser(p.tenantId, req.body);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'snmp.user.create', target: u.id, details: { name: u.name, level: u.level }, ip: req.ip });
    return reply.status(201).send(u);
  });
  app.delete('/api/v1/snmp/users/:id', { config: { perm: 'admin' }, schema: { tags: ['snmp'], summary: 'Remove an SNMPv3 trap user' } }, async (req) => {
    const p = principalOf(req);
    const id = (req.params as { id: string }).id;
    await creds().deleteUser(p.tenantId, id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'snmp.user.delete', target: id, ip: req.ip });
    return { ok: true };
  });
}
