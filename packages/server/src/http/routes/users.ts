/**
 * @module http/routes/users
 * Users of the caller's tenant (admins and owners).
 */
import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { publicUser } from '../../repos/users-repo.ts';

/** Registers /api/v1/users*. */
export async function userRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/users', { config: { perm: 'admin' }, schema: { tags: ['users'], summary: 'List users' } }, async (req) => {
    const p = principalOf(req);
    return { users: (await ctx.users.list(p.tenantId)).map(publicUser) };
  });
  app.post('/api/v1/users', {
    config: { perm: 'admin' },
    schema: { tags: ['users'], summary: 'Add a user', body: { type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', enum: ['owner', 'admin', 'analyst', 'viewer'] } }, required: ['username', 'password', 'role'] } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body as { username: unknown; password: unknown; role: unknown };
    const u = await ctx.users.create(p.tenantId, { ...b, mustChangePassword: true }, p);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'user.create', target: u.id, details: { username: u.username, role: u.role }, ip: req.ip });
    return reply.status(201).send(publicUser(u));
  });
  app.patch('/api/v1/users/:id', {
    config: { perm: 'admin' },
    schema: { tags: ['users'], summary: 'Change role or disable', body: { type: 'object', properties: { role: { type: 'string' }, disabled: { type: 'boolean' } } } },
  }, async (req) => {
    const p = principalOf(req);
    const id = (req.params as { id: string }).id;
    const u = await ctx.users.update(p.tenantId, id, req.body as { role?: unknown; disabled?: unknown }, p);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'user.update', target: id, details: req.body, ip: req.ip });
    return publicUser(u);
  });
  app.post('/api/v1/users/:id/password', {
    config: { perm: 'admin' },
    schema: { tags: ['users'], summary: 'Reset a password (the user must change it at next login)', body: { type: 'object', properties: { password: { type: 'string' } }, required: ['password'] } },
  }, async (req) => {
    const p = principalOf(req);
    const id = (req.params as { id: string }).id;
    await ctx.users.resetPassword(p.tenantId, id, (req.body as { password: unknown }).password, p);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'user.password_reset', target: id, ip: req.ip });
    return { ok: true };
  });
}
