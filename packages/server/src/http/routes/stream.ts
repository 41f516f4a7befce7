/**
 * @module http/routes/stream
 * GET /api/v1/stream: Server-Sent Events of new events (`event: event`), filtered by an optional query.
 */
import type { ApiApp } from '../api-app.ts';
import { VigilError, streamApi, type VigilEvent } from '@vigil/contracts';
import { compilePredicate, parseQuery } from '@vigil/core';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';

/** Registers the live stream. */
export async function streamRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/stream', {
    config: { perm: 'read' },
    schema: streamApi.stream,
  }, async (req, reply) => {
    const p = principalOf(req);
    const q = req.query;
    const topics = (q.topics ?? 'events').split(',').map((t) => t.trim());
    for (const t of topics) if (t !== 'events' && t !== 'alerts') throw new VigilError('VIGIL_ERR_VALIDATION', `Unknown topic "${t}": use events and/or alerts.`, { param: 'topics' });
    const match = q.q?.trim() ? compilePredicate(parseQuery(q.q)) : () => true;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(': connected\n\n');
    let pending: string[] = [];
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (pending.length) res.write(pending.join(''));
      pending = [];
    };
    const remove = topics.includes('events')
      ? ctx.live.add({
          tenantId: p.tenantId,
          match,
          send: (e: VigilEvent) => {
            if (pending.length > 5000) return; // a slow client loses live lines, never the server
            pending.push(`event: event\nid: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`);
            if (!scheduled) {
              scheduled = true;
              setImmediate(flush);
            }
          },
        })
      : () => undefined;
    const ping = setInterval(() => res.write(`event: ping\ndata: {"ts":"${new Date().toISOString()}"}\n\n`), 15_000);
    const close = () => {
      clearInterval(ping);
      remove();
    };
    req.raw.on('close', close);
    res.on('error', close);
  });
}
