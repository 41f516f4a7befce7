/**
 * @module http/routes/parsers
 * The parser library: list the registered parsers, and try lines against them (what fields each
 * line would get) without storing anything.
 */
import type { FastifyInstance } from 'fastify';
import { VigilError } from '@vigil/contracts';
import { listParsers, getParser, parseLine, compileExtractionRule, applyExtractionRules } from '@vigil/core';
import { principalOf } from '../plugins/auth.ts';
import { validateRuleInput } from '../../extraction/extraction-rule-service.ts';
import type { HttpContext } from '../context.ts';

/** Registers /api/v1/parsers*. */
export async function parserRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/parsers', { config: { perm: 'read' }, schema: { tags: ['parsers'], summary: 'Registered parsers' } }, async () => ({
    parsers: listParsers().map((p) => ({ name: p.name, stage: p.stage ?? 'body', datasets: p.datasets ?? [] })),
  }));
  app.post('/api/v1/parsers/test', {
    config: { perm: 'read' },
    schema: { tags: ['parsers'], summary: 'Parse sample lines and show the fields of each, after the saved extraction rules and any inline `rules` (nothing is stored)', body: { type: 'object', properties: { lines: { type: 'array', items: { type: 'string' }, maxItems: 1000 }, parser: { type: 'string' }, rules: { type: 'array', maxItems: 50, items: { type: 'object' } }, useSavedRules: { type: 'boolean' } }, required: ['lines'] } },
  }, async (req) => {
    const b = req.body as { lines: string[]; parser?: string; rules?: unknown[]; useSavedRules?: boolean };
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
    return {
      results: b.lines.map((line, index) => {
        const r = parseLine(line, { receivedAt: now }, b.parser && b.parser !== 'auto' ? b.parser : undefined);
        const rulesMatched = applyExtractionRules(r.fields, rules);
        return { index, parser: r.parser, ok: r.ok, rules: rulesMatched, fields: r.fields };
      }),
    };
  });
}

/** Registers /api/v1/extraction-rules*. */
export async function extractionRuleRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const body = { type: 'object', properties: { name: { type: 'string' }, pattern: { type: 'string' }, query: { type: 'string' }, field: { type: 'string' }, library: { type: 'object' }, overwrite: { type: 'boolean' }, enabled: { type: 'boolean' }, position: { type: 'integer' } }, required: ['name', 'pattern'] };
  app.get('/api/v1/extraction-rules', { config: { perm: 'read' }, schema: { tags: ['parsers'], summary: 'Custom extraction rules (grok on RE2, scoped by a query), in apply order' } }, async (req) => ({ rules: await ctx.extraction.list(principalOf(req).tenantId) }));
  app.post('/api/v1/extraction-rules', { config: { perm: 'write' }, schema: { tags: ['parsers'], summary: 'Add an extraction rule', body } }, async (req, reply) => {
    const p = principalOf(req);
    const r = await ctx.extraction.create(p.tenantId, req.body);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'extraction_rule.create', target: r.id, details: { name: r.name }, ip: req.ip });
    return reply.status(201).send(r);
  });
  app.put('/api/v1/extraction-rules/:id', { config: { perm: 'write' }, schema: { tags: ['parsers'], summary: 'Replace an extraction rule', body } }, async (req) => {
    const p = principalOf(req);
    const id = (req.params as { id: string }).id;
    const r = await ctx.extraction.update(p.tenantId, id, req.body);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'extraction_rule.update', target: id, ip: req.ip });
    return r;
  });
  app.delete('/api/v1/extraction-rules/:id', { config: { perm: 'write' }, schema: { tags: ['parsers'], summary: 'Delete an extraction rule' } }, async (req) => {
    const p = principalOf(req);
    const id = (req.params as { id: string }).id;
    await ctx.extraction.delete(p.tenantId, id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'extraction_rule.delete', target: id, ip: req.ip });
    return { ok: true };
  });
}
