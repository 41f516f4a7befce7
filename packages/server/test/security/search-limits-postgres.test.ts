/**
 * Issue 14 item 4 on PostgreSQL, against a real server: a search over its time budget is cancelled by
 * PostgreSQL (statement_timeout on the search pool) and answers 503 VIGIL_ERR_QUERY_TIMEOUT, while
 * /healthz and ordinary searches keep answering; ingest's pool has no such timeout.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startRuntime, type Runtime } from '../../src/app/runtime.ts';
import { openDatabase, migrate } from '../../src/db/index.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { tempDir } from '../support/temp-dir.ts';
import { bulkEvents } from '../support/bulk-events.ts';
import { Client } from '../support/server.ts';

const available = await postgresAvailable();
const BUDGET_MS = 500;
/** 400 document-field values: PostgreSQL walks a JSON array per value per row. */
const HEAVY = `labels.env:(${Array.from({ length: 400 }, (_, i) => `v${i}`).join(' OR ')})`;

describe.skipIf(!available)('search limits on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof tempSchema>>;
  let dir: ReturnType<typeof tempDir>;
  let rt: Runtime;
  let admin: Client;

  beforeAll(async () => {
    schema = await tempSchema('sl');
    dir = tempDir();
    const db = openDatabase({ url: schema.url, dataDir: dir.path });
    await migrate(db);
    await db.close();
    rt = await startRuntime(loadConfig({ env: { VIGIL_DATA_DIR: dir.path, VIGIL_DATABASE_URL: schema.url, VIGIL_HTTP_PORT: '0', VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_SYSLOG_PORT: '0', VIGIL_SNMP_TRAP_PORT: '0', VIGIL_ADMIN_PASSWORD: 'pg-admin-password', VIGIL_SEARCH_TIMEOUT: `${BUDGET_MS}ms` } }), createLogger('silent'));
    admin = new Client(rt.url);
    expect((await admin.login('admin', 'pg-admin-password')).status).toBe(200);
    const tenantId = (await rt.tenants.bySlug('default'))!.id;
    const now = Date.now();
    for (let b = 0; b < 4; b++) {
      const events = bulkEvents(10_000, { endTs: now - (3 - b) * 3_600_000, spanMs: 3_600_000, seed: b + 1, idPrefix: `01P${b}` });
      await rt.store.append(events.map((event) => ({ tenantId, event })));
    }
  }, 180_000);
  afterAll(async () => {
    await rt?.stop();
    await schema?.drop();
    dir?.remove();
  });

  it('cancels a search past search.timeout with 503 VIGIL_ERR_QUERY_TIMEOUT, and keeps serving', async () => {
    const started = performance.now();
    const heavy = admin.req('GET', `/api/v1/events/histogram?from=-5h&q=${encodeURIComponent(HEAVY)}`);
    const health = await fetch(`${rt.url}/healthz`);
    expect(health.status).toBe(200);
    const r = await heavy;
    const ms = performance.now() - started;
    expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 503, code: 'VIGIL_ERR_QUERY_TIMEOUT' });
    expect(r.body.error.message).toMatch(/time budget of 500 ms/);
    expect(ms).toBeLessThan(BUDGET_MS + 2000);
    const ok = await admin.req('GET', '/api/v1/events?q=event.dataset:sshd&limit=5');
    expect(ok.status).toBe(200);
    expect(ok.body.events).toHaveLength(5);
  }, 60_000);

  it('answers 1,000 NOTs with a coded 400', async () => {
    const r = await admin.req('GET', `/api/v1/events?q=${encodeURIComponent(`${'NOT '.repeat(1000)}a:1`)}`);
    expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 400, code: 'VIGIL_ERR_QUERY_TOO_COMPLEX' });
  });
});
