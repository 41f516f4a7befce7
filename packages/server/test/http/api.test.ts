/**
 * The HTTP API against a real server on a real socket with a real SQLite file: auth, ingest, search,
 * API keys and users, with every error path answering its status and coded error.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, Client, type TestServer } from '../support/server.ts';

let srv: TestServer;
let admin: Client;
let ingestKey: string;

/** A fixed day two days ago (UTC midnight): inside the retention window whenever the suite runs. */
const DAY0 = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 2 * 86_400_000;
/** An ISO time on DAY0 (or `dayOffset` days before it). */
const at = (h: number, m = 0, dayOffset = 0) => new Date(DAY0 - dayOffset * 86_400_000 + (h * 60 + m) * 60_000).toISOString();
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  srv = await startTestServer({ VIGIL_INGEST_MAX_BODY_BYTES: '65536' });
  ingestKey = srv.boot.ingestKey;
  admin = new Client(srv.url);
  const r = await admin.login('admin', 'correct-horse-battery');
  expect(r.status).toBe(200);
});
afterAll(async () => srv?.close());

async function ingest(body: string, type: string, key = ingestKey) {
  const c = new Client(srv.url);
  return c.req('POST', '/api/v1/ingest', { raw: body, type, headers: bearer(key) });
}

async function search(q: string, extra = '') {
  return admin.req('GET', `/api/v1/events?q=${encodeURIComponent(q)}${extra}`);
}

describe('first start', () => {
  it('writes bootstrap.json with mode 0600 and the brief shape', () => {
    const st = statSync(join(srv.dataDir, 'bootstrap.json'));
    expect(st.mode & 0o777).toBe(0o600);
    expect(srv.boot).toMatchObject({ tenant: 'default', admin: { username: 'admin', password: 'correct-horse-battery' } });
    expect(srv.boot.ingestKey).toMatch(/^vgl_/);
  });
});

describe('ops', () => {
  it('serves /healthz, /readyz, /metrics and the OpenAPI document without auth', async () => {
    const c = new Client(srv.url);
    expect((await c.req('GET', '/healthz')).status).toBe(200);
    expect((await c.req('GET', '/readyz')).body).toMatchObject({ status: 'ready' });
    const m = await c.req('GET', '/metrics');
    expect(m.body).toContain('vigil_component_events_total');
    const o = await c.req('GET', '/api/openapi.json');
    expect(o.body.openapi).toBe('3.0.3');
    expect(Object.keys(o.body.paths)).toContain('/api/v1/ingest');
    expect((await c.req('GET', '/api/docs/')).status).toBe(200);
  });

  it('answers unknown API routes with a coded 404', async () => {
    const r = await admin.req('GET', '/api/v1/nope');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('VIGIL_ERR_NOT_FOUND');
  });
});

