/**
 * @module http/routes/incidents
 * /api/v1/incidents (list, create, detail with timeline, edit, status, alerts, notes, evidence
 * findings, postmortem and its Markdown export) and /api/v1/incident-rules (auto-grouping rules).
 * Reading needs `read`; changing needs `write` (analyst and above).
 */
import { INCIDENT_STATUSES, VigilError, incidentRulesApi, incidentsApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';

function decodeCursor(c: string): { updatedAt: number; id: string } {
  const m = /^(\d{1,16}):(.{1,128})$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (!m) throw new VigilError('VIGIL_ERR_BAD_CURSOR', 'The cursor is not one this API gave out.', { param: 'cursor' });
  return { updatedAt: Number(m[1]), id: m[2]! };
}

/** A file name part from a title. */
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'incident';

/** Registers /api/v1/incidents* and /api/v1/incident-rules*. */
export async function incidentRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const incidents = () => {
    if (!ctx.incidents) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Incidents are not served by this process (role).');
    return ctx.incidents;
  };
  const rules = () => {
    if (!ctx.incidentRules) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Incident rules are not served by this process (role).');
    return ctx.incidentRules;
  };

  app.get('/api/v1/incidents', { config: { perm: 'read' }, schema: incidentsApi.list }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const statuses = q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    for (const s of statuses ?? []) if (!(INCIDENT_STATUSES as readonly string[]).includes(s)) throw new VigilError('VIGIL_ERR_VALIDATION', `Unknown status "${s}": use ${INCIDENT_STATUSES.join(', ')}.`, { param: 'status' });
    const limit = q.limit ?? 50;
    const page = await incidents().list(p.tenantId, {
      ...(statuses ? { statuses } : {}),
      ...(q.severity ? { minSeverity: q.severity } : {}),
      ...(q.owner ? { owner: q.owner } : {}),
      ...(q.alert ? { alertId: q.alert } : {}),
      ...(q.cursor ? { after: decodeCursor(q.cursor) } : {}),
      limit: limit + 1,
    });
    const shown = page.slice(0, limit);
    const last = shown[shown.length - 1];
    return { incidents: shown, nextCursor: page.length > limit && last ? Buffer.from(`${Date.parse(last.updatedAt)}:${last.id}`).toString('base64url') : null };
  });

  app.post('/api/v1/incidents', { config: { perm: 'write' }, schema: incidentsApi.create }, async (req, reply) => {
    const p = principalOf(req);
    return reply.status(201).send(await incidents().create(p.tenantId, req.body, p));
  });

  app.get('/api/v1/incidents/:id', { config: { perm: 'read' }, schema: incidentsApi.get }, async (req) => incidents().get(principalOf(req).tenantId, req.params.id));

  app.patch('/api/v1/incidents/:id', { config: { perm: 'write' }, schema: incidentsApi.update }, async (req) => {
    const p = principalOf(req);
    return incidents().update(p.tenantId, req.params.id, req.body, p);
  });

  app.post('/api/v1/incidents/:id/status', { config: { perm: 'write' }, schema: incidentsApi.status }, async (req) => {
    const p = principalOf(req);
    return incidents().setStatus(p.tenantId, req.params.id, req.body.status, p, req.body.note);
  });

  app.post('/api/v1/incidents/:id/alerts', { config: { perm: 'write' }, schema: incidentsApi.addAlerts }, async (req) => {
    const p = principalOf(req);
    return incidents().addAlerts(p.tenantId, req.params.id, req.body.alertIds, p);
  });

  app.delete('/api/v1/incidents/:id/alerts', { config: { perm: 'write' }, schema: incidentsApi.removeAlerts }, async (req) => {
    const p = principalOf(req);
    return incidents().removeAlerts(p.tenantId, req.params.id, req.body.alertIds, p);
  });

  app.post('/api/v1/incidents/:id/notes', { config: { perm: 'write' }, schema: incidentsApi.note }, async (req) => {
    const p = principalOf(req);
    return incidents().note(p.tenantId, req.params.id, req.body.text, p);
  });

  app.post('/api/v1/incidents/:id/findings', { config: { perm: 'write' }, schema: incidentsApi.addFinding }, async (req, reply) => {
    const p = principalOf(req);
    return reply.status(201).send(await incidents().addFinding(p.tenantId, req.params.id, req.body, p));
  });

  app.patch('/api/v1/incidents/:id/findings/:findingId', { config: { perm: 'write' }, schema: incidentsApi.updateFinding }, async (req) => {
    const p = principalOf(req);
    return incidents().updateFinding(p.tenantId, req.params.id, req.params.findingId, req.body, p);
  });

  app.get('/api/v1/incidents/:id/postmortem', { config: { perm: 'read' }, schema: incidentsApi.getPostmortem }, async (req, reply) => {
    const p = principalOf(req);
    if (req.query.format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(await incidents().postmortemMarkdown(p.tenantId, req.params.id));
    return reply.type('application/json; charset=utf-8').send((await incidents().get(p.tenantId, req.params.id)).incident.postmortem);
  });

  app.get('/api/v1/incidents/:id/postmortem.md', { config: { perm: 'read' }, schema: incidentsApi.postmortemMarkdown }, async (req, reply) => {
    const p = principalOf(req);
    const { incident } = await incidents().get(p.tenantId, req.params.id);
    return reply
      .type('text/markdown; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="postmortem-${slug(incident.title)}.md"`)
      .send(await incidents().postmortemMarkdown(p.tenantId, req.params.id));
  });

  app.put('/api/v1/incidents/:id/postmortem', { config: { perm: 'write' }, schema: incidentsApi.putPostmortem }, async (req) => {
    const p = principalOf(req);
    return incidents().writePostmortem(p.tenantId, req.params.id, req.body, p);
  });

  app.get('/api/v1/incident-rules', { config: { perm: 'read' }, schema: incidentRulesApi.list }, async (req) => ({ rules: await rules().list(principalOf(req).tenantId) }));

  app.post('/api/v1/incident-rules', { config: { perm: 'write' }, schema: incidentRulesApi.create }, async (req, reply) => {
    const p = principalOf(req);
    return reply.status(201).send(await rules().create(p.tenantId, req.body, p));
  });

  app.get('/api/v1/incident-rules/:id', { config: { perm: 'read' }, schema: incidentRulesApi.get }, async (req) => rules().get(principalOf(req).tenantId, req.params.id));

  app.put('/api/v1/incident-rules/:id', { config: { perm: 'write' }, schema: incidentRulesApi.update }, async (req) => {
    const p = principalOf(req);
    return rules().update(p.tenantId, req.params.id, req.body, p);
  });

  app.delete('/api/v1/incident-rules/:id', { config: { perm: 'write' }, schema: incidentRulesApi.remove }, async (req) => {
    const p = principalOf(req);
    await rules().remove(p.tenantId, req.params.id, p);
    return { ok: true };
  });
}
