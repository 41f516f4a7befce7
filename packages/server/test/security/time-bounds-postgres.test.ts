/**
 * Issue 14 item 3 against a real server on real PostgreSQL: a numeric `@timestamp` of 1e22, year 99999
 * and a huge time string no longer throw or cost their neighbours; such events are kept with the
 * ingest time and the original in `vigil.timestamp_invalid` (counted), and no sender-chosen partition
 * outside the accepted window (ingest.max_future ahead, retention.days back) is created.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startRuntime, type Runtime } from '../../src/app/runtime.ts';
import { openDatabase, migrate } from '../../src/db/index.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { tempDir } from '../support/temp-dir.ts';
import { Client } from '../support/server.ts';

const available = await postgresAvailable();
const DAY = 86_400_000;

describe.skipIf(!available)('event time is bounded (PostgreSQL)', () => {
  let schema: Awaited<ReturnType<typeof tempSchema>>;
  let dir: ReturnType<typeof tempDir>;
  let rt: Runtime | undefined;
  let key = '';

  beforeAll(async () => {
    schema = await tempSchema('tb');
    dir = tempDir();
    const db = openDatabase({ url: schema.url, dataDir: dir.path });
    await migrate(db);
    await db.close();
    const env = { VIGIL_DATA_DIR: dir.path, VIGIL_DATABASE_URL: schema.url, VIGIL_HTTP_PORT: '0', VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_SYSLOG_PORT: '0', VIGIL_SNMP_TRAP_PORT: '0', VIGIL_ADMIN_PASSWORD: 'pg-admin-password', VIGIL_STORE_FLUSH_MS: '5', VIGIL_INGEST_MAX_FUTURE: '2d', VIGIL_RETENTION_DAYS: '7' };
    rt = await startRuntime(loadConfig({ env }), createLogger('silent'));
    key = (JSON.parse(readFileSync(rt.bootstrapFile!, 'utf8')) as { ingestKey: string }).ingestKey;
  });
  afterAll(async () => {
    await rt?.stop();
    await schema?.drop();
    dir?.remove();
  });

  it('1e22, year 99999, a huge string and far-future/past times are kept at ingest time with their neighbours', async () => {
    const now = Date.now();
    const lines = [
      { message: 'tb-good-1' },
      { message: 'tb-1e22', '@timestamp': 1e22 },
      { message: 'tb-99999', '@timestamp': '99999-01-01T00:00:00Z' },
      { message: 'tb-plus', '@timestamp': '+099999-06-01T00:00:00.000Z' },
      { message: 'tb-huge', '@timestamp': '7'.repeat(200_000) },
      { message: 'tb-future', '@timestamp': new Date(now + 30 * DAY).toISOString() },
      { message: 'tb-past', '@timestamp': '2001-01-01T00:00:00Z' },
      { message: 'tb-good-2', '@timestamp': new Date(now - DAY).toISOString() },
    ];
    const c = new Client(rt!.url);
    const r = await c.req('POST', '/api/v1/ingest', { raw: lines.map((l) => JSON.stringify(l)).join('\n'), type: 'application/x-ndjson', headers: { authorization: `Bearer ${key}` } });
    expect([r.status, r.body]).toEqual([202, { accepted: lines.length, rejected: [] }]);
    await c.login('admin', 'pg-admin-password');
    const s = await c.req('GET', `/api/v1/events?q=${encodeURIComponent('message:tb-*')}&from=-3d&to=%2B3d&limit=100`);
    expect(s.status).toBe(200);
    const byMsg = new Map<string, Record<string, unknown>>(s.body.events.map((e: Record<string, unknown>) => [e.message, e]));
    expect(byMsg.size).toBe(lines.length);
    for (const m of ['tb-1e22', 'tb-99999', 'tb-plus', 'tb-huge', 'tb-future', 'tb-past']) {
      const e = byMsg.get(m)!;
      expect(e['vigil.timestamp_invalid'], m).toBeDefined();
      expect(Math.abs(Date.parse(e['@timestamp'] as string) - now), m).toBeLessThan(60_000);
    }
    expect(byMsg.get('tb-1e22')!['vigil.timestamp_invalid']).toBe('1e+22');
    expect(byMsg.get('tb-good-2')!['vigil.timestamp_invalid']).toBeUndefined();
    const metrics = await c.req('GET', '/metrics');
    expect(metrics.body).toMatch(/vigil_events_marked_total\{input="http",mark="timestamp_invalid"\} 6/);
  });

  it('creates no partition outside the accepted window', async () => {
    const client = new pg.Client({ connectionString: schema.url.split('?')[0] });
    await client.connect();
    try {
      const name = new URL(schema.url).searchParams.get('schema')!;
      const { rows } = await client.query<{ relname: string }>(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events' AND p.relnamespace = $1::regnamespace`, [name]);
      const now = Date.now();
      expect(rows.length).toBeGreaterThan(0);
      for (const { relname } of rows) {
        const m = /^events_p(\d{4})(\d{2})(\d{2})$/.exec(relname);
        expect(m, relname).not.toBeNull();
        const day = Date.UTC(Number(m![1]), Number(m![2]) - 1, Number(m![3]));
        expect(day, relname).toBeGreaterThanOrEqual(now - 8 * DAY);
        expect(day, relname).toBeLessThanOrEqual(now + 3 * DAY);
      }
    } finally {
      await client.end();
    }
  });
});
