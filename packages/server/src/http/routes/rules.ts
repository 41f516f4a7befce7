/**
 * @module http/routes/rules
 * /api/v1/rules: CRUD with versions, enable/disable, validation as the editor types, imports (Vigil
 * or Sigma YAML), tests and backtests. Reading and validating need `read`; changing, testing and
 * backtesting rules need `write` (a backtest can read a lot of history: it is a rule author's tool).
 */
import { parse } from 'yaml';
import { VigilError, rulesApi } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, compileRule, locateProblems } from '@vigil/core';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';

/** A body that is YAML text or already JSON. */
function ruleBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return parse(body);
  } catch (err) {
    const e = err as { message: string; linePos?: { line: number; col: number }[] };
    throw new VigilError('VIGIL_ERR_MALFORMED_BODY', `Malformed YAML: ${e.message.split('\n')[0]}`, { line: e.linePos?.[0]?.line, column: e.linePos?.[0]?.col });
  }
}

/** Registers /api/v1/rules*. */
export async function ruleRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const rules = () => {
    if (!ctx.rules) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Rules are not served by this process (role).');
    return ctx.rules;
  };
  const lab = () => {
    if (!ctx.ruleLab) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Rule tests are not served by this process (role).');
    return ctx.ruleLab;
  };
  app.get('/api/v1/rules', { config: { perm: 'read' }, schema: rulesApi.list }, async (req) => {
    const tenantId = principalOf(req).tenantId;
    const list = await rules().list(tenantId);
    // Hit counts come from the alerts each rule raised (absent where this process serves no alerts).
    const stats = ctx.alerts ? await ctx.alerts.ruleStats(tenantId) : null;
    return { rules: stats ? list.map((r) => ({ ...r, stats: stats.get(r.id) ?? { alerts: 0, open: 0, lastFired: null } })) : list };
  });
  // Validation only: compiles the rule and answers every problem (located in the YAML when YAML was
  // sent), always 200 — a rule with problems is the answer here, not a failed request.
  app.post('/api/v1/rules/validate', { config: { perm: 'read' }, schema: rulesApi.validate }, async (req) => {
    const body = req.body as unknown;
    const r = compileRule(body, BUILTIN_RULE_KINDS);
    if (r.ok) return { ok: true, problems: [], rule: r.rule.doc };
    return { ok: false, problems: typeof body === 'string' ? locateProblems(body, r.errors) : r.errors };
  });
  app.get('/api/v1/rules/:id', { config: { perm: 'read' }, schema: rulesApi.get }, async (req) => rules().get(principalOf(req).tenantId, req.params.id));
  app.get('/api/v1/rules/:id/versions', { config: { perm: 'read' }, schema: rulesApi.versions }, async (req) => ({ versions: await rules().versions(principalOf(req).tenantId, req.params.id) }));
  app.post('/api/v1/rules', { config: { perm: 'write' }, schema: rulesApi.create }, async (req, reply) => {
    const p = principalOf(req);
    return reply.status(201).send(await rules().create(p.tenantId, ruleBody(req.body), p));
  });
  app.put('/api/v1/rules/:id', { config: { perm: 'write' }, schema: rulesApi.update }, async (req) => {
    const p = principalOf(req);
    return rules().update(p.tenantId, req.params.id, ruleBody(req.body), p);
  });
  app.delete('/api/v1/rules/:id', { config: { perm: 'write' }, schema: rulesApi.delete }, async (req) => {
    const p = principalOf(req);
    await rules().delete(p.tenantId, req.params.id, p);
    return { ok: true };
  });
  app.post('/api/v1/rules/:id/enable', { config: { perm: 'write' }, schema: rulesApi.enable }, async (req) => {
    const p = principalOf(req);
    return rules().setEnabled(p.tenantId, req.params.id, true, p);
  });
  app.post('/api/v1/rules/:id/disable', { config: { perm: 'write' }, schema: rulesApi.disable }, async (req) => {
    const p = principalOf(req);
    return rules().setEnabled(p.tenantId, req.params.id, false, p);
  });
  app.post('/api/v1/rules/import', { config: { perm: 'write' }, schema: rulesApi.import }, async (req) => {
    const p = principalOf(req);
    if (typeof req.body !== 'string') throw new VigilError('VIGIL_ERR_VALIDATION', 'The body must be YAML text (Content-Type: application/yaml).');
    const results = await rules().import(p.tenantId, req.body, p);
    return { results, created: results.filter((r) => r.status === 'created').length, updated: results.filter((r) => r.status === 'updated').length, failed: results.filter((r) => r.status === 'failed').length };
  });
  app.post('/api/v1/rules/test', { config: { perm: 'write' }, schema: rulesApi.test }, async (req) => lab().test(principalOf(req).tenantId, req.body));
  app.post('/api/v1/rules/backtest', { config: { perm: 'write' }, schema: rulesApi.backtest }, async (req) => lab().backtest(principalOf(req).tenantId, req.body));
}
