/**
 * @module http/routes/ingest
 * POST /api/v1/ingest: one JSON object, a JSON array, NDJSON or text lines. Answers 202 only after the
 * accepted events are durable; bad events are reported by index and never cost the good ones.
 */
import type { ApiApp } from '../api-app.ts';
import { VigilError, INGEST_CONTENT_TYPES, ingestApi } from '@vigil/contracts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { parseJsonLocated } from '../body-parsers.ts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { textLineItems } from '../../pipeline/yield-loop.ts';
import type { IngestItem } from '../../pipeline/ingest-service.ts';

/** Lines between clock reads while splitting NDJSON. */
const CHECK_EVERY = 256;

/**
 * Splits NDJSON into items; a malformed line becomes a located rejection. Gives the event loop a turn
 * whenever a slice ran longer than `sliceMs` (a 16 MB body takes ~100 ms to parse).
 */
export async function ndjsonItems(text: string, sliceMs = 8): Promise<{ items: IngestItem[]; indexes: number[]; rejected: { index: number; error: string }[] }> {
  const items: IngestItem[] = [];
  const indexes: number[] = [];
  const rejected: { index: number; error: string }[] = [];
  let index = 0;
  let start = 0;
  let lineNo = 0;
  let sliceStart = performance.now();
  while (start <= text.length) {
    if (lineNo % CHECK_EVERY === CHECK_EVERY - 1 && performance.now() - sliceStart > sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    try {
      items.push({ kind: 'json', value: JSON.parse(line) });
      indexes.push(index);
    } catch {
      try {
        parseJsonLocated(line, lineNo - 1);
      } catch (err) {
        rejected.push({ index, error: (err as Error).message });
      }
    }
    index++;
  }
  return { items, indexes, rejected };
}

/** Registers the ingest route. */
export async function ingestRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const ingestLatency = ctx.metrics.histogram('vigil_ingest_duration_seconds', 'Time from request parsed to events durable.');
  app.post('/api/v1/ingest', {
    config: {
      perm: 'ingest',
      rateLimit: { max: ctx.config['ingest.rate_limit'], timeWindow: 60_000, // Keyed on who the caller is (resolved by the auth hook, which runs first), never on the raw
      // header: "bearer", extra spaces or a second cookie would otherwise each get a fresh budget.
      keyGenerator: (req) => (req.principal ? `${req.principal.kind}:${req.principal.id}` : `ip:${req.ip}`) },
    },
    bodyLimit: ctx.config['ingest.max_body_bytes'],
    schema: ingestApi.ingest,
  }, async (req, reply) => {
    const p = principalOf(req);
    if (ctx.isShuttingDown()) throw new VigilError('VIGIL_ERR_SHUTTING_DOWN');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    let items: IngestItem[];
    let indexOf: (i: number) => number = (i) => i;
    let rejected: { index: number; error: string }[] = [];
    if (type === 'application/json') {
      const body = req.body;
      if (body === undefined) throw new VigilError('VIGIL_ERR_MALFORMED_BODY', 'The body is empty: send a JSON object, an array of objects, NDJSON or text lines.');
      items = (Array.isArray(body) ? body : [body]).map((value) => ({ kind: 'json', value }));
    } else if (type === 'application/x-ndjson' || type === 'application/ndjson') {
      const r = await ndjsonItems(req.body as string);
      items = r.items;
      rejected = r.rejected;
      indexOf = (i) => r.indexes[i]!;
      if (!items.length && rejected.length) throw new VigilError('VIGIL_ERR_MALFORMED_BODY', `No line is valid JSON; first: ${rejected[0]!.error}`, { rejected: rejected.slice(0, 100) });
    } else if (type === 'text/plain') {
      items = await textLineItems(req.body as string, req.ip);
    } else {
      throw new VigilError('VIGIL_ERR_UNSUPPORTED_MEDIA_TYPE', `Content-Type ${type || '(none)'} is not accepted here: use ${INGEST_CONTENT_TYPES.join(', ')}.`, { accepted: INGEST_CONTENT_TYPES });
    }
    if (!items.length && !rejected.length) throw new VigilError('VIGIL_ERR_MALFORMED_BODY', 'The body holds no events.');
    if (ctx.quotas.isOver(p.tenantId)) {
      ctx.quotas.record(p.tenantId, 0, items.length);
      throw new VigilError('VIGIL_ERR_QUOTA_EXCEEDED', undefined, { usage: ctx.quotas.today(p.tenantId) });
    }
    const started = performance.now();
    const result = await ctx.ingest.ingest(p.tenantId, 'http', items);
    ctx.quotas.record(p.tenantId, result.accepted);
    ingestLatency.observe((performance.now() - started) / 1000, { input: 'http' });
    const all = [...rejected, ...result.rejected.map((r) => ({ index: indexOf(r.index), error: r.error }))].sort((a, b) => a.index - b.index);
    // Nothing stored: say so with a coded 400 rather than a 202 a sender would take for success.
    if (!result.accepted && all.length) throw new VigilError('VIGIL_ERR_EVENT_INVALID', `No event was accepted; ${all.length === 1 ? 'the event' : `all ${all.length}`} failed (first: ${all[0]!.error})`, { rejected: all.slice(0, 100) });
    return reply.status(202).send({ accepted: result.accepted, rejected: all });
  });
}
