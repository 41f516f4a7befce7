/**
 * Attack (issue 14.6): an admin mints an `admin`-scope key and with it creates owners, resets the
 * owner's password and disables other owners — the role ceiling was checked only for user actors.
 * Holds: a key acts with at most its creator's current role; a disabled creator's keys stop at once,
 * a demoted creator's keys are cut down; rotating a key does not borrow its creator's ceiling.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';

let srv: TestServer;
let root: Client;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function userClient(name: string, role: string): Promise<{ c: Client; id: string }> {
  const created = await root.req('POST', '/api/v1/users', { body: { username: name, password: `${name}-first-pass`, role } });
  expect(created.status).toBe(201);
  const c = new Client(srv.url);
  expect((await c.login(name, `${name}-first-pass`)).status).toBe(200);
  expect((await c.req('POST', '/api/v1/auth/password', { body: { currentPassword: `${name}-first-pass`, newPassword: `${name}-second-pass` } })).status).toBe(200);
  expect((await c.login(name, `${name}-second-pass`)).status).toBe(200);
  return { c, id: created.body.id };
}

beforeAll(async () => {
  srv = await startTestServer();
  root = new Client(srv.url);
  expect((await root.login('admin', 'correct-horse-battery')).status).toBe(200);
});
afterAll(async () => srv?.close());

describe('API keys cannot escalate roles', () => {
  it('an admin-scope key made by an admin cannot create owners, reset the owner or disable owners', async () => {
    const { id: ownerId } = await userClient('owner2', 'owner');
    const { c: adm } = await userClient('adm1', 'admin');
    const made = await adm.req('POST', '/api/v1/api-keys', { body: { name: 'escalate', scopes: ['admin', 'read'] } });
    expect(made.status).toBe(201);
    const key = made.body.key as string;
    const k = new Client(srv.url);

    const mkOwner = await k.req('POST', '/api/v1/users', { body: { username: 'evil-owner', password: 'evil-owner-pass', role: 'owner' }, headers: bearer(key) });
    expect(mkOwner.status).toBe(403);
    expect(mkOwner.body.error.code).toBe('VIGIL_ERR_FORBIDDEN');

    const users = (await root.req('GET', '/api/v1/users')).body.users as Array<{ id: string; username: string }>;
    const adminId = users.find((u) => u.username === 'admin')!.id;
    const reset = await k.req('POST', `/api/v1/users/${adminId}/password`, { body: { password: 'taken-over-pass' }, headers: bearer(key) });
    expect(reset.status).toBe(403);
    const disable = await k.req('PATCH', `/api/v1/users/${ownerId}`, { body: { disabled: true }, headers: bearer(key) });
    expect(disable.status).toBe(403);
    // The owner's password still works: nothing was changed.
    expect((await new Client(srv.url).login('admin', 'correct-horse-battery')).status).toBe(200);
    // What an admin may do, the key may do.
    expect((await k.req('POST', '/api/v1/users', { body: { username: 'viewer-by-key', password: 'viewer-by-key-pass', role: 'viewer' }, headers: bearer(key) })).status).toBe(201);
  });

  it('nobody mints a scope their role lacks', async () => {
    const { c: an } = await userClient('analyst-k', 'analyst');
    // An analyst cannot reach key management at all; an admin cannot mint beyond admin (no such scope).
    expect((await an.req('POST', '/api/v1/api-keys', { body: { name: 'x', scopes: ['admin'] } })).status).toBe(403);
  });

  it('a key stops at once when its creator is disabled, and is cut down when the creator is demoted', async () => {
    const { c: adm, id } = await userClient('adm2', 'admin');
    const key = (await adm.req('POST', '/api/v1/api-keys', { body: { name: 'mine', scopes: ['admin', 'read'] } })).body.key as string;
    const k = new Client(srv.url);
    expect((await k.req('GET', '/api/v1/users', { headers: bearer(key) })).status).toBe(200);

    expect((await root.req('PATCH', `/api/v1/users/${id}`, { body: { role: 'analyst' } })).status).toBe(200);
    const cut = await k.req('GET', '/api/v1/users', { headers: bearer(key) });
    expect(cut.status).toBe(403);
    expect(cut.body.error.code).toBe('VIGIL_ERR_MISSING_SCOPE');
    expect((await k.req('GET', '/api/v1/events?q=*', { headers: bearer(key) })).status).toBe(200);

    expect((await root.req('PATCH', `/api/v1/users/${id}`, { body: { disabled: true } })).status).toBe(200);
    const dead = await k.req('GET', '/api/v1/events?q=*', { headers: bearer(key) });
    expect(dead.status).toBe(401);
    expect(dead.body.error.code).toBe('VIGIL_ERR_BAD_API_KEY');
  });

  it('an admin who rotates the owner\'s admin key gets a key with the admin\'s ceiling', async () => {
    const ownerKey = (await root.req('POST', '/api/v1/api-keys', { body: { name: 'owner-automation', scopes: ['admin'] } })).body;
    const { c: adm } = await userClient('adm3', 'admin');
    const rotated = await adm.req('POST', `/api/v1/api-keys/${ownerKey.id}/rotate`, { body: { overlapSeconds: 0 } });
    expect(rotated.status).toBe(200);
    const mk = await new Client(srv.url).req('POST', '/api/v1/users', { body: { username: 'owner-by-rotation', password: 'owner-by-rotation', role: 'owner' }, headers: bearer(rotated.body.key) });
    expect(mk.status).toBe(403);
  });

  it('a key never manages tenants, whatever its creator', async () => {
    const key = (await root.req('POST', '/api/v1/api-keys', { body: { name: 'platform-try', scopes: ['admin', 'read', 'write'] } })).body.key as string;
    const r = await new Client(srv.url).req('POST', '/api/v1/tenants', { body: { slug: 'by-key' }, headers: bearer(key) });
    expect(r.status).toBe(403);
  });
});
