/**
 * Issue 14 item 1 on real PostgreSQL: the batch COPY fails as a whole when one event holds what
 * PostgreSQL refuses (a lone UTF-16 surrogate that jsonb rejects, a document too deep for
 * JSON.stringify). The writer retries without it and reports it by index: over HTTP the neighbours
 * — in the same request and in another tenant's concurrent one — get 202 and the bad event is listed
 * in `rejected`.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { TenantEvent, VigilEvent } from '@vigil/contracts';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startRuntime, type Runtime } from '../../src/app/runtime.ts';
import { openDatabase, migrate, PostgresDb } from '../../src/db/index.ts';
import { PostgresEventStore } from '../../src/storage/index.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { tempDir } from '../support/temp-dir.ts';
import { Client } from '../support/server.ts';

const available = await postgresAvailable();

describe.skipIf(!available)('one bad event never costs another (PostgreSQL)', () => {
  let schema: Awaited<ReturnType<typeof tempSchema>>;
  let dir: ReturnType<typeof tempDir>;
  let rt: Runtime | undefined;
  let keyA = '';
  let keyB = '';

  beforeAll(async () => {
    schema = await tempSchema('iso');
    dir = tempDir();
    const db = openDatabase({ url: schema.url, dataDir: dir.path });
    await migrate(db);
    await db.close();
    const env = { VIGIL_DATA_DIR: dir.path, VIGIL_DATABASE_URL: schema.url, VIGIL_HTTP_PORT: '0', VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_SYSLOG_PORT: '0', VIGIL_SNMP_TRAP_PORT: '0', VIGIL_ADMIN_PASSWORD: 'pg-admin-password', VIGIL_STORE_FLUSH_MS: '20' };
    rt = await startRuntime(loadConfig({ env }), createLogger('silent'));
    keyA = (JSON.parse(readFileSync(rt.bootstrapFile!, 'utf8')) as { ingestKey: string }).ingestKey;
    const b = await rt.tenants.create('other', 'Other');
    keyB = (await rt.apiKeys.create(b.id, { name: 'b', scopes: ['ingest', 'read'] }, null)).key;
  });
  afterAll(async () => {
    await rt?.stop();
    await schema?.drop();
    dir?.remove();
  });

  it('over HTTP: the event PostgreSQL refuses is reported by index, every neighbour gets 202', async () => {
    const post = (key: string, raw: string) => new Client(rt!.url).req('POST', '/api/v1/ingest', { raw, type: 'application/x-ndjson', headers: { authorization: `Bearer ${key}` } });
    const bad = '{"message":"pg-bad","note":"\\ud800"}';
    const good = (tag: string, n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ message: `${tag}-${i}` }));
    const [ra, rb] = await Promise.all([post(keyA, [...good('pg-a', 3), bad, ...good('pg-a2', 3)].join('\n')), post(keyB, good('pg-b', 50).join('\n'))]);
    expect([rb.status, rb.body]).toEqual([202, { accepted: 50, rejected: [] }]);
    expect(ra.status).toBe(202);
    expect(ra.body.accepted).toBe(6);
    expect(ra.body.rejected).toEqual([{ index: 3, error: expect.stringMatching(/refused/) }]);
    const b = await new Client(rt!.url).req('GET', `/api/v1/events?q=${encodeURIComponent('message:pg-b-*')}&limit=100`, { headers: { authorization: `Bearer ${keyB}` } });
    expect(b.body.events).toHaveLength(50);
  });

  it('the store halves the batch around each bad event and keeps publish order', async () => {
    const store = new PostgresEventStore((rt!.db as PostgresDb).pool);
    const tenant = (await rt!.tenants.bySlug('default'))!.id;
    const now = new Date().toISOString();
    const ev = (id: string, extra: Record<string, unknown> = {}): TenantEvent => ({ tenantId: tenant, event: { id, '@timestamp': now, 'event.ingested': now, message: id, ...extra } as VigilEvent });
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const batch = Array.from({ length: 40 }, (_, i) => (i === 7 ? ev(`st-${i}`, { note: '\ud800' }) : i === 30 ? ev(`st-${i}`, { payload: deep }) : ev(`st-${i}`)));
    const refused = await store.append(batch);
    expect(refused.map((r) => r.index)).toEqual([7, 30]);
    expect(await store.count({ tenantId: tenant, query: null, from: Date.now() - 60_000 })).toBeGreaterThanOrEqual(38);
  });
});
