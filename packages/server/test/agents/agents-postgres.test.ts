/**
 * The agent side of the API on PostgreSQL (migration 014 in the other dialect): enroll, a batch stored
 * once (events, metrics, snapshot), heartbeat, the host list and metrics, a ping, revoke -> 401.
 * Skips with a message when PostgreSQL is unreachable and CI is unset.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startRuntime, type Runtime } from '../../src/app/runtime.ts';
import { openDatabase, migrate } from '../../src/db/index.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { tempDir } from '../support/temp-dir.ts';
import { Client } from '../support/server.ts';
import { NO_DEFAULT_PORTS } from '../support/process.ts';

const available = await postgresAvailable();

describe.skipIf(!available)('host agents on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof tempSchema>>;
  let dir: ReturnType<typeof tempDir>;
  let rt: Runtime | undefined;
  let admin: Client;

  beforeAll(async () => {
    schema = await tempSchema('agents');
    dir = tempDir();
    const db = openDatabase({ url: schema.url, dataDir: dir.path });
    await migrate(db);
    await db.close();
    rt = await startRuntime(loadConfig({ env: { ...NO_DEFAULT_PORTS, VIGIL_DATA_DIR: dir.path, VIGIL_DATABASE_URL: schema.url, VIGIL_HTTP_PORT: '0', VIGIL_ADMIN_PASSWORD: 'pg-admin-password', VIGIL_STORE_FLUSH_MS: '5' } }), createLogger('silent'));
    admin = new Client(rt.url);
    expect((await admin.login('admin', 'pg-admin-password')).status).toBe(200);
  });
  afterAll(async () => {
    await rt?.stop();
    await schema?.drop();
    dir?.remove();
  });

  it('enrolls, stores a batch once, reports status and metrics, pings and revokes', async () => {
    const tok = await admin.req('POST', '/api/v1/agents/tokens', { body: { ttl: '5m', uses: 1, tags: ['pg'] } });
    expect(tok.status).toBe(201);
    const en = await new Client(rt!.url).req('POST', '/api/v1/agents/enroll', { body: { token: tok.body.token, hostname: 'pg-host' } });
    expect(en.status).toBe(201);
    const auth = { authorization: `Bearer ${en.body.credential}` };
    const agent = new Client(rt!.url);
    const now = Date.now();
    const batch = { batchId: 'pg-batch-000001', sentAt: now, events: [{ 'event.dataset': 'agent.port', 'event.action': 'port-opened', 'server.port': 4444, message: 'pg-port-opened' }], metrics: [{ name: 'cpu.load_pct', ts: now - 1000, value: 42 }, { name: 'disk.used_pct', labels: { mount: '/' }, ts: now - 1000, value: 50 }], snapshot: [{ section: 'os', takenAt: now, data: { name: 'Debian' } }] };
    expect((await agent.req('POST', '/api/v1/agents/batches', { body: batch, headers: auth })).body).toMatchObject({ duplicate: false, accepted: { events: 1, metrics: 2, snapshot: 1 } });
    expect((await agent.req('POST', '/api/v1/agents/batches', { body: batch, headers: auth })).body).toMatchObject({ duplicate: true });
    expect((await agent.req('POST', '/api/v1/agents/heartbeat', { body: { sentAt: Date.now(), bufferedBatches: 0 }, headers: auth })).status).toBe(200);
    const hosts = await admin.req('GET', '/api/v1/hosts');
    expect(hosts.body.hosts).toEqual([expect.objectContaining({ name: 'pg-host', status: 'online', tags: ['pg'], latest: expect.objectContaining({ cpuPct: 42, diskMaxPct: 50 }) })]);
    expect((await admin.req('GET', `/api/v1/hosts/${en.body.hostId}`)).body.snapshot.os.data).toEqual({ name: 'Debian' });
    const m = await admin.req('GET', `/api/v1/hosts/${en.body.hostId}/metrics?name=cpu.load_pct&from=-5m&step=1m`);
    expect(m.body.series[0].points[0].value).toBe(42);
    let events: unknown[] = [];
    for (let i = 0; i < 50 && events.length === 0; i++) {
      events = (await admin.req('GET', `/api/v1/events?q=${encodeURIComponent('"pg-port-opened"')}`)).body.events;
      if (!events.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(events).toHaveLength(1);
    const cmd = await admin.req('POST', `/api/v1/hosts/${en.body.hostId}/commands`, { body: { type: 'ping' } });
    const got = await agent.req('GET', '/api/v1/agents/commands?wait=0', { headers: auth });
    expect(got.body.commands.map((c: { id: string }) => c.id)).toEqual([cmd.body.id]);
    expect((await agent.req('POST', `/api/v1/agents/commands/${cmd.body.id}/result`, { body: { ok: true, result: { pong: true } }, headers: auth })).status).toBe(200);
    expect((await admin.req('POST', `/api/v1/hosts/${en.body.hostId}/revoke`)).body.status).toBe('revoked');
    const after = await agent.req('POST', '/api/v1/agents/heartbeat', { body: { sentAt: Date.now() }, headers: auth });
    expect(after.body.error.code).toBe('VIGIL_ERR_AGENT_REVOKED');
  });
});
