/**
 * @module http/routes/time-intervals
 * Time intervals (maintenance windows, office hours) of the caller's tenant: viewers read, admins write.
 */
import { timeIntervalsApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { routingOf } from './routing.ts';

/** Registers /api/v1/time-intervals*. */
export async function timeIntervalRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/time-intervals', { config: { perm: 'read' }, schema: timeIntervalsApi.list }, async (req) => ({ timeIntervals: await routingOf(ctx).listIntervals(principalOf(req).tenantId) }));

  app.post('/api/v1/time-intervals', { config: { perm: 'admin' }, schema: timeIntervalsApi.create }, async (req, reply) => {
    const p = principalOf(req);
    const t = await routingOf(ctx).createInterval(p.tenantId, req.body, p);
    return reply.status(201).send(t);
  });

  app.get('/api/v1/time-intervals/:id', { config: { perm: 'read' }, schema: timeIntervalsApi.get }, async (req) => routingOf(ctx).interval(principalOf(req).tenantId, req.params.id));

  app.put('/api/v1/time-intervals/:id', { config: { perm: 'admin' }, schema: timeIntervalsApi.update }, async (req) => {
    const p = principalOf(req);
    const t = await routingOf(ctx).updateInterval(p.tenantId, req.params.id, req.body, p);
    return t;
  });

  app.delete('/api/v1/time-intervals/:id', { config: { perm: 'admin' }, schema: timeIntervalsApi.remove }, async (req) => {
    const p = principalOf(req);
    await routingOf(ctx).deleteInterval(p.tenantId, req.params.id, p);
    return { ok: true };
  });
}
