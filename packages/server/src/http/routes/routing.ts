/**
 * @module http/routes/routing
 * The routing tree of the caller's tenant (`/api/v1/routes`): viewers read and try it, admins
 * replace or remove it. A tree that does not validate is refused with every problem named by its
 * path in the tree.
 */
import { VigilError, routesApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import type { RoutingService } from '../../notify/routing-service.ts';

/** The routing service, or 503 in a process without notifications. */
export function routingOf(ctx: HttpContext): RoutingService {
  if (!ctx.routing) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Notification routing is not available in this process (role).');
  return ctx.routing;
}

/** Registers /api/v1/routes*. */
export async function routingRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/routes', { config: { perm: 'read' }, schema: routesApi.get }, async (req) => {
    const t = await routingOf(ctx).tree(principalOf(req).tenantId);
    if (!t) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No routing tree is set: newly opened alerts go to the default channels.');
    return t.tree;
  });

  app.get('/api/v1/routes/info', { config: { perm: 'read' }, schema: routesApi.info }, async (req) => {
    const t = await routingOf(ctx).tree(principalOf(req).tenantId);
    return { tree: t?.tree ?? null, updatedAt: t ? new Date(t.updatedAt).toISOString() : null, updatedBy: t?.updatedBy ?? null };
  });

  app.put('/api/v1/routes', { config: { perm: 'admin' }, schema: routesApi.put }, async (req) => {
    const p = principalOf(req);
    const tree = await routingOf(ctx).putTree(p.tenantId, req.body, p);
    return tree;
  });

  app.delete('/api/v1/routes', { config: { perm: 'admin' }, schema: routesApi.remove }, async (req) => {
    const p = principalOf(req);
    await routingOf(ctx).deleteTree(p.tenantId, p);
    return { ok: true };
  });

  app.post('/api/v1/routes/test', { config: { perm: 'read' }, schema: routesApi.test }, async (req) => routingOf(ctx).test(principalOf(req).tenantId, req.body));
}
