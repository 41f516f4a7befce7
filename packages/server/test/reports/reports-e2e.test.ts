/**
 * Digest reports on a real server: alerts raised by a rule on ingested lines and an open incident
 * show up in the digest preview; `POST /reports/send` delivers it to a real local webhook receiver
 * (signed, with the whole digest in the JSON); schedules validate their channels and time zone; and
 * the scheduler, driven by an injected clock, sends a daily digest once at its time and sets the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import { Client, startTestServer, type TestServer } from '../support/server.ts';
import { startHttpReceiver, type HttpReceiver } from '../notify/receivers.ts';
import { buildReportService } from '../../src/app/modules/reports-module.ts';
import { ReportScheduler } from '../../src/reports/index.ts';
import { TenantInputStats } from '../../src/tenancy/tenant-input-stats.ts';
import type { Services } from '../../src/app/runtime-module.ts';

let srv: TestServer;
let admin: Client;
let rx: HttpReceiver;
let channelId = '';
const SECRET = 'digest-signing-secret';

const RULE = { id: 'digest-ssh', title: 'SSH failures from {{source.ip}}', severity: 'high', query: 'event.dataset:sshd AND event.outcome:failure', threshold: { count: 2, window: '10m', group_by: ['source.ip'] } };

function bsd(ts: Date): string {
  const mon = ts.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${mon} ${String(ts.getUTCDate()).padStart(2, ' ')} ${ts.toISOString().slice(11, 19)}`;
}

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  rx = await startHttpReceiver();
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
  expect((await admin.req('POST', '/api/v1/rules', { body: RULE })).status).toBe(201);
  await new Promise((r) => setTimeout(r, 400));
  const now = new Date();
  const lines = [1, 2, 3].map((i) => `<38>${bsd(now)} db-7 sshd[${i}]: Failed password for root from 203.0.113.50 port ${4000 + i} ssh2`);
  expect((await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${srv.boot.ingestKey}`, 'content-type': 'text/plain' }, body: lines.join('\n') })).status).toBe(202);
  const alert = await waitFor(async () => (await admin.req('GET', '/api/v1/alerts?rule=digest-ssh')).body.alerts?.[0]);
  expect((await admin.req('POST', '/api/v1/incidents', { body: { title: 'Database host under attack', alertIds: [alert.id] } })).status).toBe(201);
  const c = await admin.req('POST', '/api/v1/channels', { body: { name: 'digest hook', type: 'webhook', config: { url: `${rx.base}/digest`, secret: SECRET, allow_private: true } } });
  expect(c.status).toBe(201);
  channelId = c.body.id;
});
afterAll(async () => {
  await rx?.close();
  await srv?.close();
});

describe('digest reports', () => {
  it('previews the digest of the last day: alerts by severity and rule, incidents, sources, ingest', async () => {
    const d = (await admin.req('GET', '/api/v1/reports/preview?cadence=daily')).body;
    expect(d).toMatchObject({ tenant: 'Default', cadence: 'daily' });
    expect(d.alerts.bySeverity.high).toBeGreaterThanOrEqual(1);
    expect(d.alerts.byRule.find((r: { ruleId: string }) => r.ruleId === 'digest-ssh')).toMatchObject({ alerts: 1 });
    expect(d.incidents.list.map((i: { title: string }) => i.title)).toContain('Database host under attack');
    expect(d.noisiest.hosts).toContainEqual({ value: 'db-7', count: 3 });
    expect(d.noisiest.sourceIps).toContainEqual({ value: '203.0.113.50', count: 3 });
    expect(d.ingest.events).toBeGreaterThanOrEqual(3);
    expect(d.ingest.inputs.find((i: { name: string }) => i.name === 'http').received).toBeGreaterThanOrEqual(3);
    expect(d.markdown).toContain('| SSH failures from 203.0.113.50 (digest-ssh) | 1 | ');
    expect(d.markdown).toContain('| Database host under attack | open | high | unassigned | 1 |');
  });

  it('sends one now to a webhook channel: signed, readable text, the whole digest in the JSON', async () => {
    const before = rx.requests.length;
    const r = await admin.req('POST', '/api/v1/reports/send', { body: { channelIds: [channelId] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.deliveries).toEqual([{ channelId, ok: true, deliveryId: expect.any(String), reason: null }]);
    expect(rx.requests.length).toBe(before + 1);
    const req = rx.requests.at(-1)!;
    expect(req.path).toBe('/digest');
    const sig = String(req.headers['x-vigil-signature']);
    const t = /t=(\d+)/.exec(sig)![1]!;
    expect(sig).toContain(`v1=${createHmac('sha256', SECRET).update(`${t}.${req.body}`).digest('hex')}`);
    const body = JSON.parse(req.body);
    expect(body.title).toMatch(/^\[INFO\] Vigil daily digest: Default, /);
    expect(body.text).toContain('By severity: high 1');
    expect(body.text).toContain('Open incidents: [high] Database host under attack (open, unassigned)');
    expect(body.text).toContain('Noisiest hosts: db-7 (3)');
    expect(body.alert.report.markdown).toContain('## Ingest health');
    expect(body.alert.report.incidents.open).toBe(1);
    const deliveries = (await admin.req('GET', `/api/v1/channels/${channelId}/deliveries`)).body.deliveries;
    expect(deliveries[0]).toMatchObject({ status: 'delivered', alertId: expect.stringMatching(/^digest-/) });
  });

  it('a failing channel is answered, not thrown; sending needs channels', async () => {
    rx.answer = 'permanent';
    const r = await admin.req('POST', '/api/v1/reports/send', { body: { channelIds: [channelId], cadence: 'weekly' } });
    rx.answer = 'ok';
    expect(r.body.digest.cadence).toBe('weekly');
    expect(r.body.deliveries[0]).toMatchObject({ channelId, ok: false, reason: expect.any(String) });
    expect((await admin.req('POST', '/api/v1/reports/send', { body: {} })).body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'channelIds' } });
    expect((await admin.req('POST', '/api/v1/reports/send', { body: { channelIds: ['nope'] } })).body.error.details).toEqual({ field: 'channelIds[0]' });
  });

  it('schedules validate and compute their next run; the audit log has them', async () => {
    expect((await admin.req('POST', '/api/v1/reports', { body: { name: 'x', cadence: 'daily', channelIds: ['nope'] } })).body.error.details).toEqual({ field: 'channelIds[0]' });
    expect((await admin.req('POST', '/api/v1/reports', { body: { name: 'x', cadence: 'daily', timezone: 'Mars/Base', channelIds: [channelId] } })).body.error.details).toEqual({ field: 'timezone' });
    expect((await admin.req('POST', '/api/v1/reports', { body: { name: 'x', cadence: 'daily', timeOfDay: '25:00', channelIds: [channelId] } })).status).toBe(400);
    const s = await admin.req('POST', '/api/v1/reports', { body: { name: 'Morning', cadence: 'weekly', weekday: 'friday', timeOfDay: '07:30', timezone: 'Europe/Berlin', channelIds: [channelId] } });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body).toMatchObject({ enabled: true, cadence: 'weekly', weekday: 'friday', lastRunAt: null, lastDeliveries: [] });
    const next = new Date(s.body.nextRunAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next)).toBe('Friday 07:30');
    expect((await admin.req('POST', '/api/v1/reports', { body: { name: 'Morning', cadence: 'daily', channelIds: [channelId] } })).status).toBe(409);
    const off = await admin.req('PUT', `/api/v1/reports/${s.body.id}`, { body: { name: 'Morning', cadence: 'weekly', enabled: false, channelIds: [channelId] } });
    expect(off.body).toMatchObject({ enabled: false, nextRunAt: null });
    expect((await admin.req('GET', '/api/v1/reports')).body.reports).toHaveLength(1);
    expect((await admin.req('DELETE', `/api/v1/reports/${s.body.id}`)).status).toBe(200);
    const audit = (await admin.req('GET', `/api/v1/audit-log?action=report.*`)).body.entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(['report.delete', 'report.update', 'report.create', 'report.send', 'report.send']);
  });

  it('the scheduler sends a daily digest once at its time (injected clock) and sets the next run', async () => {
    let clock = Date.parse('2026-12-05T07:00:00Z');
    const services = { ...srv.rt, tenantService: srv.rt.tenantService, tenantInputs: new TenantInputStats(), newId: monotonicFactory(), now: () => clock } as unknown as Services;
    const reports = buildReportService(services, () => clock);
    const scheduler = new ReportScheduler({ reports, now: () => clock, onError: (e) => { throw e; } });
    const tenantId = srv.boot.tenantId!;
    const s = await reports.create(tenantId, { name: 'Daily 08:00', cadence: 'daily', timeOfDay: '08:00', timezone: 'UTC', channelIds: [channelId] }, 'alice');
    expect(s.nextRunAt).toBe('2026-12-05T08:00:00.000Z');
    const before = rx.requests.length;
    clock = Date.parse('2026-12-05T07:59:59Z');
    expect(await scheduler.tick()).toBe(0);
    clock = Date.parse('2026-12-05T08:00:10Z');
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    expect(rx.requests.length).toBe(before + 1);
    const body = JSON.parse(rx.requests.at(-1)!.body);
    expect(body.alert.report).toMatchObject({ cadence: 'daily', from: '2026-12-04T08:00:10.000Z', to: '2026-12-05T08:00:10.000Z' });
    const after = await reports.get(tenantId, s.id);
    expect(after).toMatchObject({ lastRunAt: '2026-12-05T08:00:10.000Z', nextRunAt: '2026-12-06T08:00:00.000Z', lastDeliveries: [{ channelId, ok: true }] });
    // Down for three days: one catch-up send, then back on schedule.
    clock = Date.parse('2026-12-09T12:00:00Z');
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    expect((await reports.get(tenantId, s.id)).nextRunAt).toBe('2026-12-10T08:00:00.000Z');
    await reports.remove(tenantId, s.id, 'alice');
  });
});
