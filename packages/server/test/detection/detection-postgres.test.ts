/**
 * Detection on PostgreSQL end to end: events written by COPY, read back from the committed event log
 * (positions xid:seq) as unparsed text that the engine thread parses, fire the brief's rule exactly
 * once per source address. Messages carry the characters COPY's text format escapes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openDatabase, migrate } from '../../src/db/index.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { tempDir } from '../support/temp-dir.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

const available = await postgresAvailable();

const RULE = `
id: pg-ssh-brute-force
title: SSH brute force from {{source.ip}}
severity: high
query: 'event.action:ssh_login AND event.outcome:failure'
threshold: {count: 5, window: 10m, group_by: [source.ip]}
suppress: {window: 30m}
`;

describe.skipIf(!available)('detection on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof tempSchema>>;
  let srv: TestServer | undefined;
  let key = '';
  const admin = () => new Client(srv!.url);

  beforeAll(async () => {
    schema = await tempSchema('detpg');
    const scratch = tempDir();
    const db = openDatabase({ url: schema.url, dataDir: scratch.path });
    await migrate(db);
    await db.close();
    scratch.remove();
    srv = await startTestServer({ VIGIL_DATABASE_URL: schema.url, VIGIL_ADMIN_PASSWORD: 'pg-admin-password' });
    key = srv.boot.ingestKey;
  });
  afterAll(async () => {
    await srv?.close();
    await schema?.drop();
  });

  it('fires once per source address from events read back out of the log', async () => {
    const a = admin();
    expect((await a.login('admin', 'pg-admin-password')).status).toBe(200);
    expect((await a.req('POST', '/api/v1/rules', { raw: RULE, type: 'application/yaml' })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1500)); // the engine reloads within a second
    const line = (ip: string, i: number) => JSON.stringify({ message: `failed\tlogin\nfor root \\ from ${ip} #${i}`, 'event.action': 'ssh_login', 'event.outcome': 'failure', 'source.ip': ip });
    const body = [...Array.from({ length: 7 }, (_, i) => line('203.0.113.9', i)), ...Array.from({ length: 5 }, (_, i) => line('198.51.100.7', i)), ...Array.from({ length: 3 }, (_, i) => line('192.0.2.55', i))].join('\n');
    const r = await fetch(`${srv!.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' }, body });
    expect(r.status).toBe(202);
    let alerts: { groupKey: string; count: number }[] = [];
    for (const until = Date.now() + 20_000; Date.now() < until && alerts.length < 2; await new Promise((res) => setTimeout(res, 100))) {
      alerts = (await a.req('GET', '/api/v1/alerts?rule=pg-ssh-brute-force')).body.alerts ?? [];
    }
    expect(alerts.map((x) => x.groupKey).sort()).toEqual(['["198.51.100.7"]', '["203.0.113.9"]']);
    const page = await a.req('GET', `/api/v1/events?q=${encodeURIComponent('source.ip:198.51.100.7 AND event.action:ssh_login')}&limit=10`);
    expect(page.body.events.map((e: { message: string }) => e.message)).toContain('failed\tlogin\nfor root \\ from 198.51.100.7 #0');
  });
});
