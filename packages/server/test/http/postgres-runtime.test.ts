/**
 * The server on PostgreSQL: start refuses while migrations are pending; after `migrate` it ingests and
 * searches through the partitioned store.
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
import { readFileSync } from 'node:fs';

const available = await postgresAvailable();

describe.skipIf(!available)('runtime on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof tempSchema>>;
  let dir: ReturnType<typeof tempDir>;
  let rt: Runtime | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    schema = await tempSchema('rt');
    dir = tempDir();
    env = { ...NO_DEFAULT_PORTS, VIGIL_DATA_DIR: dir.path, VIGIL_DATABASE_URL: schema.url, VIGIL_HTTP_PORT: '0', VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_ADMIN_PASSWORD: 'pg-admin-password', VIGIL_STORE_FLUSH_MS: '5' };
  });
  afterAll(async () => {
    await rt?.stop();
    await schema?.drop();
    dir?.remove();
  });

  it('refuses to start while migrations are pending, naming the command to run', async () => {
    await expect(startRuntime(loadConfig({ env }), createLogger('silent'))).rejects.toMatchObject({ code: 'VIGIL_ERR_MIGRATIONS_PENDING', message: expect.stringMatching(/vigil migrate/) });
  });

  it('starts after migrate, ingests and searches', async () => {
    const db = openDatabase({ url: schema.url, dataDir: dir.path });
    await migrate(db);
    await db.close();
    rt = await startRuntime(loadConfig({ env }), createLogger(process.env.DEBUG_PG ? 'error' : 'silent'));
    const key = (JSON.parse(readFileSync(rt.bootstrapFile!, 'utf8')) as { ingestKey: string }).ingestKey;
    const c = new Client(rt.url);
    const r = await c.req('POST', '/api/v1/ingest', { raw: '{"message":"on postgres","event.dataset":"pg.test","source.ip":"10.4.4.4"}\n{"message":"second","event.dataset":"pg.test"}', type: 'application/x-ndjson', headers: { authorization: `Bearer ${key}` } });
    expect(r.body).toEqual({ accepted: 2, rejected: [] });
    await c.login('admin', 'pg-admin-password');
    const s = await c.req('GET', `/api/v1/events?q=${encodeURIComponent('event.dataset:pg.test AND source.ip:10.0.0.0/8')}`);
    if (!s.body.events) console.error(JSON.stringify(s.body));
    expect(s.body.events.map((e: { message: string }) => e.message)).toEqual(['on postgres']);
    expect((await c.req('GET', '/readyz')).status).toBe(200);
  });
});
