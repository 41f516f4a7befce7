/**
 * Issue 7 item 5: a storage outage is a coded 503, not a 500. The server runs on real PostgreSQL
 * through a TCP relay on a real socket; closing the relay (and every connection through it) makes the
 * database unreachable: ingest answers 503 `VIGIL_ERR_UNAVAILABLE` with Retry-After.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startRuntime, type Runtime } from '../../src/app/runtime.ts';
import { openDatabase, migrate } from '../../src/db/index.ts';
import { PG_BASE_URL, postgresAvailable, tempSchema } from '../support/postgres.ts';
import { tempDir } from '../support/temp-dir.ts';
import { Client } from '../support/server.ts';

const available = await postgresAvailable();

describe.skipIf(!available)('storage outage', () => {
  let schema: Awaited<ReturnType<typeof tempSchema>>;
  let dir: ReturnType<typeof tempDir>;
  let rt: Runtime | undefined;
  let relay: net.Server;
  const sockets = new Set<net.Socket>();
  let key = '';

  beforeAll(async () => {
    schema = await tempSchema('out');
    dir = tempDir();
    const db = openDatabase({ url: schema.url, dataDir: dir.path });
    await migrate(db);
    await db.close();
    const target = new URL(PG_BASE_URL);
    relay = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
    const via = new URL(schema.url);
    via.hostname = '127.0.0.1';
    via.port = String((relay.address() as net.AddressInfo).port);
    const env = { VIGIL_DATA_DIR: dir.path, VIGIL_DATABASE_URL: via.toString(), VIGIL_HTTP_PORT: '0', VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_SYSLOG_PORT: '0', VIGIL_SNMP_TRAP_PORT: '0', VIGIL_ADMIN_PASSWORD: 'pg-admin-password', VIGIL_STORE_FLUSH_MS: '5' };
    rt = await startRuntime(loadConfig({ env }), createLogger('silent'));
    key = (JSON.parse(readFileSync(rt.bootstrapFile!, 'utf8')) as { ingestKey: string }).ingestKey;
  });
  afterAll(async () => {
    await rt?.stop().catch(() => undefined);
    await schema?.drop();
    dir?.remove();
  });

  it('answers 503 VIGIL_ERR_UNAVAILABLE on ingest while the database is unreachable', async () => {
    const auth = { authorization: `Bearer ${key}` };
    const c = new Client(rt!.url);
    expect((await c.req('POST', '/api/v1/ingest', { raw: '{"message":"before outage"}', type: 'application/x-ndjson', headers: auth })).status).toBe(202);
    await new Promise<void>((r) => {
      relay.close(() => r());
      for (const s of sockets) s.destroy();
    });
    const r = await c.req('POST', '/api/v1/ingest', { raw: '{"message":"during outage"}', type: 'application/x-ndjson', headers: auth });
    expect([r.status, r.body.error?.code]).toEqual([503, 'VIGIL_ERR_UNAVAILABLE']);
    expect(r.headers.get('retry-after')).toBe('5');
  }, 60_000);
});
