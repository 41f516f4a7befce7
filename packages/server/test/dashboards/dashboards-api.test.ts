/**
 * Dashboards on a real server (SQLite file, HTTP): built-in boards for everyone, read-only and
 * copyable; private boards stay with their owner until shared; only the owner (or an admin, for a
 * shared board) changes one; each user has a home board; broken panels get coded errors; boards of
 * one tenant never show in another; changes are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let srv: TestServer;
let admin: Client;
let ana: Client;
let vic: Client;

async function userClient(name: string, role: string): Promise<Client> {
  const created = await admin.req('POST', '/api/v1/users', { body: { username: name, password: `${name}-first-pass`, role } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const c = new Client(srv.url);
  expect((await c.login(name, `${name}-first-pass`)).status).toBe(200);
  expect((await c.req('POST', '/api/v1/auth/password', { body: { currentPassword: `${name}-first-pass`, newPassword: `${name}-second-pass` } })).status).toBe(200);
  expect((await c.login(name, `${name}-second-pass`)).status).toBe(200);
  return c;
}

const panel = (over: Record<string, unknown> = {}) => ({ id: 'p1', kind: 'count', title: 'Failed logins', query: 'event.outcome:failure', from: '-24h', to: 'now', x: 0, y: 0, w: 4, h: 3, ...over });

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
  ana = await userClient('ana', 'analyst');
  vic = await userClient('vic', 'viewer');
});
afterAll(async () => srv?.close());

describe('dashboards API', () => {
  it('offers the two built-in boards to every user, read-only, security overview as the default home', async () => {
    const r = await vic.req('GET', '/api/v1/dashboards');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.dashboards.map((d: { id: string }) => d.id)).toEqual(['builtin:security-overview', 'builtin:ingest-health']);
    expect(r.body.dashboards[0]).toMatchObject({ builtin: true, editable: false, shared: true, owner: null });
    expect(r.body.dashboards[0].panels.map((p: { kind: string }) => p.kind)).toEqual(expect.arrayContaining(['count', 'timeseries', 'top', 'table']));
    expect(r.body.homeId).toBe('builtin:security-overview');
    const put = await admin.req('PUT', '/api/v1/dashboards/builtin:ingest-health', { body: { name: 'mine', panels: [] } });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('VIGIL_ERR_FORBIDDEN');
    expect((await admin.req('DELETE', '/api/v1/dashboards/builtin:ingest-health')).status).toBe(403);
  });

  it('copies a built-in board; a private board stays with its owner until shared', async () => {
    const builtin = (await ana.req('GET', '/api/v1/dashboards/builtin:ingest-health')).body;
    const c = await ana.req('POST', '/api/v1/dashboards', { body: { name: 'My ingest', panels: builtin.panels } });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ name: 'My ingest', shared: false, builtin: false, owner: 'ana', editable: true });
    expect(c.body.panels).toEqual(builtin.panels);
    const id = c.body.id;
    expect((await vic.req('GET', `/api/v1/dashboards/${id}`)).status).toBe(404);
    expect((await vic.req('GET', '/api/v1/dashboards')).body.dashboards.map((d: { id: string }) => d.id)).not.toContain(id);

    const shared = await ana.req('PUT', `/api/v1/dashboards/${id}`, { body: { name: 'Ingest (team)', shared: true, panels: [panel()] } });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    const seen = await vic.req('GET', `/api/v1/dashboards/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ name: 'Ingest (team)', shared: true, editable: false, owner: 'ana', panels: [panel()] });
    const denied = await vic.req('PUT', `/api/v1/dashboards/${id}`, { body: { name: 'hijack', panels: [] } });
    expect(denied.status).toBe(403);
    expect((await vic.req('DELETE', `/api/v1/dashboards/${id}`)).status).toBe(403);
    // A tenant admin may tidy a shared board, but not unshare it for its owner.
    const byAdmin = await admin.req('PUT', `/api/v1/dashboards/${id}`, { body: { name: 'Ingest (team, tidied)', shared: false, panels: [panel({ w: 6 })] } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ name: 'Ingest (team, tidied)', shared: true, editable: true });
  });

  it('keeps a home board per user and clears it when the board is deleted', async () => {
    const c = await ana.req('POST', '/api/v1/dashboards', { body: { name: 'Home of ana', panels: [panel()] } });
    const id = c.body.id;
    expect((await ana.req('PUT', '/api/v1/dashboards/home', { body: { id } })).body).toEqual({ homeId: id });
    expect((await ana.req('GET', '/api/v1/dashboards')).body.homeId).toBe(id);
    expect((await vic.req('GET', '/api/v1/dashboards')).body.homeId).toBe('builtin:security-overview');
    // Another user's private board cannot be a home.
    expect((await vic.req('PUT', '/api/v1/dashboards/home', { body: { id } })).status).toBe(404);
    expect((await vic.req('PUT', '/api/v1/dashboards/home', { body: { id: 'builtin:ingest-health' } })).body).toEqual({ homeId: 'builtin:ingest-health' });
    expect((await ana.req('DELETE', `/api/v1/dashboards/${id}`)).status).toBe(200);
    expect((await ana.req('GET', '/api/v1/dashboards')).body.homeId).toBe('builtin:security-overview');
    expect((await ana.req('GET', `/api/v1/dashboards/${id}`)).status).toBe(404);
  });

  it('rejects broken panels with coded errors naming the panel', async () => {
    const syntax = await ana.req('POST', '/api/v1/dashboards', { body: { name: 'x', panels: [panel({ query: 'host.name:(' })] } });
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.code).toBe('VIGIL_ERR_QUERY_SYNTAX');
    expect(syntax.body.error.message).toContain('Failed logins');
    const time = await ana.req('POST', '/api/v1/dashboards', { body: { name: 'x', panels: [panel({ from: 'yesterday' })] } });
    expect(time.status).toBe(400);
    expect(time.body.error.code).toBe('VIGIL_ERR_BAD_TIME');
    const dup = await ana.req('POST', '/api/v1/dashboards', { body: { name: 'x', panels: [panel(), panel()] } });
    expect(dup.body.error.code).toBe('VIGIL_ERR_VALIDATION');
    const wide = await ana.req('POST', '/api/v1/dashboards', { body: { name: 'x', panels: [panel({ x: 8, w: 6 })] } });
    expect(wide.body.error.code).toBe('VIGIL_ERR_VALIDATION');
    const top = await ana.req('POST', '/api/v1/dashboards', { body: { name: 'x', panels: [panel({ kind: 'top' })] } });
    expect(top.body.error.code).toBe('VIGIL_ERR_VALIDATION');
    const kind = await ana.req('POST', '/api/v1/dashboards', { body: { name: 'x', panels: [panel({ kind: 'pie' })] } });
    expect(kind.status).toBe(400);
    expect((await vic.req('POST', '/api/v1/dashboards', { body: { name: 'viewer share', shared: true, panels: [] } })).status).toBe(403);
    expect((await vic.req('POST', '/api/v1/dashboards', { body: { name: 'viewer private', panels: [panel()] } })).status).toBe(201);
  });

  it('audits changes and keeps boards inside their tenant', async () => {
    const c = await admin.req('POST', '/api/v1/dashboards', { body: { name: 'Default tenant board', shared: true, panels: [panel()] } });
    expect(c.status).toBe(201);
    const log = await admin.req('GET', `/api/v1/audit-log?targetType=dashboard&targetId=${c.body.id}`);
    expect(log.body.entries.map((e: { action: string }) => e.action)).toEqual(['dashboard.create']);
    expect(log.body.entries[0]).toMatchObject({ actor: 'admin', after: { name: 'Default tenant board' } });

    expect((await admin.req('POST', '/api/v1/tenants', { body: { slug: 'other' } })).status).toBe(201);
    expect((await admin.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'other' } })).status).toBe(200);
    const list = await admin.req('GET', '/api/v1/dashboards');
    expect(list.body.dashboards.map((d: { id: string }) => d.id)).toEqual(['builtin:security-overview', 'builtin:ingest-health']);
    expect((await admin.req('GET', `/api/v1/dashboards/${c.body.id}`)).status).toBe(404);
    expect((await admin.req('PUT', `/api/v1/dashboards/${c.body.id}`, { body: { name: 'cross', panels: [] } })).status).toBe(404);
    expect((await admin.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'default' } })).status).toBe(200);
  });

  it('refuses API keys (boards belong to users)', async () => {
    const k = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'dash key', scopes: ['read'] } });
    const r = await new Client(srv.url).req('GET', '/api/v1/dashboards', { headers: { authorization: `Bearer ${k.body.key}` } });
    expect(r.status).toBe(403);
  });
});
