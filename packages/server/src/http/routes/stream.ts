/**
 * @module http/routes/stream
 * GET /api/v1/stream: Server-Sent Events of new events (`event: event`, filtered by an optional query)
 * and, with `topics=alerts`, alert changes (`event: alert`); with `topics=incidents`, incident changes (`event: incident`).
 * Each client has a bounded buffer (`SseWriter`: drops counted and announced, stalled clients cut)
 * and each principal a bounded number of streams (`live.max_streams_per_principal`, 429).
 */
import type { ApiApp } from '../api-app.ts';
import { VigilError, streamApi, type AlertEvent, type IncidentEvent, type VigilEvent } from '@vigil/contracts';
import { compilePredicate, parseQuery } from '@vigil/core';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { SseWriter } from '../sse-writer.ts';

/** Registers the live stream. */
export async function streamRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const dropped = ctx.metrics.counter('vigil_live_dropped_events_total', 'Live stream events dropped because a client read too slowly (its buffer was full).');
  const stalled = ctx.metrics.counter('vigil_live_stalled_disconnects_total', 'Live stream clients disconnected for not reading within live.stall_timeout.');
  app.get('/api/v1/stream', {
    config: { perm: 'read' },
    schema: streamApi.stream,
  }, async (req, reply) => {
    const p = principalOf(req);
    const q = req.query;
    const topics = (q.topics ?? 'events').split(',').map((t) => t.trim());
    for (const t of topics) if (t !== 'events' && t !== 'alerts' && t !== 'incidents') throw new VigilError('VIGIL_ERR_VALIDATION', `Unknown topic "${t}": use events, alerts and/or incidents.`, { param: 'topics' });
    const match = q.q?.trim() ? compilePredicate(parseQuery(q.q)) : () => true;
    const wantsEvents = topics.includes('events');
    let writer: SseWriter | null = null;
    // Counted before the response starts, so a principal over its limit gets a coded 429.
    const remove = ctx.live.add(
      {
        tenantId: p.tenantId,
        match: wantsEvents ? match : () => false,
        send: (e: VigilEvent) => writer?.send(`event: event\nid: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`),
        ...(topics.includes('alerts') ? { sendAlert: (a: AlertEvent) => writer?.send(`event: alert\nid: ${a.id}\ndata: ${JSON.stringify(a)}\n\n`) } : {}),
        ...(topics.includes('incidents') ? { sendIncident: (i: IncidentEvent) => writer?.send(`event: incident\nid: ${i.id}\ndata: ${JSON.stringify(i)}\n\n`) } : {}),
      },
      `${p.kind}:${p.id}`,
      ctx.config['live.max_streams_per_principal'],
    );
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(': connected\n\n');
    writer = new SseWriter(res, { maxBufferBytes: ctx.config['live.client_buffer_bytes'], stallTimeoutMs: ctx.config['live.stall_timeout'], onDrop: (n) => dropped.inc({}, n), onStallClose: () => stalled.inc() });
    const ping = setInterval(() => {
      if (!writer!.checkStall()) writer!.send(`event: ping\ndata: {"ts":"${new Date().toISOString()}"}\n\n`);
    }, 15_000);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(ping);
      remove();
    };
    req.raw.on('close', close);
    res.on('close', close);
    res.on('error', close);
  });
}
