/**
 * @module http/routes/events
 * Search: newest-first pages with cursors, one event, histogram, top values, field list and streamed export.
 */
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { VigilError, eventsApi, fieldType, type VigilEvent } from '@vigil/contracts';
import { parseQuery, parseTime, parseInterval } from '@vigil/core';
import type { HttpContext } from '../context.ts';
import type { ApiApp } from '../api-app.ts';
import { principalOf } from '../plugins/auth.ts';
import { decodeCursor, encodeCursor } from '../../storage/event-row.ts';
import type { EventFilter } from '../../storage/event-store.ts';

type Q = Record<string, string | undefined>;

/** The tenant-scoped filter of a request's q/from/to. */
export function filterOf(req: FastifyRequest, now: number, defaults: { from?: string; to?: string } = {}): EventFilter {
  const q = req.query as Q;
  const p = principalOf(req);
  const fromText = q.from ?? defaults.from;
  const toText = q.to ?? defaults.to;
  const from = fromText ? parseTime(fromText, now, 'from') : undefined;
  const to = toText ? parseTime(toText, now, 'to') : undefined;
  if (from !== undefined && to !== undefined && from >= to) throw new VigilError('VIGIL_ERR_BAD_TIME', '"from" must be before "to".', { param: 'from' });
  return { tenantId: p.tenantId, query: q.q?.trim() ? parseQuery(q.q) : null, from, to };
}

function intParam(q: Q, name: string, def: number, min: number, max: number): number {
  const raw = q[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new VigilError('VIGIL_ERR_VALIDATION', `${name} must be an integer from ${min} to ${max}.`, { param: name });
  return n;
}

const CSV_DEFAULT = ['@timestamp', 'id', 'event.dataset', 'vigil.severity', 'host.name', 'source.ip', 'user.name', 'event.action', 'event.outcome', 'message'];

/** Leading characters a spreadsheet reads as a formula (OWASP's list: = + - @ TAB CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed, and a would-be formula prefixed with ' so it stays text. */
export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const raw = typeof v === 'string' ? v : JSON.stringify(v);
  const s = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n\t']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Registers /api/v1/events*. */
export async function eventRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const searchLatency = ctx.metrics.histogram('vigil_search_duration_seconds', 'Search latency.');
  app.get('/api/v1/events', {
    config: { perm: 'read' },
    schema: eventsApi.search,
  }, async (req) => {
    const started = performance.now();
    const q = req.query as Q;
    const filter = filterOf(req, ctx.now());
    const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
    if (cursor === null) throw new VigilError('VIGIL_ERR_BAD_CURSOR', 'The cursor is not valid: pass the nextCursor of the previous page unchanged.');
    const page = await ctx.store.search({ ...filter, limit: intParam(q, 'limit', 100, 1, 10000), cursor });
    searchLatency.observe((performance.now() - started) / 1000, { endpoint: 'events' });
    return { events: page.events, nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
  });

  app.get('/api/v1/events/histogram', {
    config: { perm: 'read' },
    schema: eventsApi.histogram,
  }, async (req) => {
    const started = performance.now();
    const q = req.query as Q;
    const now = ctx.now();
    const f = filterOf(req, now, { from: '-24h', to: 'now' });
    const from = f.from!;
    const to = f.to!;
    const interval = q.interval ? parseInterval(q.interval) : niceInterval((to - from) / 60);
    if ((to - from) / interval > 5000) throw new VigilError('VIGIL_ERR_VALIDATION', `interval ${q.interval} gives more than 5000 buckets for this range; use a larger one.`, { param: 'interval' });
    const aligned = Math.floor(from / interval) * interval;
    const buckets = await ctx.store.histogram({ ...f, from: aligned, to, intervalMs: interval });
    searchLatency.observe((performance.now() - started) / 1000, { endpoint: 'histogram' });
    return { interval: `${interval / 1000}s`, intervalMs: interval, buckets: buckets.map((b) => ({ ts: new Date(b.ts).toISOString(), count: b.count })) };
  });

  app.get('/api/v1/events/top', {
    config: { perm: 'read' },
    schema: eventsApi.top,
  }, async (req) => {
    const q = req.query;
    if (!q.field) throw new VigilError('VIGIL_ERR_VALIDATION', 'field is required, e.g. field=source.ip', { param: 'field' });
    const f = filterOf(req, ctx.now());
    return { field: q.field, values: await ctx.store.top({ ...f, field: q.field, limit: q.limit ?? 10 }) };
  });

  app.get('/api/v1/events/fields', {
    config: { perm: 'read' },
    schema: eventsApi.fields,
  }, async (req) => {
    const f = filterOf(req, ctx.now());
    const stats = await ctx.store.fields({ ...f, sample: 500 });
    return { fields: stats.map((s) => ({ ...s, type: fieldType(s.name) })) };
  });

  app.get('/api/v1/events/export', {
    config: { perm: 'read' },
    schema: eventsApi.export,
  }, async (req, reply) => {
    const q = req.query as Q;
    const format = q.format ?? 'ndjson';
    if (format !== 'csv' && format !== 'ndjson') throw new VigilError('VIGIL_ERR_VALIDATION', 'format must be csv or ndjson', { param: 'format' });
    const f = filterOf(req, ctx.now());
    const columns = q.fields ? q.fields.split(',').map((s) => s.trim()).filter(Boolean) : CSV_DEFAULT;
    const source = ctx.store.export(f);
    async function* lines(): AsyncGenerator<string> {
      if (format === 'csv') yield `${columns.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\r\n`;
      for await (const e of source as AsyncIterable<VigilEvent>) {
        yield format === 'csv' ? `${columns.map((c) => csvCell(e[c])).join(',')}\r\n` : `${JSON.stringify(e)}\n`;
      }
    }
    const name = `vigil-events-${new Date(ctx.now()).toISOString().replace(/[:.]/g, '-')}.${format}`;
    return reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
      .header('Content-Disposition', `attachment; filename="${name}"`)
      .send(Readable.from(lines()));
  });

  app.get('/api/v1/events/:id', {
    config: { perm: 'read' },
    schema: eventsApi.get,
  }, async (req) => {
    const p = principalOf(req);
    const e = await ctx.store.get(p.tenantId, req.params.id);
    if (!e) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No event with this id in your tenant.');
    return e;
  });
}

/** A round interval giving about the wanted bucket length. */
export function niceInterval(ms: number): number {
  const steps = [1000, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000, 10800000, 21600000, 43200000, 86400000, 604800000];
  return steps.find((s) => s >= ms) ?? steps[steps.length - 1]!;
}