describe('auth', () => {
  it('rejects wrong credentials with 401', async () => {
    const r = await new Client(srv.url).login('admin', 'wrong-password-123');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('VIGIL_ERR_BAD_CREDENTIALS');
  });

  it('sets an httpOnly SameSite cookie and answers the user and a CSRF token', async () => {
    const c = new Client(srv.url);
    const res = await fetch(`${srv.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'correct-horse-battery' }) });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const body = (await res.json()) as { user: { username: string; role: string }; csrfToken: string };
    expect(body.user).toMatchObject({ username: 'admin', role: 'platform_owner' });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(JSON.stringify(body)).not.toContain('password');
    void c;
  });

  it('requires authentication on API routes', async () => {
    const r = await new Client(srv.url).req('GET', '/api/v1/events');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('VIGIL_ERR_UNAUTHENTICATED');
  });

  it('requires the CSRF token on cookie writes', async () => {
    const r = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'x', scopes: ['read'] }, headers: { 'x-csrf-token': 'wrong' } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('VIGIL_ERR_CSRF');
  });

  it('locks an account out after repeated failures', async () => {
    const created = await admin.req('POST', '/api/v1/users', { body: { username: 'lockme', password: 'lockme-password-1', role: 'viewer' } });
    expect(created.status).toBe(201);
    const c = new Client(srv.url);
    for (let i = 0; i < 5; i++) expect((await c.login('lockme', 'bad-password-xx')).status).toBe(401);
    const locked = await c.req('POST', '/api/v1/auth/login', { body: { username: 'lockme', password: 'lockme-password-1' } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('VIGIL_ERR_LOCKED_OUT');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('forces a password change for users an admin created, then lets them in', async () => {
    await admin.req('POST', '/api/v1/users', { body: { username: 'ana', password: 'initial-pass-1', role: 'analyst' } });
    const c = new Client(srv.url);
    const l = await c.login('ana', 'initial-pass-1');
    expect(l.body.user.mustChangePassword).toBe(true);
    const blocked = await c.req('GET', '/api/v1/events');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('VIGIL_ERR_PASSWORD_CHANGE_REQUIRED');
    const weak = await c.req('POST', '/api/v1/auth/password', { body: { currentPassword: 'initial-pass-1', newPassword: 'short' } });
    expect(weak.body.error.code).toBe('VIGIL_ERR_VALIDATION');
    expect((await c.req('POST', '/api/v1/auth/password', { body: { currentPassword: 'initial-pass-1', newPassword: 'a-much-better-pass' } })).status).toBe(200);
    expect((await c.req('GET', '/api/v1/events')).status).toBe(200);
  });

  it('enforces roles: a viewer can read but not manage keys or write', async () => {
    await admin.req('POST', '/api/v1/users', { body: { username: 'vic', password: 'viewer-pass-1', role: 'viewer' } });
    const c = new Client(srv.url);
    await c.login('vic', 'viewer-pass-1');
    await c.req('POST', '/api/v1/auth/password', { body: { currentPassword: 'viewer-pass-1', newPassword: 'viewer-pass-22' } });
    expect((await c.req('GET', '/api/v1/events')).status).toBe(200);
    const k = await c.req('POST', '/api/v1/api-keys', { body: { name: 'v', scopes: ['read'] } });
    expect(k.status).toBe(403);
    expect(k.body.error.code).toBe('VIGIL_ERR_FORBIDDEN');
    expect((await c.req('POST', '/api/v1/ingest', { raw: 'x', type: 'text/plain' })).status).toBe(403);
  });

  it('logs out', async () => {
    const c = new Client(srv.url);
    await c.login('admin', 'correct-horse-battery');
    expect((await c.req('POST', '/api/v1/auth/logout')).status).toBe(200);
    expect((await c.req('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('answers the session probe with 200 whether signed in, signed out or holding a stale cookie', async () => {
    const anon = await new Client(srv.url).req('GET', '/api/v1/auth/session');
    expect(anon.status).toBe(200);
    expect(anon.body).toEqual({ authenticated: false });
    expect(anon.headers.get('cache-control')).toBe('no-store');
    const c = new Client(srv.url);
    await c.login('admin', 'correct-horse-battery');
    const signedIn = await c.req('GET', '/api/v1/auth/session');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ authenticated: true, user: { username: 'admin' }, tenant: { slug: 'default' } });
    expect(signedIn.body.csrfToken).toMatch(/\S{16,}/);
    expect(signedIn.body.user.passwordHash).toBeUndefined();
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    const ended = c.cookie;
    await c.req('POST', '/api/v1/auth/logout');
    for (const cookie of [ended, 'vigil_session=not-a-session']) {
      const stale = new Client(srv.url);
      stale.cookie = cookie;
      const r = await stale.req('GET', '/api/v1/auth/session');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ authenticated: false });
    }
  });
});

describe('ingest', () => {
  it('accepts one JSON object, normalizes it and makes it searchable', async () => {
    const r = await ingest(JSON.stringify({ '@timestamp': at(10, 0, 4), message: 'hello one', source: { ip: '192.0.2.10' }, 'event.dataset': 'test.one', severity: 'warning' }), 'application/json');
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 1, rejected: [] });
    const s = await search('event.dataset:test.one');
    expect(s.body.events).toHaveLength(1);
    const e = s.body.events[0];
    expect(e).toMatchObject({ '@timestamp': at(10, 0, 4), message: 'hello one', 'source.ip': '192.0.2.10', 'vigil.severity': 'medium', 'vigil.input': 'http' });
    expect(e.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(Date.parse(e['event.ingested'])).toBeGreaterThan(Date.parse(e['@timestamp']));
  });

  it('stores the good events of a batch and reports the bad ones by index', async () => {
    const r = await ingest(JSON.stringify([{ message: 'good a', 'event.dataset': 'test.batch' }, 42, { message: 'good b', 'event.dataset': 'test.batch' }, { message: { not: 'a string' } }]), 'application/json');
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected.map((x: { index: number }) => x.index)).toEqual([1, 3]);
    expect((await search('event.dataset:test.batch')).body.events).toHaveLength(2);
  });

  it('accepts NDJSON and rejects a malformed line by index without losing its neighbours', async () => {
    const body = ['{"message":"nd 1","event.dataset":"test.nd"}', '{"message": broken', '{"message":"nd 3","event.dataset":"test.nd"}'].join('\n');
    const r = await ingest(body, 'application/x-ndjson');
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected).toHaveLength(1);
    expect(r.body.rejected[0].index).toBe(1);
    expect(r.body.rejected[0].error).toMatch(/line 2/);
    expect((await search('event.dataset:test.nd')).body.events).toHaveLength(2);
  });

  it('accepts text/plain lines, parses syslog and keeps the raw line', async () => {
    const r = await ingest('<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8\njust a plain line nobody understands\n', 'text/plain');
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(2);
    const s = await search('"nobody understands"');
    expect(s.body.events[0]['event.original']).toBe('just a plain line nobody understands');
    const su = await search('"failed for lonvick"');
    expect(su.body.events[0]['host.name']).toBe('mymachine');
  });

  it('answers 400 naming the position of malformed JSON', async () => {
    const r = await ingest('{"message": "x",\n "oops": }', 'application/json');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VIGIL_ERR_MALFORMED_BODY');
    expect(r.body.error.details).toMatchObject({ line: 2 });
    expect(r.body.error.message).toMatch(/line 2, column \d+/);
  });

  it('answers 413 for an oversized body', async () => {
    const r = await ingest('x'.repeat(70_000), 'text/plain');
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('VIGIL_ERR_PAYLOAD_TOO_LARGE');
  });

  it('answers 401 for a missing or wrong key and 403 for a key without the ingest scope', async () => {
    const none = await new Client(srv.url).req('POST', '/api/v1/ingest', { raw: 'x', type: 'text/plain' });
    expect(none.status).toBe(401);
    const wrong = await ingest('x', 'text/plain', 'vgl_AAAAAAAAAAAAAAAA_' + 'b'.repeat(43));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('VIGIL_ERR_BAD_API_KEY');
    const read = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'reader', scopes: ['read'] } });
    const r = await ingest('x', 'text/plain', read.body.key);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('VIGIL_ERR_MISSING_SCOPE');
  });

  it('answers 415 for an unsupported content type', async () => {
    const r = await ingest('<xml/>', 'application/xml');
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('VIGIL_ERR_UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('search', () => {
  beforeAll(async () => {
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ '@timestamp': at(10, i), message: `page event ${i}`, 'event.dataset': 'test.page', 'source.ip': `10.9.0.${i}`, 'http.response.status_code': i % 2 ? 404 : 200 }));
    expect((await ingest(lines.join('\n'), 'application/x-ndjson')).body.accepted).toBe(30);
  });

  it('pages newest first with a cursor', async () => {
    const p1 = await search('event.dataset:test.page', '&limit=20');
    expect(p1.body.events).toHaveLength(20);
    expect(p1.body.events[0].message).toBe('page event 29');
    const p2 = await search('event.dataset:test.page', `&limit=20&cursor=${p1.body.nextCursor}`);
    expect(p2.body.events).toHaveLength(10);
    expect(p2.body.nextCursor).toBeNull();
    expect(p2.body.events[9].message).toBe('page event 0');
  });

  it('filters by absolute and relative time', async () => {
    const r = await search('event.dataset:test.page', `&from=${at(10, 10)}&to=${at(10, 20)}`);
    expect(r.body.events).toHaveLength(10);
    const rel = await search('event.dataset:test.page', '&from=-15m');
    expect(rel.status).toBe(200);
  });

  it('answers syntax errors with the column', async () => {
    const r = await search('source.ip:(');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VIGIL_ERR_QUERY_SYNTAX');
    expect(r.body.error.details.column).toBeGreaterThan(0);
    const t = await search('', '&from=yesterday-ish');
    expect(t.status).toBe(400);
    expect(t.body.error.code).toBe('VIGIL_ERR_BAD_TIME');
    const c = await search('', '&cursor=!!!');
    expect(c.body.error.code).toBe('VIGIL_ERR_BAD_CURSOR');
  });

  it('gets one event and hides other tenants\' events', async () => {
    const s = await search('event.dataset:test.page', '&limit=1');
    const id = s.body.events[0].id;
    expect((await admin.req('GET', `/api/v1/events/${id}`)).body.id).toBe(id);
    const miss = await admin.req('GET', '/api/v1/events/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(miss.status).toBe(404);
  });

  it('answers histogram, top and fields', async () => {
    const h = await admin.req('GET', `/api/v1/events/histogram?q=event.dataset:test.page&from=${at(10)}&to=${at(10, 30)}&interval=10m`);
    expect(h.body.buckets.map((b: { count: number }) => b.count)).toEqual([10, 10, 10]);
    const t = await admin.req('GET', '/api/v1/events/top?q=event.dataset:test.page&field=http.response.status_code');
    expect(t.body.values).toEqual([{ value: 200, count: 15 }, { value: 404, count: 15 }]);
    const f = await admin.req('GET', '/api/v1/events/fields?q=event.dataset:test.page');
    expect(f.body.fields.map((x: { name: string }) => x.name)).toContain('source.ip');
  });

  it('exports CSV and NDJSON as streams', async () => {
    const csv = await admin.req('GET', '/api/v1/events/export?q=event.dataset:test.page&format=csv&fields=@timestamp,message');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = (csv.body as string).trim().split('\r\n');
    expect(rows).toHaveLength(31);
    expect(rows[0]).toBe('@timestamp,message');
    const nd = await admin.req('GET', '/api/v1/events/export?q=event.dataset:test.page&format=ndjson');
    expect((nd.body as string).trim().split('\n').map((l) => JSON.parse(l).message)).toHaveLength(30);
  });
});

describe('api keys', () => {
  it('creates (shown once), lists without secrets, rotates with overlap and revokes', async () => {
    const c = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'ci', scopes: ['ingest', 'read'] } });
    expect(c.status).toBe(201);
    const key = c.body.key as string;
    const list = await admin.req('GET', '/api/v1/api-keys');
    expect(JSON.stringify(list.body)).not.toContain(key.slice(key.indexOf('_', 4) + 1));
    expect((await ingest('{"message":"k1"}', 'application/json', key)).status).toBe(202);
    const rot = await admin.req('POST', `/api/v1/api-keys/${c.body.id}/rotate`, { body: { overlapSeconds: 60 } });
    const key2 = rot.body.key as string;
    expect(key2).not.toBe(key);
    expect((await ingest('{"message":"k2"}', 'application/json', key)).status).toBe(202);
    expect((await ingest('{"message":"k3"}', 'application/json', key2)).status).toBe(202);
    const rot0 = await admin.req('POST', `/api/v1/api-keys/${c.body.id}/rotate`, { body: { overlapSeconds: 0 } });
    expect((await ingest('{"message":"k4"}', 'application/json', key2)).status).toBe(401);
    expect((await ingest('{"message":"k5"}', 'application/json', rot0.body.key)).status).toBe(202);
    expect((await admin.req('DELETE', `/api/v1/api-keys/${c.body.id}`)).status).toBe(200);
    expect((await ingest('{"message":"k6"}', 'application/json', rot0.body.key)).status).toBe(401);
  });

  it('validates scopes', async () => {
    const r = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'bad', scopes: ['root'] } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VIGIL_ERR_VALIDATION');
  });
});

describe('saved searches and audit', () => {
  it('saves, lists and deletes a search; records key actions in the audit log', async () => {
    const s = await admin.req('POST', '/api/v1/saved-searches', { body: { name: 'fails', query: 'event.outcome:failure', from: '-24h' } });
    expect(s.status).toBe(201);
    expect((await admin.req('GET', '/api/v1/saved-searches')).body.savedSearches.map((x: { name: string }) => x.name)).toContain('fails');
    expect((await admin.req('DELETE', `/api/v1/saved-searches/${s.body.id}`)).status).toBe(200);
    const bad = await admin.req('POST', '/api/v1/saved-searches', { body: { name: 'bad', query: 'a:(' } });
    expect(bad.body.error.code).toBe('VIGIL_ERR_QUERY_SYNTAX');
    const audit = await admin.req('GET', '/api/v1/audit-log');
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['auth.login', 'apikey.create', 'user.create']));
  });
});

describe('inputs', () => {
  it('reports per-input counters', async () => {
    const r = await admin.req('GET', '/api/v1/inputs');
    const http = r.body.inputs.find((i: { name: string }) => i.name === 'http');
    expect(http.received).toBeGreaterThan(0);
    expect(http.emitted).toBeGreaterThan(0);
  });
});

describe('parsers', () => {
  it('lists parsers and tests lines without storing them', async () => {
    const l = await admin.req('GET', '/api/v1/parsers');
    expect(l.body.parsers.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['rfc3164', 'rfc5424', 'cef']));
    const t = await admin.req('POST', '/api/v1/parsers/test', { body: { lines: ['<38>Nov 25 10:00:00 h1 sshd[7]: Failed password for root from 192.0.2.4 port 2222 ssh2', 'zzz parser-test-marker'] } });
    expect(t.body.results[0].fields).toMatchObject({ 'event.dataset': 'sshd', 'event.outcome': 'failure', 'source.ip': '192.0.2.4', 'user.name': 'root' });
    expect(t.body.results[1].ok).toBe(false);
    expect((await search('parser-test-marker')).body.events).toHaveLength(0);
    const bad = await admin.req('POST', '/api/v1/parsers/test', { body: { lines: ['x'], parser: 'nope' } });
    expect(bad.body.error.code).toBe('VIGIL_ERR_VALIDATION');
  });
});

describe('extraction rules', () => {
  it('validates, stores, applies at ingest and shows in parser tests', async () => {
    const bad = await admin.req('POST', '/api/v1/extraction-rules', { body: { name: 'bad', pattern: '%{NOSUCH:x}' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('pattern');
    const badQ = await admin.req('POST', '/api/v1/extraction-rules', { body: { name: 'badq', pattern: '%{IP:x}', query: 'a:(' } });
    expect(badQ.body.error.code).toBe('VIGIL_ERR_QUERY_SYNTAX');
    const ok = await admin.req('POST', '/api/v1/extraction-rules', { body: { name: 'billing', pattern: 'invoice=%{INT:billing.invoice:int} customer=%{USERNAME:user.name}', query: 'event.dataset:unknown' } });
    expect(ok.status).toBe(201);
    expect((await admin.req('POST', '/api/v1/extraction-rules', { body: { name: 'billing', pattern: 'x' } })).status).toBe(409);
    const r = await ingest('charged invoice=981 customer=acme-corp ok\n', 'text/plain');
    expect(r.body.accepted).toBe(1);
    const s = await search('billing.invoice:981');
    expect(s.body.events[0]).toMatchObject({ 'user.name': 'acme-corp', 'billing.invoice': 981 });
    const t = await admin.req('POST', '/api/v1/parsers/test', { body: { lines: ['charged invoice=5 customer=zed ok'], rules: [{ name: 'inline', pattern: 'customer=%{WORD:x.customer}' }] } });
    expect(t.body.results[0].rules).toEqual(['billing', 'inline']);
    expect(t.body.results[0].fields).toMatchObject({ 'billing.invoice': 5, 'x.customer': 'zed' });
    const list = await admin.req('GET', '/api/v1/extraction-rules');
    expect(list.body.rules.map((x: { name: string }) => x.name)).toEqual(['billing']);
    const upd = await admin.req('PUT', `/api/v1/extraction-rules/${ok.body.id}`, { body: { name: 'billing', pattern: 'invoice=%{INT:billing.invoice:int}', enabled: false } });
    expect(upd.body.enabled).toBe(false);
    expect((await admin.req('DELETE', `/api/v1/extraction-rules/${ok.body.id}`)).status).toBe(200);
    expect((await admin.req('DELETE', `/api/v1/extraction-rules/${ok.body.id}`)).status).toBe(404);
  });
});
