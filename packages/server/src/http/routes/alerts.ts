/**
 * @module http/routes/alerts
 * /api/v1/alerts: list (filters, cursor paging), detail with history, the unresolved counts per
 * severity, and the actions people take: acknowledge, resolve, assign, note — one alert or many. Reading needs `read`; acting needs `write` (analyst and above).
 */
import { ALERT_STATES, VigilError, alertsApi, type Alert } from '@vigil/contracts';
import { parseTime, type AlertRecord } from '@vigil/core';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';

function decodeCursor(c: string): { updatedAt: number; id: string } {
  const m = /^(\d{1,16}):(.{1,128})$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (!m) throw new VigilError('VIGIL_ERR_BAD_CURSOR', 'The cursor is not one this API gave out.', { param: 'cursor' });
  return { updatedAt: Number(m[1]), id: m[2]! };
}

/** The alert as the API shows it (the tenant is the caller's). */
function withoutTenant(a: AlertRecord): Alert {
  const out: Partial<AlertRecord> = { ...a };
  delete out.tenantId;
  return out as Alert;
}

/** Registers /api/v1/alerts*. */
export async function alertRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const checkAssignee = async (tenantId: string, assignee: string | null) => {
    if (assignee !== null && !(await ctx.users.list(tenantId)).some((u) => u.username === assignee && !u.disabled)) throw new VigilError('VIGIL_ERR_VALIDATION', `No user "${assignee}" in this tenant.`, { field: 'assignee' });
  };
  const alerts = () => {
    if (!ctx.alerts) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Alerts are not served by this process (role).');
    return ctx.alerts;
  };
  app.get('/api/v1/alerts', { config: { perm: 'read' }, schema: alertsApi.list }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const states = q.state ? q.state.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    for (const s of states ?? []) if (!(ALERT_STATES as readonly string[]).includes(s)) throw new VigilError('VIGIL_ERR_VALIDATION', `Unknown state "${s}": use ${ALERT_STATES.join(', ')}.`, { param: 'state' });
    const now = ctx.now();
    const limit = q.limit ?? 50;
    const page = await alerts().list(p.tenantId, {
      ...(states ? { states } : {}),
      ...(q.severity ? { minSeverity: q.severity } : {}),
      ...(q.rule ? { ruleId: q.rule } : {}),
      ...(q.tag ? { tag: q.tag } : {}),
      ...(q.assignee ? { assignee: q.assignee } : {}),
      ...(q.host ? { host: q.host } : {}),
      ...(q.source ? { source: q.source } : {}),
      ...(q.from ? { lastSeenFrom: parseTime(q.from, now, 'from') } : {}),
      ...(q.to ? { lastSeenTo: parseTime(q.to, now, 'to') } : {}),
      ...(q.cursor ? { after: decodeCursor(q.cursor) } : {}),
      limit: limit + 1,
    });
    const more = page.length > limit;
    const shown = page.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      alerts: shown.map(withoutTenant),
      nextCursor: more && last ? Buffer.from(`${Date.parse(last.updatedAt)}:${last.id}`).toString('base64url') : null,
    };
  });
  app.get('/api/v1/alerts/summary', { config: { perm: 'read' }, schema: alertsApi.summary }, async (req) => alerts().summary(principalOf(req).tenantId));
  app.get('/api/v1/alerts/assignees', { config: { perm: 'read' }, schema: alertsApi.assignees }, async (req) => ({
    assignees: (await ctx.users.list(principalOf(req).tenantId)).filter((u) => !u.disabled).map((u) => u.username).sort(),
  }));
  app.post('/api/v1/alerts/bulk', { config: { perm: 'write' }, schema: alertsApi.bulk }, async (req) => {
    const p = principalOf(req);
    const b = req.body;
    if (b.action === 'assign') {
      if (b.assignee === undefined) throw new VigilError('VIGIL_ERR_VALIDATION', 'assign needs "assignee" (a username, or null to unassign).', { field: 'assignee' });
      await checkAssignee(p.tenantId, b.assignee);
    }
    return alerts().bulk(p.tenantId, b, p);
  });
  app.get('/api/v1/alerts/:id', { config: { perm: 'read' }, schema: alertsApi.get }, async (req) => {
    const { alert, history } = await alerts().get(principalOf(req).tenantId, req.params.id);
    const a = withoutTenant(alert);
    return { alert: a, history };
  });
  app.post('/api/v1/alerts/:id/ack', { config: { perm: 'write' }, schema: alertsApi.ack }, async (req) => {
    const p = principalOf(req);
    const a = withoutTenant(await alerts().acknowledge(p.tenantId, req.params.id, p, req.body?.note));
    return a;
  });
  app.post('/api/v1/alerts/:id/resolve', { config: { perm: 'write' }, schema: alertsApi.resolve }, async (req) => {
    const p = principalOf(req);
    const a = withoutTenant(await alerts().resolve(p.tenantId, req.params.id, p, req.body?.note));
    return a;
  });
  app.post('/api/v1/alerts/:id/assign', { config: { perm: 'write' }, schema: alertsApi.assign }, async (req) => {
    const p = principalOf(req);
    const assignee = req.body.assignee;
    await checkAssignee(p.tenantId, assignee);
    const a = withoutTenant(await alerts().assign(p.tenantId, req.params.id, assignee, p));
    return a;
  });
  app.post('/api/v1/alerts/:id/notes', { config: { perm: 'write' }, schema: alertsApi.note }, async (req) => {
    const p = principalOf(req);
    await alerts().note(p.tenantId, req.params.id, req.body.text, p);
    const { alert, history } = await alerts().get(p.tenantId, req.params.id);
    const a = withoutTenant(alert);
    return { alert: a, history };
  });
}
