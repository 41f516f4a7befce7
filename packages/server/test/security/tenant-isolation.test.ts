/**
 * Tenant isolation for every resource: events, saved searches, extraction rules, users, API keys,
 * input counters, the audit log and tenants themselves. A tenant's owner (and their keys) can neither
 * see nor change another tenant's objects, even knowing their ids; only the platform owner manages
 * tenants. Also issue 14.9: `/api/v1/inputs` no longer shows other tenants' counters, and a username
 * taken in another tenant is no conflict (a 409 revealed other tenants' usernames).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';

let srv: TestServer;
let root: Client;
let acme: Client;
let acmeKey: string;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const ids: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestServer();
  root = new Client(srv.url);
  expect((await root.login('admin', 'correct-horse-battery')).status).toBe(200);
  const t = await root.req('POST', '/api/v1/tenants', { body: { slug: 'acme', name: 'Acme', owner: { username: 'acme-owner', password: 'acme-first-pass' } } });
  expect(t.status).toBe(201);
  acme = new Client(srv.url);
  expect((await acme.login('acme-owner', 'acme-first-pass')).status).toBe(200);
  expect((await acme.req('POST', '/api/v1/auth/password', { body: { currentPassword: 'acme-first-pass', newPassword: 'acme-second-pass' } })).status).toBe(200);
  expect((await acme.login('acme-owner', 'acme-second-pass')).status).toBe(200);
  acmeKey = (await acme.req('POST', '/api/v1/api-keys', { body: { name: 'acme all', scopes: ['ingest', 'read', 'write', 'admin'] } })).body.key;

  // Objects of the default tenant, one of each kind.
  const ing = await root.req('POST', '/api/v1/ingest', { body: { message: 'default-secret-event', 'user.name': 'dflt' }, headers: bearer(srv.boot.ingestKey) });
  expect(ing.status).toBe(202);
  const ev = await root.req('GET', '/api/v1/events?q=message:default-secret-event');
  ids.event = ev.body.events[0]['event.id'] ?? ev.body.events[0].id;
  ids.saved = (await root.req('POST', '/api/v1/saved-searches', { body: { name: 'dflt', query: 'user.name:dflt' } })).body.id;
  ids.rule = (await root.req('POST', '/api/v1/extraction-rules', { body: { name: 'dflt-rule', pattern: 'x=%{INT:x.n:int}' } })).body.id;
  ids.user = (await root.req('POST', '/api/v1/users', { body: { username: 'dflt-user', password: 'dflt-user-pass', role: 'viewer' } })).body.id;
  ids.key = (await root.req('POST', '/api/v1/api-keys', { body: { name: 'dflt-key', scopes: ['read'] } })).body.id;
  ids.defaultTenant = (await root.req('GET', '/api/v1/tenants/default')).body.id;
});
afterAll(async () => srv?.close());

describe('tenant isolation', () => {
  it('events: search, get by id, top and export see only the own tenant', async () => {
    for (const c of [acme]) {
      expect((await c.req('GET', '/api/v1/events?q=message:default-secret-event')).body.events).toHaveLength(0);
      expect((await root.req('GET', `/api/v1/events/${ids.event}`)).status).toBe(200);
      expect((await c.req('GET', `/api/v1/events/${ids.event}`)).status).toBe(404);
      expect((await root.req('GET', '/api/v1/events/top?field=user.name')).body.values).toContainEqual(expect.objectContaining({ value: 'dflt' }));
      expect((await c.req('GET', '/api/v1/events/top?field=user.name')).body.values).not.toContainEqual(expect.objectContaining({ value: 'dflt' }));
      expect(String((await c.req('GET', '/api/v1/events/export?format=ndjson&q=*')).body)).not.toContain('default-secret-event');
    }
    expect((await new Client(srv.url).req('GET', '/api/v1/events?q=message:default-secret-event', { headers: bearer(acmeKey) })).body.events).toHaveLength(0);
  });

  it('saved searches: listed and deleted only within the own tenant', async () => {
    expect((await acme.req('GET', '/api/v1/saved-searches')).body.savedSearches).toHaveLength(0);
    expect((await acme.req('DELETE', `/api/v1/saved-searches/${ids.saved}`)).status).toBe(404);
    expect((await root.req('GET', '/api/v1/saved-searches')).body.savedSearches).toHaveLength(1);
  });

  it('extraction rules: listed, replaced and deleted only within the own tenant', async () => {
    expect((await acme.req('GET', '/api/v1/extraction-rules')).body.rules).toHaveLength(0);
    expect((await acme.req('PUT', `/api/v1/extraction-rules/${ids.rule}`, { body: { name: 'stolen', pattern: 'y=%{INT:y:int}' } })).status).toBe(404);
    expect((await acme.req('DELETE', `/api/v1/extraction-rules/${ids.rule}`)).status).toBe(404);
    expect((await root.req('GET', '/api/v1/extraction-rules')).body.rules.map((r: { name: string }) => r.name)).toEqual(['dflt-rule']);
  });

  it('users: listed, changed and reset only within the own tenant', async () => {
    const names = (await acme.req('GET', '/api/v1/users')).body.users.map((u: { username: string }) => u.username);
    expect(names).toEqual(['acme-owner']);
    expect(ids.user).toBeTruthy();
    expect((await acme.req('PATCH', `/api/v1/users/${ids.user}`, { body: { disabled: true } })).status).toBe(404);
    expect((await acme.req('POST', `/api/v1/users/${ids.user}/password`, { body: { password: 'stolen-password' } })).status).toBe(404);
  });

  it('usernames are unique per tenant: a name used elsewhere is no conflict and leaks nothing', async () => {
    const r = await acme.req('POST', '/api/v1/users', { body: { username: 'dflt-user', password: 'acme-dflt-user-pass', role: 'viewer' } });
    expect(r.status).toBe(201);
    const again = await acme.req('POST', '/api/v1/users', { body: { username: 'dflt-user', password: 'acme-dflt-user-pass', role: 'viewer' } });
    expect(again.status).toBe(409);
    // Both users log in with their own password, each into their own tenant.
    const a = new Client(srv.url);
    expect((await a.login('dflt-user', 'acme-dflt-user-pass')).body.user.tenantId).toBe(r.body.tenantId);
    const d = new Client(srv.url);
    expect((await d.login('dflt-user', 'dflt-user-pass')).body.user.tenantId).toBe(ids.defaultTenant);
  });

  it('API keys: listed, revoked and rotated only within the own tenant', async () => {
    const names = (await acme.req('GET', '/api/v1/api-keys')).body.apiKeys.map((k: { name: string }) => k.name);
    expect(names).toEqual(['acme all']);
    expect(ids.key).toBeTruthy();
    expect((await acme.req('DELETE', `/api/v1/api-keys/${ids.key}`)).status).toBe(404);
    expect((await acme.req('POST', `/api/v1/api-keys/${ids.key}/rotate`, { body: {} })).status).toBe(404);
  });

  it('inputs: a tenant sees only its own counters', async () => {
    const mine = (await root.req('GET', '/api/v1/inputs')).body.inputs.find((i: { name: string }) => i.name === 'http');
    expect(mine.received).toBeGreaterThanOrEqual(1);
    const theirs = (await acme.req('GET', '/api/v1/inputs')).body.inputs;
    expect(theirs).toEqual([]);
    await new Client(srv.url).req('POST', '/api/v1/ingest', { body: [{ message: 'a1' }, { message: 'a2' }], headers: bearer(acmeKey) });
    const after = (await acme.req('GET', '/api/v1/inputs')).body.inputs.find((i: { name: string }) => i.name === 'http');
    expect(after).toMatchObject({ received: 2, emitted: 2 });
  });

  it('audit log: each tenant sees only its own entries', async () => {
    const entries = (await acme.req('GET', '/api/v1/audit-log?limit=1000')).body.entries as Array<{ actor: string; target: string | null }>;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.some((e) => e.target === ids.user || e.target === ids.key)).toBe(false);
  });

  it('tenants: only the platform owner lists, changes or switches tenants', async () => {
    expect((await acme.req('GET', '/api/v1/tenants')).status).toBe(403);
    expect((await acme.req('PATCH', `/api/v1/tenants/${ids.defaultTenant}`, { body: { disabled: true } })).status).toBe(403);
    expect((await acme.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'default' } })).status).toBe(403);
    expect((await new Client(srv.url).req('GET', '/api/v1/tenants', { headers: bearer(acmeKey) })).status).toBe(403);
    // A tenant owner cannot grant the platform role.
    expect((await acme.req('POST', '/api/v1/users', { body: { username: 'acme-plat', password: 'acme-plat-pass', role: 'platform_owner' } })).status).toBe(403);
  });
});
