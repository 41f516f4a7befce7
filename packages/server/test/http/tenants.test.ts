/**
 * Tenant management over the API against a real server: the platform owner adds, lists, renames,
 * disables and sets quotas; switches the session into a tenant and manages its users and keys there;
 * a tenant over its daily quota gets a coded 429 on HTTP ingest (counted) and its syslog lines are
 * dropped (counted) while other tenants are untouched; retention is honoured per tenant.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { connect } from 'node:net';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { freePort } from '../support/process.ts';

let srv: TestServer;
let root: Client;
let syslogPort: number;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  syslogPort = await freePort();
  srv = await startTestServer({ VIGIL_SYSLOG_PORT: String(syslogPort) });
  root = new Client(srv.url);
  expect((await root.login('admin', 'correct-horse-battery')).status).toBe(200);
});
afterAll(async () => srv?.close());

async function tcpLines(lines: string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const s = connect(syslogPort, '127.0.0.1', () => s.end(lines.map((l) => `${l}\n`).join('')));
    s.on('close', () => resolve());
    s.on('error', reject);
  });
}

async function until(fn: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('tenants API', () => {
  it('adds, lists, renames and validates tenants', async () => {
    const t = await root.req('POST', '/api/v1/tenants', { body: { slug: 'acme', name: 'Acme Corp', maxEventsPerDay: 4, retentionDays: 1 } });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({ slug: 'acme', name: 'Acme Corp', disabled: false, quotas: { maxEventsPerDay: 4, retentionDays: 1 }, usageToday: { events: 0, rejected: 0 } });
    expect((await root.req('POST', '/api/v1/tenants', { body: { slug: 'acme' } })).status).toBe(409);
    const bad = await root.req('POST', '/api/v1/tenants', { body: { slug: 'Bad Slug!' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VIGIL_ERR_VALIDATION');
    expect((await root.req('POST', '/api/v1/tenants', { body: { slug: 'q', retentionDays: 0 } })).status).toBe(400);
    expect((await root.req('POST', '/api/v1/tenants', { body: { slug: 'q', maxEventsPerDay: -1 } })).status).toBe(400);
    expect((await root.req('POST', '/api/v1/tenants', { body: { slug: 'tmp' } })).status).toBe(201);
    const renamed = await root.req('PATCH', '/api/v1/tenants/tmp', { body: { slug: 'beta', name: 'Beta' } });
    expect(renamed.body).toMatchObject({ slug: 'beta', name: 'Beta' });
    expect((await root.req('PATCH', '/api/v1/tenants/beta', { body: { slug: 'acme' } })).status).toBe(409);
    const list = await root.req('GET', '/api/v1/tenants');
    expect(list.body.tenants.map((x: { slug: string }) => x.slug)).toEqual(['acme', 'beta', 'default']);
    expect((await root.req('GET', '/api/v1/tenants/nope')).status).toBe(404);
  });

  it('lets the platform owner switch into a tenant and create its users and keys there', async () => {
    const sw = await root.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'acme' } });
    expect(sw.status).toBe(200);
    expect((await root.req('GET', '/api/v1/auth/me')).body.tenant).toMatchObject({ slug: 'acme' });
    const u = await root.req('POST', '/api/v1/users', { body: { username: 'acme-admin', password: 'acme-admin-pass', role: 'owner' } });
    expect(u.status).toBe(201);
    const k = await root.req('POST', '/api/v1/api-keys', { body: { name: 'acme ingest', scopes: ['ingest', 'read'] } });
    expect(k.status).toBe(201);
    expect((await root.req('GET', '/api/v1/users')).body.users.map((x: { username: string }) => x.username)).toEqual(['acme-admin']);
    const ing = await new Client(srv.url).req('POST', '/api/v1/ingest', { body: { message: 'acme-first' }, headers: bearer(k.body.key) });
    expect(ing.status).toBe(202);
    await until(async () => (await root.req('GET', '/api/v1/events?q=message:acme-first')).body.events.length === 1);
    expect((await root.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'default' } })).status).toBe(200);
    expect((await root.req('GET', '/api/v1/events?q=message:acme-first')).body.events).toHaveLength(0);
    expect((await root.req('GET', '/api/v1/auth/me')).body).toMatchObject({ user: { username: 'admin', role: 'platform_owner' }, tenant: { slug: 'default' } });
    process.env.ACME_KEY = k.body.key;
  });

  it('answers a coded 429 to a tenant over its daily quota, counts it, and leaves other tenants alone', async () => {
    const key = process.env.ACME_KEY!;
    const c = new Client(srv.url);
    // 1 event already (previous test); quota 4.
    expect((await c.req('POST', '/api/v1/ingest', { body: [{ message: 'q1' }, { message: 'q2' }, { message: 'q3' }], headers: bearer(key) })).status).toBe(202);
    const over = await c.req('POST', '/api/v1/ingest', { body: [{ message: 'q4' }, { message: 'q5' }], headers: bearer(key) });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('VIGIL_ERR_QUOTA_EXCEEDED');
    expect((await c.req('POST', '/api/v1/ingest', { body: { message: 'default still fine' }, headers: bearer(srv.boot.ingestKey) })).status).toBe(202);
    const acme = (await root.req('GET', '/api/v1/tenants/acme')).body;
    expect(acme.usageToday).toEqual({ events: 4, rejected: 2 });
    const m = await c.req('GET', '/metrics');
    expect(m.body).toMatch(/vigil_tenant_quota_rejected_events_total\{tenant="acme"\} 2/);
  });

  it('drops (and counts) syslog lines over a tenant\'s quota, without touching other tenants', async () => {
    expect((await root.req('PATCH', '/api/v1/tenants/default', { body: { maxEventsPerDay: 1000 } })).status).toBe(200);
    const before = (await root.req('GET', '/api/v1/tenants/default')).body.usageToday.events as number;
    const allowed = 1000 - before;
    const lines = Array.from({ length: allowed + 25 }, (_, i) => `<13>1 - host app - - - quotaline${i} of the syslog quota test`);
    await tcpLines(lines);
    await until(async () => {
      const u = (await root.req('GET', '/api/v1/tenants/default')).body.usageToday;
      return u.events === 1000 && u.rejected === 25;
    });
    await srv.rt.storeWorker.drain();
    const n = await root.req('GET', '/api/v1/events?q=' + encodeURIComponent('"syslog quota test"') + '&limit=5000&from=now-1h');
    expect(n.body.events.length).toBe(allowed);
    expect((await root.req('PATCH', '/api/v1/tenants/default', { body: { maxEventsPerDay: null } })).body.quotas.maxEventsPerDay).toBe(null);
  });

  it('keeps each tenant\'s events for its own retention days', async () => {
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const c = new Client(srv.url);
    expect((await root.req('PATCH', '/api/v1/tenants/acme', { body: { maxEventsPerDay: null } })).status).toBe(200);
    expect((await c.req('POST', '/api/v1/ingest', { body: { '@timestamp': old, message: 'old-acme' }, headers: bearer(process.env.ACME_KEY!) })).status).toBe(202);
    expect((await c.req('POST', '/api/v1/ingest', { body: { '@timestamp': old, message: 'old-default' }, headers: bearer(srv.boot.ingestKey) })).status).toBe(202);
    const deleted = await srv.rt.runRetention();
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect((await root.req('GET', '/api/v1/events?q=message:old-default&from=now-7d')).body.events).toHaveLength(1);
    await root.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'acme' } });
    expect((await root.req('GET', '/api/v1/events?q=message:old-acme&from=now-7d')).body.events).toHaveLength(0);
    await root.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'default' } });
  });
});
