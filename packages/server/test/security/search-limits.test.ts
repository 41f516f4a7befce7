/**
 * Issue 14 items 4 and 2 (read side), against a real server on a real SQLite file with 300k events:
 * a heavy search never freezes the server (/healthz stays < 100 ms), the time budget answers a coded
 * 503, a query over the complexity limits a coded 400, and a stored row SQLite's JSON functions
 * cannot read (nested 1,000 deep) no longer breaks every query on a document field for its tenant.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { VigilEvent } from '@vigil/contracts';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { bulkEvents } from '../support/bulk-events.ts';
import { ROW_COLUMNS, toRow } from '../../src/storage/event-row.ts';
import { SqliteDb } from '../../src/db/index.ts';

const BULK = 300_000;
const BUDGET_MS = 2000;
const HOUR = 3_600_000;

let srv: TestServer;
let admin: Client;
let tenantId = '';
const now = Date.now();

/** 50 CIDR blocks that match nothing: every row is tested against each (the issue's 6 s freeze). */
const HEAVY = Array.from({ length: 50 }, (_, i) => `source.ip:192.168.${i}.0/24`).join(' OR ');

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

beforeAll(async () => {
  srv = await startTestServer({ VIGIL_SEARCH_TIMEOUT: `${BUDGET_MS}ms`, VIGIL_SEARCH_READER_THREADS: '2' });
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
  tenantId = (await srv.rt.tenants.bySlug('default'))!.id;
  // The bulk lies 2-26 hours back; the unreadable row and its neighbours in the last hour.
  for (let b = 0; b < BULK / 20_000; b++) {
    const events = bulkEvents(20_000, { endTs: now - 2 * HOUR - (14 - b) * 1.6 * HOUR, spanMs: 1.6 * HOUR, seed: b + 1, idPrefix: `01B${String(b).padStart(2, '0')}` });
    await srv.rt.store.append(events.map((event) => ({ tenantId, event })));
  }
  const recent = bulkEvents(20, { endTs: now - 60_000, spanMs: 30 * 60_000, seed: 99, idPrefix: '01R' });
  await srv.rt.store.append(recent.map((event) => ({ tenantId, event })));
  // A row written before depth limits existed (or by another tool): its document is nested 1,000 deep.
  const deep: VigilEvent = { ...recent[0]!, id: '01DEEP0000000000000000000A', '@timestamp': new Date(now - 10 * 60_000).toISOString() };
  const row = toRow(tenantId, deep);
  row[row.length - 1] = `${JSON.stringify(deep).slice(0, -1)},"deep":${'['.repeat(1000)}${']'.repeat(1000)}}`;
  (srv.rt.db as SqliteDb).raw.prepare(`INSERT INTO events (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`).run(...row);
}, 300_000);
afterAll(async () => srv?.close());

