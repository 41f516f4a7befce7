/**
 * Smaller auth holes (issue 14.9) and disabled tenants (issue 15.1), each reproduced against a real server:
 * - the ingest rate limit was keyed on the raw Authorization header, so `bearer` or extra spaces got a
 *   fresh budget: it is keyed on the resolved key now;
 * - sessions had no absolute lifetime: `auth.session_max_age` ends them however often they are used;
 * - a disabled tenant's keys and sessions stop working at once.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ VIGIL_INGEST_RATE_LIMIT: '4', VIGIL_AUTH_SESSION_MAX_AGE: '3s' });
});
afterAll(async () => srv?.close());

describe('auth holes', () => {
  it('keys the ingest rate limit on the resolved key, not on the header spelling', async () => {
    const key = srv.boot.ingestKey;
    const spellings = [`Bearer ${key}`, `bearer ${key}`, `Bearer  ${key}`, `BEARER   ${key}`, `bearer\t${key}`, `Bearer ${key}`];
    const statuses: number[] = [];
    for (const h of spellings) statuses.push((await new Client(srv.url).req('POST', '/api/v1/ingest', { raw: 'rate line', type: 'text/plain', headers: { authorization: h } })).status);
    expect(statuses.slice(0, 4)).toEqual([202, 202, 202, 202]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });

  it('ends a session at auth.session_max_age even while it is in use', async () => {
    const c = new Client(srv.url);
    expect((await c.login('admin', 'correct-horse-battery')).status).toBe(200);
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      seen.push((await c.req('GET', '/api/v1/auth/me')).status);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(seen[0]).toBe(200);
    expect(seen.at(-1)).toBe(401);
  });

  it('stops a disabled tenant\'s keys and sessions at once, and brings them back when enabled', async () => {
    const root = new Client(srv.url);
    expect((await root.login('admin', 'correct-horse-battery')).status).toBe(200);
    expect((await root.req('POST', '/api/v1/tenants', { body: { slug: 'gone', owner: { username: 'gone-owner', password: 'gone-owner-pass' } } })).status).toBe(201);
    const owner = new Client(srv.url);
    expect((await owner.login('gone-owner', 'gone-owner-pass')).status).toBe(200);
    expect((await owner.req('POST', '/api/v1/auth/password', { body: { currentPassword: 'gone-owner-pass', newPassword: 'gone-owner-pass-2' } })).status).toBe(200);
    expect((await owner.login('gone-owner', 'gone-owner-pass-2')).status).toBe(200);
    const key = (await owner.req('POST', '/api/v1/api-keys', { body: { name: 'k', scopes: ['read'] } })).body.key as string;
    const k = new Client(srv.url);
    expect((await k.req('GET', '/api/v1/events?q=*', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    expect((await root.req('PATCH', '/api/v1/tenants/gone', { body: { disabled: true } })).status).toBe(200);
    expect((await k.req('GET', '/api/v1/events?q=*', { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    expect((await owner.req('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await new Client(srv.url).login('gone-owner', 'gone-owner-pass-2')).status).toBe(401);
    // The platform owner's own tenant cannot be disabled.
    expect((await root.req('PATCH', '/api/v1/tenants/default', { body: { disabled: true } })).status).toBe(409);

    expect((await root.req('PATCH', '/api/v1/tenants/gone', { body: { disabled: false } })).status).toBe(200);
    expect((await k.req('GET', '/api/v1/events?q=*', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
  });
});
