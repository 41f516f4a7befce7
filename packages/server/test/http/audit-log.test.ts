/**
 * The audit log on a real server: changes to channels, rules, users, API keys and tenants are recorded
 * with actor, address, before and after; no secret ever appears in it — neither in the API's answer
 * nor in the database file; filters (actor, action, kind.*, target, time) and cursor paging work.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let srv: TestServer;
let admin: Client;

const SECRET = 'whsec-Zq8v3-do-not-leak-7711';
const URL_TOKEN = 'T000-B000-leaky-path-token-4242';
const NEW_SECRET = 'whsec-rotated-also-secret-9090';

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
});
afterAll(async () => srv?.close());

async function entries(query = ''): Promise<any[]> {
  const r = await admin.req('GET', `/api/v1/audit-log?limit=1000${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.entries;
}

describe('audit log', () => {
  let channelId = '';

  it('records a channel change with before and after, and never its secrets', async () => {
    const c = await admin.req('POST', '/api/v1/channels', { body: { name: 'ops hook', type: 'webhook', config: { url: `https://hooks.example.test/${URL_TOKEN}`, secret: SECRET } } });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    channelId = c.body.id;
    const u = await admin.req('PUT', `/api/v1/channels/${channelId}`, { body: { name: 'ops webhook', config: { url: '********', secret: NEW_SECRET } } });
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    const log = await entries(`&targetType=channel&targetId=${channelId}`);
    expect(log.map((e) => e.action)).toEqual(['channel.update', 'channel.create']);
    expect(log[1]).toMatchObject({ actor: 'admin', before: null, after: { name: 'ops hook', type: 'webhook', config: { url: '********', secret: '********' } } });
    expect(log[0]).toMatchObject({ before: { name: 'ops hook' }, after: { name: 'ops webhook' } });
    expect(log[0].ip).toMatch(/127\.0\.0\.1/);
    expect((await admin.req('DELETE', `/api/v1/channels/${channelId}`)).status).toBe(200);
    const all = JSON.stringify(await entries());
    for (const s of [SECRET, URL_TOKEN, NEW_SECRET]) expect(all).not.toContain(s);
    // Nor in the database file (WAL included), byte for byte.
    for (const f of ['vigil.db', 'vigil.db-wal']) {
      let bytes = '';
      try {
        bytes = readFileSync(join(srv.dataDir, f)).toString('latin1');
      } catch {
        continue;
      }
      for (const s of [SECRET, URL_TOKEN, NEW_SECRET]) expect(bytes.includes(s), `${s} in ${f}`).toBe(false);
    }
  });

  it('records rules, users, API keys and tenants (who, before, after) without passwords or keys', async () => {
    const rule = { id: 'audit-demo', title: 'Audit demo', severity: 'low', query: 'event.dataset:demo' };
    expect((await admin.req('POST', '/api/v1/rules', { body: rule })).status).toBe(201);
    expect((await admin.req('PUT', '/api/v1/rules/audit-demo', { body: { ...rule, severity: 'high' } })).status).toBe(200);
    expect((await admin.req('POST', '/api/v1/rules/audit-demo/disable')).status).toBe(200);
    const r = await entries('&targetType=rule&targetId=audit-demo');
    expect(r.map((e) => e.action)).toEqual(['rule.disable', 'rule.update', 'rule.create']);
    expect(r[1]).toMatchObject({ before: { doc: { severity: 'low' } }, after: { doc: { severity: 'high' }, version: 2 } });
    expect(r[0]).toMatchObject({ before: { enabled: true }, after: { enabled: false } });

    const password = 'A-very-long-password-123!';
    const u = await admin.req('POST', '/api/v1/users', { body: { username: 'carol', password, role: 'analyst' } });
    expect(u.status).toBe(201);
    expect((await admin.req('PATCH', `/api/v1/users/${u.body.id}`, { body: { role: 'viewer' } })).status).toBe(200);
    expect((await admin.req('POST', `/api/v1/users/${u.body.id}/password`, { body: { password: `${password}-2` } })).status).toBe(200);
    const users = await entries(`&targetType=user&targetId=${u.body.id}`);
    expect(users.map((e) => e.action)).toEqual(['user.password_reset', 'user.update', 'user.create']);
    expect(users[1]).toMatchObject({ before: { role: 'analyst' }, after: { role: 'viewer' } });

    const k = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'audit key', scopes: ['read'] } });
    const rotated = await admin.req('POST', `/api/v1/api-keys/${k.body.id}/rotate`, { body: { overlapSeconds: 0 } });
    expect((await admin.req('DELETE', `/api/v1/api-keys/${k.body.id}`)).status).toBe(200);
    const keys = await entries(`&targetType=apikey&targetId=${k.body.id}`);
    expect(keys.map((e) => e.action)).toEqual(['apikey.revoke', 'apikey.rotate', 'apikey.create']);
    expect(keys[0]).toMatchObject({ before: { revokedAt: null }, after: { name: 'audit key' } });
    expect(keys[0].after.revokedAt).toBeTruthy();

    const t = await admin.req('POST', '/api/v1/tenants', { body: { slug: 'audited', name: 'Audited' } });
    expect(t.status).toBe(201);
    expect((await admin.req('PATCH', `/api/v1/tenants/${t.body.id}`, { body: { name: 'Audited Inc' } })).status).toBe(200);
    expect((await admin.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'audited' } })).status).toBe(200);
    const tl = await entries('&targetType=tenant');
    expect(tl.map((e) => e.action)).toEqual(['tenant.update', 'tenant.create']);
    expect(tl[0]).toMatchObject({ before: { name: 'Audited' }, after: { name: 'Audited Inc' } });
    expect((await admin.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'default' } })).status).toBe(200);

    const all = JSON.stringify(await entries());
    for (const s of [password, `${password}-2`, k.body.key, rotated.body.key]) expect(all).not.toContain(s);
    expect(all).not.toMatch(/scrypt|passwordHash|secretHash/);
  });

  it('filters by actor, action, kind.* and time, and pages with a cursor', async () => {
    const everything = await entries();
    expect(everything.length).toBeGreaterThan(10);
    expect((await entries('&actor=admin')).every((e) => e.actor === 'admin')).toBe(true);
    expect((await entries('&actor=nobody'))).toEqual([]);
    expect((await entries('&action=user.update')).map((e) => e.action)).toEqual(['user.update']);
    const kinds = await entries('&action=apikey.*');
    expect(kinds.length).toBeGreaterThanOrEqual(3);
    expect(kinds.every((e) => e.action.startsWith('apikey.'))).toBe(true);
    expect(await entries('&from=%2B1h')).toEqual([]);
    expect((await entries('&to=-1h'))).toEqual([]);
    expect((await entries('&from=-1h')).length).toBe(everything.length);
    const bad = await admin.req('GET', '/api/v1/audit-log?from=yesterday-ish');
    expect(bad.status).toBe(400);
    expect((await admin.req('GET', '/api/v1/audit-log?cursor=bm9wZQ')).body.error.code).toBe('VIGIL_ERR_BAD_CURSOR');
    const seen: string[] = [];
    let cursor: string | null = '';
    for (let i = 0; i < 100 && cursor !== null; i++) {
      const r = await admin.req('GET', `/api/v1/audit-log?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.body.entries.map((e: { id: string }) => e.id));
      cursor = r.body.nextCursor;
    }
    expect(seen).toEqual(everything.map((e) => e.id));
  });

  it('is for admins only', async () => {
    const k = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'reader', scopes: ['read'] } });
    const r = await new Client(srv.url).req('GET', '/api/v1/audit-log', { headers: { authorization: `Bearer ${k.body.key}` } });
    expect(r.status).toBe(403);
  });
});
