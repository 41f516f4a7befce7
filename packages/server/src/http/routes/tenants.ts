/**
 * @module http/routes/tenants
 * Tenants of the installation, for the platform owner only (`platform` permission; no API key has it):
 * list with today's usage, add (optionally with its first owner), rename, disable and set quotas.
 */
import { tenantsApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { publicTenant } from '../../tenancy/tenant-service.ts';
import { publicUser } from '../../repos/users-repo.ts';

/** Registers /api/v1/tenants*. */
export async function tenantRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/tenants', { config: { perm: 'platform' }, schema: tenantsApi.list }, async () => ({
    tenants: (await ctx.tenants.list()).map((t) => publicTenant(t, ctx.quotas.today(t.id))),
  }));
  app.get('/api/v1/tenants/:id', { config: { perm: 'platform' }, schema: tenantsApi.get }, async (req) => {
    const t = await ctx.tenants.get(req.params.id);
    return publicTenant(t, ctx.quotas.today(t.id));
  });
  app.post('/api/v1/tenants', { config: { perm: 'platform' }, schema: tenantsApi.create }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    const t = await ctx.tenants.create(b, p);
    let owner: ReturnType<typeof publicUser> | undefined;
    if (b.owner) {
      const u = await ctx.users.create(t.id, { username: b.owner.username, password: b.owner.password, role: 'owner', mustChangePassword: true }, p);
      owner = publicUser(u);
    }
    return reply.status(201).send({ ...publicTenant(t, ctx.quotas.today(t.id)), ...(owner ? { owner } : {}) });
  });
  app.patch('/api/v1/tenants/:id', { config: { perm: 'platform' }, schema: tenantsApi.update }, async (req) => {
    const p = principalOf(req);
    const t = await ctx.tenants.update(req.params.id, req.body, p);
    // Keys and sessions of a disabled tenant stop at once (sessions are checked per request).
    ctx.apiKeys.invalidate();
    return publicTenant(t, ctx.quotas.today(t.id));
  });
}
