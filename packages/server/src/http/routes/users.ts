/**
 * @module http/routes/users
 * Users of the caller's tenant (admins and owners).
 */
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { usersApi } from '@vigil/contracts';
import { principalOf } from '../plugins/auth.ts';
import { publicUser } from '../../repos/users-repo.ts';

/** Registers /api/v1/users*. */
export async function userRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/users', { config: { perm: 'admin' }, schema: usersApi.list }, async (req) => {
    const p = principalOf(req);
    return { users: (await ctx.users.list(p.tenantId)).map(publicUser) };
  });
  app.post('/api/v1/users', {
    config: { perm: 'admin' },
    schema: usersApi.create,
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    const u = await ctx.users.create(p.tenantId, { ...b, mustChangePassword: true }, p);
    return reply.status(201).send(publicUser(u));
  });
  app.patch('/api/v1/users/:id', {
    config: { perm: 'admin' },
    schema: usersApi.update,
  }, async (req) => {
    const p = principalOf(req);
    const id = req.params.id;
    const u = await ctx.users.update(p.tenantId, id, req.body, p);
    return publicUser(u);
  });
  app.post('/api/v1/users/:id/password', {
    config: { perm: 'admin' },
    schema: usersApi.resetPassword,
  }, async (req) => {
    const p = principalOf(req);
    const id = req.params.id;
    await ctx.users.resetPassword(p.tenantId, id, req.body.password, p);
    return { ok: true };
  });
}
