/**
 * @module http/routes/parsers
 * The parser library: list the registered parsers, and try lines against them (what fields each
 * line would get) without storing anything.
 */
import type { FastifyInstance } from 'fastify';
import { VigilError } from '@vigil/contracts';
import { listParsers, getParser, parseLine } from '@vigil/core';
import type { HttpContext } from '../context.ts';

/** Registers /api/v1/parsers*. */
export async function parserRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/parsers', { config: { perm: 'read' }, schema: { tags: ['parsers'], summary: 'Registered parsers' } }, async () => ({
    parsers: listParsers().map((p) => ({ name: p.name, stage: p.stage ?? 'body', datasets: p.datasets ?? [] })),
  }));
  app.post('/api/v1/parsers/test', {
    config: { perm: 'read' },
    schema: { tags: ['parsers'], summary: 'Parse sample lines and show the fields of each (nothing is stored)', body: { type: 'object', properties: { lines: { type: 'array', items: { type: 'string' }, maxItems: 1000 }, parser: { type: 'string' } }, required: ['lines'] } },
  }, async (req) => {
    const b = req.body as { lines: string[]; parser?: string };
    if (b.parser && b.parser !== 'auto' && !getParser(b.parser)) throw new VigilError('VIGIL_ERR_VALIDATION', `No parser "${b.parser}". GET /api/v1/parsers lists them.`, { field: 'parser' });
    const now = ctx.now();
    return {
      results: b.lines.map((line, index) => {
        const r = parseLine(line, { receivedAt: now }, b.parser && b.parser !== 'auto' ? b.parser : undefined);
        return { index, parser: r.parser, ok: r.ok, fields: r.fields };
      }),
    };
  });
}
