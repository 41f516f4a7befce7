/**
 * @module http/routes/reports
 * /api/v1/reports: digest schedules (admins change them: they send to channels), a preview of the
 * digest ending now, and `POST /reports/send` to send one now.
 */
import { VigilError, reportsApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';

/** Registers /api/v1/reports*. */
export async function reportRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const reports = () => {
    if (!ctx.reports) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Reports are not served by this process (role).');
    return ctx.reports;
  };

  app.get('/api/v1/reports', { config: { perm: 'read' }, schema: reportsApi.list }, async (req) => ({ reports: await reports().list(principalOf(req).tenantId) }));

  app.post('/api/v1/reports', { config: { perm: 'admin' }, schema: reportsApi.create }, async (req, reply) => {
    const p = principalOf(req);
    return reply.status(201).send(await reports().create(p.tenantId, req.body, p));
  });

  app.get('/api/v1/reports/preview', { config: { perm: 'read' }, schema: reportsApi.preview }, async (req) => reports().digest(principalOf(req).tenantId, req.query.cadence ?? 'daily'));

  app.post('/api/v1/reports/send', { config: { perm: 'admin' }, schema: reportsApi.send }, async (req) => {
    const p = principalOf(req);
    return reports().sendNow(p.tenantId, req.body, p);
  });

  app.get('/api/v1/reports/:id', { config: { perm: 'read' }, schema: reportsApi.get }, async (req) => reports().get(principalOf(req).tenantId, req.params.id));

  app.put('/api/v1/reports/:id', { config: { perm: 'admin' }, schema: reportsApi.update }, async (req) => {
    const p = principalOf(req);
    return reports().update(p.tenantId, req.params.id, req.body, p);
  });

  app.delete('/api/v1/reports/:id', { config: { perm: 'admin' }, schema: reportsApi.remove }, async (req) => {
    const p = principalOf(req);
    await reports().remove(p.tenantId, req.params.id, p);
    return { ok: true };
  });
}
