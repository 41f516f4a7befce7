/**
 * The agent side of the API against a real server (SQLite file, real sockets), playing the agent with
 * plain HTTP: enrollment tokens (TTL, uses, revoke), enrollment, the credential (only its host, only
 * hashed at rest, 401 coded on revoke, no re-enroll with it, rotation with overlap), batches
 * (idempotent by id, skew flagged and rejected, size gate), heartbeat and status, the ping command
 * over the long poll, the fleet API (list, detail, metrics with downsampling, tags, delete), tenant
 * isolation, and host silence becoming an agent.status host-offline event.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startTestServer, Client, type TestServer } from '../support/server.ts';

let srv: TestServer;
let admin: Client;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  srv = await startTestServer({ VIGIL_AGENTS_STALE_AFTER: '2s', VIGIL_AGENTS_OFFLINE_AFTER: '3s', VIGIL_AGENTS_CLOCK_SKEW_WARN: '1m', VIGIL_AGENTS_CLOCK_SKEW_REJECT: '10m', VIGIL_AGENTS_MAX_BATCH_BYTES: '200000', VIGIL_AGENTS_CREDENTIAL_OVERLAP: '1h' });
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
});
afterAll(async () => srv?.close());

async function until<T>(fn: () => Promise<T | false | undefined | null>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function mint(body: Record<string, unknown> = {}) {
  const r = await admin.req('POST', '/api/v1/agents/tokens', { body });
  expect(r.status).toBe(201);
  return r.body as { id: string; token: string; installCommand: string; maxUses: number; status: string };
}

async function enroll(token: string, hostname = 'web-1') {
  return new Client(srv.url).req('POST', '/api/v1/agents/enroll', { body: { token, hostname, machineId: `m-${hostname}`, os: { name: 'Debian GNU/Linux 13 (trixie)', kernel: '6.12.0', arch: 'x64' }, agentVersion: '0.1.0' } });
}

function agent(credential: string) {
  const c = new Client(srv.url);
  return {
    batch: (body: Record<string, unknown>) => c.req('POST', '/api/v1/agents/batches', { body: { sentAt: Date.now(), ...body }, headers: bearer(credential) }),
    heartbeat: (body: Record<string, unknown> = {}) => c.req('POST', '/api/v1/agents/heartbeat', { body: { sentAt: Date.now(), ...body }, headers: bearer(credential) }),
    commands: (wait = 0) => c.req('GET', `/api/v1/agents/commands?wait=${wait}`, { headers: bearer(credential) }),
    result: (id: string, body: Record<string, unknown>) => c.req('POST', `/api/v1/agents/commands/${id}/result`, { body, headers: bearer(credential) }),
    rotate: () => c.req('POST', '/api/v1/agents/rotate', { headers: bearer(credential) }),
  };
}

const search = async (q: string) => (await admin.req('GET', `/api/v1/events?q=${encodeURIComponent(q)}&from=-1d&limit=500`)).body.events as Record<string, unknown>[];

let host: { hostId: string; credential: string };

describe('enrollment tokens', () => {
  it('mints a token with TTL, uses, tags and group; shows the secret and the install one-liner once', async () => {
    const t = await mint({ ttl: '1h', uses: 2, tags: ['web', 'prod'], hostGroup: 'frontend', name: 'web fleet' });
    expect(t.token).toMatch(/^vgt_[0-9a-f]{24}_/);
    expect(t.installCommand).toBe(`curl -fsSL ${srv.url}/install.sh | sudo sh -s -- --server ${srv.url} --token ${t.token}`);
    const list = await admin.req('GET', '/api/v1/agents/tokens');
    const listed = list.body.tokens.find((x: { id: string }) => x.id === t.id);
    expect(listed).toMatchObject({ name: 'web fleet', maxUses: 2, uses: 0, status: 'active', tags: ['web', 'prod'], hostGroup: 'frontend', prefix: `vgt_${t.id}` });
    expect(JSON.stringify(list.body)).not.toContain(t.token.split('_')[2]);
    // Only the hash of the secret is stored.
    const db = new Database(join(srv.dataDir, 'vigil.db'), { readonly: true });
    const row = db.prepare('SELECT secret_hash FROM enrollment_tokens WHERE id = ?').get(t.id) as { secret_hash: string };
    db.close();
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.secret_hash).not.toContain(t.token.split('_')[2]!);
    process.env.AGENT_TEST_TOKEN = t.token;
  });

  it('refuses bad token bodies with coded errors', async () => {
    expect((await admin.req('POST', '/api/v1/agents/tokens', { body: { ttl: '45d' } })).body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'ttl' } });
    expect((await admin.req('POST', '/api/v1/agents/tokens', { body: { uses: 0 } })).body.error.code).toBe('VIGIL_ERR_VALIDATION');
    expect((await new Client(srv.url).req('POST', '/api/v1/agents/tokens', { body: {}, headers: bearer(srv.boot.ingestKey) })).status).toBe(403);
  });

  it('enrolls hosts until the uses are spent, with the token’s tags and group', async () => {
    const token = process.env.AGENT_TEST_TOKEN!;
    const a = await enroll(token, 'web-1');
    expect(a.status).toBe(201);
    expect(a.body.credential).toMatch(new RegExp(`^vga_${a.body.hostId}_`));
    expect(a.body.config).toMatchObject({ metricsIntervalS: 10, heartbeatIntervalS: 30, maxBatchBytes: 200000 });
    host = { hostId: a.body.hostId, credential: a.body.credential };
    expect((await enroll(token, 'web-2')).status).toBe(201);
    const third = await enroll(token, 'web-3');
    expect(third.status).toBe(401);
    expect(third.body.error.code).toBe('VIGIL_ERR_BAD_ENROLLMENT_TOKEN');
    expect(third.body.error.message).toMatch(/no uses left/);
    const h = await admin.req('GET', `/api/v1/hosts/${host.hostId}`);
    expect(h.body).toMatchObject({ name: 'web-1', status: 'online', tags: ['web', 'prod'], hostGroup: 'frontend', os: { name: 'Debian GNU/Linux 13 (trixie)' } });
    const tok = (await admin.req('GET', '/api/v1/agents/tokens')).body.tokens.find((x: { prefix: string }) => token.startsWith(`${x.prefix}_`));
    expect(tok).toMatchObject({ uses: 2, status: 'used_up' });
  });

  it('refuses expired, revoked, malformed and wrong tokens', async () => {
    const short = await mint({ ttl: '1s' });
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await enroll(short.token);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ code: 'VIGIL_ERR_BAD_ENROLLMENT_TOKEN' });
    expect(expired.body.error.message).toMatch(/expired/);
    const rev = await mint({});
    expect((await admin.req('DELETE', `/api/v1/agents/tokens/${rev.id}`)).status).toBe(200);
    expect((await enroll(rev.token)).body.error.message).toMatch(/revoked/);
    expect((await admin.req('GET', '/api/v1/agents/tokens')).body.tokens.find((x: { id: string }) => x.id === rev.id).status).toBe('revoked');
    expect((await enroll('nonsense')).body.error.code).toBe('VIGIL_ERR_BAD_ENROLLMENT_TOKEN');
    const wrong = `${rev.token.slice(0, 29)}${'A'.repeat(43)}`;
    expect((await enroll(wrong)).status).toBe(401);
  });
});

describe('the host credential', () => {
  it('is stored hashed and works only on agent routes', async () => {
    const db = new Database(join(srv.dataDir, 'vigil.db'), { readonly: true });
    const row = db.prepare('SELECT secret_hash FROM hosts WHERE id = ?').get(host.hostId) as { secret_hash: string };
    db.close();
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(host.credential).not.toContain(row.secret_hash);
    // Not an API key: no access to tenant data.
    expect((await new Client(srv.url).req('GET', '/api/v1/events', { headers: bearer(host.credential) })).status).toBe(401);
    // An API key is no host credential.
    const r = await new Client(srv.url).req('POST', '/api/v1/agents/heartbeat', { body: { sentAt: Date.now() }, headers: bearer(srv.boot.ingestKey) });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('VIGIL_ERR_BAD_AGENT_CREDENTIAL');
    const wrong = await agent(`${host.credential.slice(0, -4)}AAAA`).heartbeat();
    expect(wrong.body.error.code).toBe('VIGIL_ERR_BAD_AGENT_CREDENTIAL');
  });
});

describe('batches', () => {
  it('stores events, lines, metrics and snapshot once per batch id, stamped with the host’s identity', async () => {
    const a = agent(host.credential);
    const now = Date.now();
    const body = {
      batchId: 'batch-0001-abcdef',
      events: [{ 'event.dataset': 'agent.fim', 'event.action': 'file-changed', 'file.path': '/etc/passwd', 'host.name': 'spoofed', 'host.id': 'other', message: 'Watched file /etc/passwd changed (hash)' }],
      lines: [{ text: 'Dec  5 10:00:00 web-1 sshd[42]: Failed password for root from 203.0.113.9 port 4242 ssh2', file: '/var/log/auth.log' }],
      metrics: [
        { name: 'cpu.load_pct', ts: now - 20_000, value: 10 },
        { name: 'cpu.load_pct', ts: now - 10_000, value: 30 },
        { name: 'memory.used_pct', ts: now - 10_000, value: 55 },
        { name: 'disk.used_pct', labels: { mount: '/', device: '/dev/sda1', fstype: 'ext4' }, ts: now - 10_000, value: 93.5 },
      ],
      snapshot: [{ section: 'ports', takenAt: now, data: [{ transport: 'tcp', ip: '0.0.0.0', port: 22, process: 'sshd' }] }],
    };
    const r = await a.batch(body);
    expect(r.status).toBe(200);
    // The hot agent routes skip helmet's per-request rebuild but keep nosniff and no-store.
    expect([r.headers.get('x-content-type-options'), r.headers.get('cache-control')]).toEqual(['nosniff', 'no-store']);
    const hb = await a.heartbeat();
    expect([hb.status, hb.headers.get('x-content-type-options'), hb.headers.get('cache-control')]).toEqual([200, 'nosniff', 'no-store']);
    expect(r.body).toMatchObject({ duplicate: false, accepted: { events: 1, lines: 1, metrics: 4, snapshot: 1 }, rejected: [], flagged: false });
    const again = await a.batch(body);
    expect(again.body).toMatchObject({ duplicate: true, accepted: { events: 0, lines: 0, metrics: 0, snapshot: 0 } });
    // The same id twice at once: one stores, the other waits for it and answers duplicate.
    const both = await Promise.all([a.batch({ ...body, batchId: 'batch-0002-abcdef' }), a.batch({ ...body, batchId: 'batch-0002-abcdef' })]);
    expect(both.map((x) => x.body.duplicate).sort()).toEqual([false, true]);

    const fim = await until(async () => {
      const e = await search(`event.dataset:agent.fim AND host.id:${host.hostId}`);
      return e.length === 2 && e;
    });
    expect(fim[0]).toMatchObject({ 'host.name': 'web-1', 'host.id': host.hostId, 'agent.id': host.hostId, 'vigil.input': 'agent', 'labels.host_group': 'frontend' });
    const ssh = await search(`log.file.path:"/var/log/auth.log" AND host.id:${host.hostId}`);
    expect(ssh).toHaveLength(2);
    expect(ssh[0]).toMatchObject({ 'event.dataset': 'sshd', 'source.ip': '203.0.113.9', 'event.outcome': 'failure', 'host.name': 'web-1' });
    // Metric samples are also events for metric rules (high-cpu, high-disk).
    const me = await search(`event.dataset:agent.metrics AND host.id:${host.hostId} AND system.filesystem.used.pct:*`);
    expect(me[0]).toMatchObject({ 'system.filesystem.mount_point': '/', 'system.filesystem.used.pct': 93.5 });
    const detail = await admin.req('GET', `/api/v1/hosts/${host.hostId}`);
    expect(detail.body.snapshot.ports.data).toEqual([{ transport: 'tcp', ip: '0.0.0.0', port: 22, process: 'sshd' }]);
    expect(detail.body.latest).toMatchObject({ cpuPct: 30, memoryPct: 55, diskMaxPct: 93.5 });
  });

  it('flags a skewed clock and refuses a far one', async () => {
    const a = agent(host.credential);
    const flagged = await a.batch({ batchId: 'batch-skew-000001', sentAt: Date.now() - 5 * 60_000, events: [{ message: 'skewed-event-marker' }] });
    expect(flagged.body).toMatchObject({ flagged: true });
    expect(flagged.body.skewMs).toBeGreaterThan(4 * 60_000);
    const e = await until(async () => (await search('"skewed-event-marker"'))[0]);
    expect(Number(e['vigil.clock_skew_ms'])).toBeGreaterThan(4 * 60_000);
    const far = await a.batch({ batchId: 'batch-skew-000002', sentAt: Date.now() + 3_600_000, events: [{ message: 'x' }] });
    expect(far.status).toBe(400);
    expect(far.body.error.code).toBe('VIGIL_ERR_CLOCK_SKEW');
    expect(far.body.error.details.skewMs).toBeLessThan(-3_000_000);
  });

  it('refuses an oversized batch with 413 and a malformed one with a coded 400', async () => {
    const a = agent(host.credential);
    const big = await a.batch({ batchId: 'batch-big-0000001', lines: Array.from({ length: 400 }, (_, i) => ({ text: `${'x'.repeat(600)} ${i}` })) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('VIGIL_ERR_PAYLOAD_TOO_LARGE');
    const bad = await a.batch({ batchId: 'no spaces allowed', events: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VIGIL_ERR_VALIDATION');
  });
});

describe('heartbeat, metrics and commands', () => {
  it('answers the server time and records skew and buffer depth', async () => {
    const r = await agent(host.credential).heartbeat({ sentAt: Date.now() - 1500, bufferedBatches: 3, agentVersion: '0.1.1' });
    expect(r.status).toBe(200);
    expect(r.body.rotateCredential).toBe(false);
    expect(r.body.skewMs).toBeGreaterThanOrEqual(1400);
    const h = await until(async () => {
      const d = (await admin.req('GET', `/api/v1/hosts/${host.hostId}`)).body;
      return d.bufferedBatches === 3 && d;
    });
    expect(h).toMatchObject({ agentVersion: '0.1.1', status: 'online' });
  });

  it('serves metrics raw and downsampled, filtered by name and label', async () => {
    const raw = await admin.req('GET', `/api/v1/hosts/${host.hostId}/metrics?name=cpu.load_pct&from=-5m&step=0`);
    expect(raw.body.series).toHaveLength(1);
    expect(raw.body.series[0].points.map((p: { value: number }) => p.value)).toEqual([10, 30]);
    const avg = await admin.req('GET', `/api/v1/hosts/${host.hostId}/metrics?name=cpu.load_pct&from=-5m&step=1h`);
    expect(avg.body.series[0].points.reduce((n: number, p: { value: number }) => n + p.value, 0) / avg.body.series[0].points.length).toBeGreaterThan(9);
    expect(avg.body.step).toBe(3_600_000);
    const disk = await admin.req('GET', `/api/v1/hosts/${host.hostId}/metrics?name=disk.used_pct&label=mount=/&from=-5m`);
    expect(disk.body.series).toEqual([expect.objectContaining({ labels: { mount: '/', device: '/dev/sda1', fstype: 'ext4' } })]);
    expect((await admin.req('GET', `/api/v1/hosts/${host.hostId}/metrics?step=abc`)).body.error.code).toBe('VIGIL_ERR_BAD_TIME');
  });

  it('delivers a ping over the long poll and records the reply', async () => {
    const a = agent(host.credential);
    const waiting = a.commands(10);
    await new Promise((r) => setTimeout(r, 200));
    const q = await admin.req('POST', `/api/v1/hosts/${host.hostId}/commands`, { body: { type: 'ping', args: { echo: 'hi' } } });
    expect(q.status).toBe(201);
    const got = await waiting;
    expect(got.body.commands).toEqual([expect.objectContaining({ id: q.body.id, type: 'ping', args: { echo: 'hi' } })]);
    expect((await a.commands(0)).body.commands).toEqual([]);
    expect((await a.result(q.body.id, { ok: true, result: { pong: true } })).status).toBe(200);
    const done = await admin.req('GET', `/api/v1/hosts/${host.hostId}/commands/${q.body.id}`);
    expect(done.body).toMatchObject({ status: 'done', result: { pong: true } });
    expect((await a.result(q.body.id, { ok: true })).status).toBe(404);
    expect((await admin.req('POST', `/api/v1/hosts/${host.hostId}/commands`, { body: { type: 'rm-rf' } })).status).toBe(400);
  });
});

describe('rotation and revocation', () => {
  it('rotates: the new credential works and the old one until the overlap ends', async () => {
    const r = await agent(host.credential).rotate();
    expect(r.status).toBe(200);
    expect(Date.parse(r.body.previousValidUntil) - Date.now()).toBeGreaterThan(3_500_000);
    expect((await agent(r.body.credential).heartbeat()).status).toBe(200);
    expect((await agent(host.credential).heartbeat()).status).toBe(200);
    host.credential = r.body.credential;
  });

  it('a revoked host gets 401 VIGIL_ERR_AGENT_REVOKED and cannot enroll with its credential', async () => {
    const h2 = await enroll((await mint()).token, 'db-1');
    const a = agent(h2.body.credential);
    expect((await a.heartbeat()).status).toBe(200);
    const rev = await admin.req('POST', `/api/v1/hosts/${h2.body.hostId}/revoke`);
    expect(rev.body).toMatchObject({ status: 'revoked' });
    for (const r of [await a.heartbeat(), await a.batch({ batchId: 'after-revoke-001' }), await a.commands(0)]) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('VIGIL_ERR_AGENT_REVOKED');
    }
    const again = await enroll(h2.body.credential, 'db-1');
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('VIGIL_ERR_BAD_ENROLLMENT_TOKEN');
    expect((await admin.req('GET', '/api/v1/hosts')).body.hosts.find((x: { id: string }) => x.id === h2.body.hostId).status).toBe('revoked');
  });
});

describe('the fleet', () => {
  it('lists hosts with status; tags and deletes; keeps tenants apart', async () => {
    const list = await admin.req('GET', '/api/v1/hosts');
    expect(list.body.hosts.map((h: { name: string }) => h.name).sort()).toEqual(['db-1', 'web-1', 'web-2']);
    const t = await admin.req('PUT', `/api/v1/hosts/${host.hostId}/tags`, { body: { tags: ['web', 'pci'] } });
    expect(t.body.tags).toEqual(['web', 'pci']);
    const web2 = list.body.hosts.find((h: { name: string }) => h.name === 'web-2');
    expect((await admin.req('DELETE', `/api/v1/hosts/${web2.id}`)).status).toBe(200);
    expect((await admin.req('GET', `/api/v1/hosts/${web2.id}`)).status).toBe(404);
    // Another tenant sees none of these.
    expect((await admin.req('POST', '/api/v1/tenants', { body: { slug: 'other' } })).status).toBe(201);
    expect((await admin.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'other' } })).status).toBe(200);
    expect((await admin.req('GET', '/api/v1/hosts')).body.hosts).toEqual([]);
    expect((await admin.req('GET', `/api/v1/hosts/${host.hostId}`)).status).toBe(404);
    expect((await admin.req('GET', `/api/v1/hosts/${host.hostId}/metrics`)).status).toBe(404);
    expect((await admin.req('POST', `/api/v1/hosts/${host.hostId}/revoke`)).status).toBe(404);
    expect((await admin.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'default' } })).status).toBe(200);
  });

  it('a silent host goes stale, then offline: one host-offline event, and host-online when it is back', async () => {
    const q = await enroll((await mint()).token, 'quiet-1');
    const id = q.body.hostId as string;
    await until(async () => (await admin.req('GET', `/api/v1/hosts/${id}`)).body.status === 'stale', 10_000);
    await until(async () => (await admin.req('GET', `/api/v1/hosts/${id}`)).body.status === 'offline', 10_000);
    const off = await until(async () => (await search(`event.dataset:agent.status AND host.id:${id}`))[0]);
    expect(off).toMatchObject({ 'event.action': 'host-offline', 'vigil.severity': 'high', 'host.name': 'quiet-1', 'agent.id': id });
    expect((await agent(q.body.credential).heartbeat()).status).toBe(200);
    await until(async () => (await search(`event.dataset:agent.status AND event.action:host-online AND host.id:${id}`)).length === 1);
    expect(await search(`event.dataset:agent.status AND event.action:host-offline AND host.id:${id}`)).toHaveLength(1);
    // The built-in rule agent-host-offline turns the event into an alert.
    const alert = await until(async () => (await admin.req('GET', '/api/v1/alerts?limit=100')).body.alerts.find((a: { ruleId: string; groupKey: string }) => a.ruleId === 'agent-host-offline' && a.groupKey.includes(id)), 20_000);
    expect(alert).toMatchObject({ severity: 'high', state: 'open' });
  });
});