describe('no search can freeze the server', () => {
  it('answers /healthz in < 100 ms while a heavy CIDR search runs', async () => {
    const search = timed(() => admin.req('GET', `/api/v1/events?from=-2d&q=${encodeURIComponent(HEAVY)}`));
    const probes: number[] = [];
    const until = performance.now() + 1500;
    await new Promise((r) => setTimeout(r, 50));
    while (performance.now() < until) {
      const { ms, value } = await timed(() => fetch(`${srv.url}/healthz`));
      expect(value.status).toBe(200);
      probes.push(ms);
      await new Promise((r) => setTimeout(r, 25));
    }
    const ingest = await timed(() => new Client(srv.url).req('POST', '/api/v1/ingest', { raw: '{"message":"during a heavy search"}', type: 'application/x-ndjson', headers: { authorization: `Bearer ${srv.boot.ingestKey}` } }));
    const { ms, value: res } = await search;
    expect(probes.length).toBeGreaterThan(10);
    // Before reader threads every probe waited for the whole search (seconds). The bound is the
    // issue's 100 ms; one probe may be late by scheduler noise on a loaded two-core CI machine.
    const sorted = [...probes].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length * 0.9)]).toBeLessThan(100);
    expect(sorted[sorted.length - 1]).toBeLessThan(300);
    expect(ingest.value.status).toBe(202);
    expect(ingest.ms).toBeLessThan(1000);
    // The heavy search itself ran into its budget (it takes several seconds in full on this data).
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 503, code: 'VIGIL_ERR_QUERY_TIMEOUT' });
    expect(ms).toBeGreaterThan(BUDGET_MS * 0.9);
  }, 60_000);

  it('stops a search at its time budget with VIGIL_ERR_QUERY_TIMEOUT on every search endpoint', async () => {
    const q = encodeURIComponent(HEAVY);
    for (const path of [`/api/v1/events?from=-2d&q=${q}`, `/api/v1/events/histogram?from=-2d&q=${q}`, `/api/v1/events/top?field=user.name&from=-2d&q=${q}`, `/api/v1/events/fields?from=-2d&q=${q}`]) {
      const { ms, value: r } = await timed(() => admin.req('GET', path));
      expect({ path, status: r.status, code: r.body.error?.code }).toEqual({ path, status: 503, code: 'VIGIL_ERR_QUERY_TIMEOUT' });
      expect(r.body.error.message).toMatch(/time budget of \d+ ms \(search\.timeout\)/);
      expect(ms).toBeLessThan(BUDGET_MS + 1500);
    }
  }, 60_000);

  it('serves ordinary searches next to a timed-out one', async () => {
    const heavy = admin.req('GET', `/api/v1/events?from=-2d&q=${encodeURIComponent(HEAVY)}`);
    const { ms, value: r } = await timed(() => admin.req('GET', '/api/v1/events?q=event.dataset:sshd&limit=10'));
    expect(r.status).toBe(200);
    expect(r.body.events).toHaveLength(10);
    expect(ms).toBeLessThan(1000);
    expect((await heavy).status).toBe(503);
  }, 60_000);

  it('answers 1,000 NOTs, 1,100 terms and 200 parentheses with a coded 400, not 500', async () => {
    for (const q of [`${'NOT '.repeat(1000)}event.dataset:sshd`, Array.from({ length: 1100 }, (_, i) => `p:${i}`).join(' '), `${'('.repeat(200)}a:1${')'.repeat(200)}`]) {
      const r = await admin.req('GET', `/api/v1/events?q=${encodeURIComponent(q)}`);
      expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 400, code: 'VIGIL_ERR_QUERY_TOO_COMPLEX' });
    }
    // 1,000 ORed terms are within the limits, and SQLite takes them (a left-deep AND/OR chain would not).
    const wide = await admin.req('GET', `/api/v1/events?from=-1h&q=${encodeURIComponent(`p:(${Array.from({ length: 1000 }, (_, i) => i).join(' OR ')})`)}`);
    expect(wide.status).toBe(200);
  });
});

describe('no stored event can break search', () => {
  it('answers queries on document fields, top values, histograms, fields and export despite an unreadable row', async () => {
    const paths = [
      '/api/v1/events?from=-1h&q=labels.env:*',
      '/api/v1/events?from=-1h&q=NOT%20labels.env:prod',
      '/api/v1/events?from=-1h&q=process.pid:%3E0',
      '/api/v1/events/top?from=-1h&field=labels.env',
      '/api/v1/events/top?from=-1h&field=user.name&q=labels.env:*',
      '/api/v1/events/histogram?from=-1h&q=labels.env:*',
      '/api/v1/events/fields?from=-1h&q=process.pid:*',
      '/api/v1/events/export?from=-1h&q=labels.env:*',
    ];
    for (const path of paths) {
      const r = await admin.req('GET', path);
      expect({ path, status: r.status }).toEqual({ path, status: 200 });
    }
    const present = await admin.req('GET', '/api/v1/events?from=-1h&q=labels.env:*');
    expect(present.body.events).toHaveLength(20);
    // The unreadable row has no readable document fields: it matches their negation, and is still found by its hot columns.
    const negated = await admin.req('GET', `/api/v1/events?from=-1h&q=${encodeURIComponent('NOT labels.env:* AND user.name:*')}`);
    expect(negated.body.events.map((e: VigilEvent) => e.id)).toEqual(['01DEEP0000000000000000000A']);
    const byId = await admin.req('GET', '/api/v1/events/01DEEP0000000000000000000A');
    expect(byId.status).toBe(200);
    const top = await admin.req('GET', '/api/v1/events/top?from=-1h&field=labels.env');
    expect(top.body.values.reduce((n: number, v: { count: number }) => n + v.count, 0)).toBe(20);
  });
});
