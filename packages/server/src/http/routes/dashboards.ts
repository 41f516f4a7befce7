/**
 * @module http/routes/dashboards
 * /api/v1/dashboards: the tenant's boards (built-in, shared, the caller's own), CRUD and the caller's
 * home board. Boards belong to users, so API keys cannot use these routes.
 */
import { VigilError, dashboardsApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import type { DashboardUser } from '../../dashboards/dashboard-service.ts';
import { can } from '../../auth/permissions.ts';
import { principalOf } from '../plugins/auth.ts';

/** Registers /api/v1/dashboards*. */
export async function dashboardRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const caller = (req: Parameters<typeof principalOf>[0]): { tenantId: string; user: DashboardUser } => {
    const p = principalOf(req);
    if (p.kind !== 'user') throw new VigilError('VIGIL_ERR_FORBIDDEN', 'Dashboards belong to users; log in to use them.');
    return { tenantId: p.tenantId, user: { id: p.id, name: p.name, admin: can(p, 'admin'), canShare: can(p, 'write'), ip: p.ip } };
  };

  app.get('/api/v1/dashboards', { config: { perm: 'read' }, schema: dashboardsApi.list }, async (req) => {
    const c = caller(req);
    return ctx.dashboards.list(c.tenantId, c.user);
  });
  app.post('/api/v1/dashboards', { config: { perm: 'read' }, schema: dashboardsApi.create }, async (req, reply) => {
    const c = caller(req);
    return reply.status(201).send(await ctx.dashboards.create(c.tenantId, req.body, c.user));
  });
  app.put('/api/v1/dashboards/home', { config: { perm: 'read' }, schema: dashboardsApi.setHome }, async (req) => {
    const c = caller(req);
    return { homeId: await ctx.dashboards.setHome(c.tenantId, req.body.id, c.user) };
  });
  app.get('/api/v1/dashboards/:id', { config: { perm: 'read' }, schema: dashboardsApi.get }, async (req) => {
    const c = caller(req);
    return ctx.dashboards.get(c.tenantId, req.params.id, c.user);
  });
  app.put('/api/v1/dashboards/:id', { config: { perm: 'read' }, schema: dashboardsApi.update }, async (req) => {
    const c = caller(req);
    return ctx.dashboards.update(c.tenantId, req.params.id, req.body, c.user);
  });
  app.delete('/api/v1/dashboards/:id', { config: { perm: 'read' }, schema: dashboardsApi.remove }, async (req) => {
    const c = caller(req);
    await ctx.dashboards.remove(c.tenantId, req.params.id, c.user);
    return { ok: true };
  });
}
