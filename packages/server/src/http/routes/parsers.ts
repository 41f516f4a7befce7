/**
 * @module http/routes/parsers
 * The parser library: list the registered parsers, and try lines against them (what fields each
 * line would get) without storing anything.
 */
import type { ApiApp } from '../api-app.ts';
import { VigilError, extractionRulesApi, parsersApi } from '@vigil/contracts';
import { listParsers, getParser, parseLine, compileExtractionRule, applyExtractionRules } from '@vigil/core';
import { principalOf } from '../plugins/auth.ts';
import { validateRuleInput } from '../../extraction/extraction-rule-service.ts';
import type { HttpContext } from '../context.ts';
import { forEachYielding } from '../../pipeline/yield-loop.ts';

/** Registers /api/v1/parsers*. */
export async function parserRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/parsers', { config: { perm: 'read' }, schema: parsersApi.list }, async () => ({
    parsers: listParsers().map((p) => ({ name: p.name, stage: p.stage ?? 'body', datasets: [...(p.datasets ?? [])] })),
  }));
  app.post('/api/v1/parsers/test', {
    config: { perm: 'read' },
    schema: parsersApi.test,
  }, async (req) => {
    const b = req.body;
    const p = principalOf(req);
    const inline = (b.rules ?? []).map((r, i) => {
      try {
        const v = validateRuleInput(r);
        return compileExtractionRule({ ...v });
      } catch (err) {
        const e = err as VigilError;
        throw new VigilError(e.code, `rules[${i}]: ${e.message}`, { index: i, ...(typeof e.details === 'object' ? (e.details as object) : {}) });
      }
    });
    const rules = [...(b.useSavedRules === false ? [] : ctx.extraction.rulesFor(p.tenantId)), ...inline];
    if (b.parser && b.parser !== 'auto' && !getParser(b.parser)) throw new VigilError('VIGIL_ERR_VALIDATION', `No parser "${b.parser}". GET /api/v1/parsers lists them.`, { field: 'parser' });
    const now = ctx.now();
    // Up to 1,000 lines of up to 1 MiB each: parsed in slices so health checks and ingest keep flowing.
    const pinned = b.parser && b.parser !== 'auto' ? b.parser : undefined;
    const results: { index: number; parser: string; ok: boolean; rules: ReturnType<typeof applyExtractionRules>; fields: Record<string, unknown> }[] = new Array(b.lines.length);
    await forEachYielding(b.lines.length, (index) => {
      const r = parseLine(b.lines[index]!, { receivedAt: now }, pinned);
      const rulesMatched = applyExtractionRules(r.fields, rules);
      results[index] = { index, parser: r.parser, ok: r.ok, rules: rulesMatched, fields: r.fields };
    }, 8, 1);
    return { results };
  });
}

/** Registers /api/v1/extraction-rules*. */
export async function extractionRuleRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/extraction-rules', { config: { perm: 'read' }, schema: extractionRulesApi.list }, async (req) => ({ rules: await ctx.extraction.list(principalOf(req).tenantId) }));
  app.post('/api/v1/extraction-rules', { config: { perm: 'write' }, schema: extractionRulesApi.create }, async (req, reply) => {
    const p = principalOf(req);
    const r = await ctx.extraction.create(p.tenantId, req.body);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'extraction_rule.create', target: r.id, details: { name: r.name }, ip: req.ip });
    return reply.status(201).send(r);
  });
  app.put('/api/v1/extraction-rules/:id', { config: { perm: 'write' }, schema: extractionRulesApi.replace }, async (req) => {
    const p = principalOf(req);
    const id = req.params.id;
    const r = await ctx.extraction.update(p.tenantId, id, req.body);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'extraction_rule.update', target: id, ip: req.ip });
    return r;
  });
  app.delete('/api/v1/extraction-rules/:id', { config: { perm: 'write' }, schema: extractionRulesApi.delete }, async (req) => {
    const p = principalOf(req);
    const id = req.params.id;
    await ctx.extraction.delete(p.tenantId, id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'extraction_rule.delete', target: id, ip: req.ip });
    return { ok: true };
  });
}
