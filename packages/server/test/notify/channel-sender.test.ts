/**
 * The sender against real SQLite and PostgreSQL databases and a real receiver: retries with exponential backoff
 * and jitter (sleep and randomness injected, so the waits are checked, not waited), Retry-After
 * honoured, bounded attempts, no retry after a permanent failure, every attempt in the delivery log;
 * channel secrets sealed at rest.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { SqliteDb, openSqlite, migrate, PostgresDb, createPgPool, type SqlDb } from '../../src/db/index.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { TenantsRepo } from '../../src/repos/index.ts';
import { loadSecretBox } from '../../src/auth/secret-box.ts';
import { backoffDelay, createChannelService, DEFAULT_BACKOFF, type ChannelService } from '../../src/notify/index.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startHttpReceiver, type HttpReceiver } from './receivers.ts';
import { ALERT } from './channel-conformance.ts';

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt, jitters below it, caps it, and never undercuts Retry-After', () => {
    const p = { maxAttempts: 5, baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, p, 0.999))).toEqual([999, 1998, 3996, 7992, 9990]);
    expect(backoffDelay(3, p, 0)).toBe(0);
    expect(backoffDelay(1, p, 0.5, 7000)).toBe(7000);
    expect(backoffDelay(1, p, 0.5, 3_600_000)).toBe(10_000);
    expect(DEFAULT_BACKOFF.maxAttempts).toBeGreaterThan(1);
  });
});

/** The sender suite over one database (SQLite file, or a PostgreSQL schema when one answers). */
function senderSuite(name: string, open: () => Promise<{ db: SqlDb; close: () => Promise<void> } | null>, skip = false): void {
describe.skipIf(skip)(`ChannelSender on ${name}`, () => {
  const dir = tempDir();
  let db: SqlDb;
  let svc: ChannelService;
  let rx: HttpReceiver;
  let tenant = '';
  let closeDb: (() => Promise<void>) | undefined;
  const sleeps: number[] = [];
  let clock = Date.UTC(2026, 0, 10, 12);
  let seq = 0;

  beforeAll(async () => {
    const opened = await open();
    if (!opened) return;
    db = opened.db;
    closeDb = opened.close;
    await migrate(db);
    tenant = (await new TenantsRepo(db).create('n', 'N')).id;
    rx = await startHttpReceiver();
    svc = createChannelService({
      db, box: loadSecretBox(dir.path), publicUrl: 'https://vigil.example.test', now: () => clock, newId: () => `id${String(++seq).padStart(6, '0')}`,
      policy: { maxAttempts: 4, baseMs: 1000, maxMs: 60_000 }, timeoutMs: 2000,
      sleep: async (ms) => void (sleeps.push(ms), (clock += ms)), random: () => 0.5,
    });
  });
  afterAll(async () => {
    await rx?.close();
    await closeDb?.();
    dir.remove();
  });

  describe('ChannelSender', () => {
    it('retries a 503 with backoff, then delivers; every attempt is logged', async () => {
      const c = await svc.create(tenant, { name: 'hook', type: 'webhook', config: { url: `${rx.base}/hook`, secret: 'sekret-value-1', allow_private: true } });
      let n = 0;
      rx.answer = 'retryable';
      const before = rx.requests.length;
      sleeps.length = 0;
      const origPush = rx.requests.push.bind(rx.requests);
      rx.requests.push = (...r) => {
        if (++n === 3) rx.answer = 'ok';
        return origPush(...r);
      };
      const out = await svc.sendTo(tenant, c.id, ALERT);
      rx.requests.push = origPush;
      expect(out).toMatchObject({ attempts: 3, result: { ok: true } });
      expect(rx.requests.length - before).toBe(3);
      expect(sleeps).toEqual([500, 1000]);
      const [d] = await svc.deliveries(tenant, c.id);
      expect(d).toMatchObject({ alertId: ALERT.id, status: 'delivered', attempts: 3, lastError: null, lastStatusCode: 200 });
      expect(d!.attemptLog.map((a) => [a.attempt, a.ok, a.statusCode])).toEqual([[1, false, 503], [2, false, 503], [3, true, 200]]);
      expect(d!.attemptLog[0]!.error).toContain('HTTP 503');
      expect(d!.deliveredAt).not.toBeNull();
    });

    it('gives up after the bounded attempts, honouring Retry-After', async () => {
      const c = await svc.create(tenant, { name: 'limited', type: 'slack', config: { url: `${rx.base}/services/T/B/secretpath`, allow_private: true } });
      rx.answer = 'rate-limited';
      sleeps.length = 0;
      const out = await svc.sendTo(tenant, c.id, ALERT);
      expect(out).toMatchObject({ attempts: 4, result: { ok: false, retry: true, statusCode: 429 } });
      expect(sleeps).toEqual([7000, 7000, 7000]);
      const [d] = await svc.deliveries(tenant, c.id);
      expect(d).toMatchObject({ status: 'failed', attempts: 4, lastStatusCode: 429 });
      expect(JSON.stringify(d)).not.toContain('secretpath');
    });

    it('does not retry a permanent failure', async () => {
      const c = await svc.create(tenant, { name: 'bad', type: 'discord', config: { url: `${rx.base}/api/webhooks/1/x`, allow_private: true } });
      rx.answer = 'permanent';
      sleeps.length = 0;
      expect(await svc.sendTo(tenant, c.id, ALERT)).toMatchObject({ attempts: 1, result: { ok: false, retry: false, statusCode: 400 } });
      expect(sleeps).toEqual([]);
      expect((await svc.deliveries(tenant, c.id))[0]).toMatchObject({ status: 'failed', attempts: 1 });
    });

    it('stores secrets sealed (not in the config column) and answers them masked', async () => {
      const c = await svc.create(tenant, { name: 'pd', type: 'pagerduty', config: { routing_key: 'PLAINTEXT-ROUTING-KEY-42', base_url: rx.base, allow_private: true } });
      expect(c.config).toMatchObject({ routing_key: '********', base_url: rx.base });
      const row = await db.get<{ config: string; secrets: string }>('SELECT config, secrets FROM channels WHERE id = $1', [c.id]);
      expect(row!.config).not.toContain('PLAINTEXT');
      expect(row!.secrets.startsWith('v1:')).toBe(true);
      expect(row!.secrets).not.toContain('PLAINTEXT');
      // Another row's sealed value does not open under this id (bound to the row).
      await db.run('UPDATE channels SET secrets = (SELECT secrets FROM channels WHERE id = $1) WHERE name = $2', [c.id, 'hook']);
      const hook = (await svc.list(tenant)).find((x) => x.name === 'hook')!;
      expect(hook.config.secret).toBe('********');
      await expect(svc.sendTo(tenant, hook.id, ALERT)).rejects.toMatchObject({ code: 'VIGIL_ERR_SECRET_KEY' });
    });
  });
});
}

senderSuite('sqlite', async () => {
  const d = tempDir();
  const db = new SqliteDb(openSqlite(join(d.path, 'n.db')));
  return { db, close: async () => (await db.close(), d.remove()) };
});
const pgUp = await postgresAvailable();
senderSuite('postgres', async () => {
  const schema = await tempSchema('notify');
  const db = new PostgresDb(createPgPool(schema.url));
  return { db, close: async () => (await db.close(), await schema.drop()) };
}, !pgUp);
