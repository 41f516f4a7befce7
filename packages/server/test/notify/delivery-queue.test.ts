/**
 * The durable delivery queue against real SQLite and PostgreSQL databases and real local receivers:
 * retries with backoff until delivered (every attempt logged), a dead letter after the last retry
 * and its resend, Retry-After pausing the channel, a vendor rate limit, a hanging receiver that
 * holds back nobody else, and pending deliveries picked up by a new queue (a restart).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SqliteDb, openSqlite, migrate, PostgresDb, createPgPool, type SqlDb } from '../../src/db/index.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { TenantsRepo } from '../../src/repos/index.ts';
import { loadSecretBox } from '../../src/auth/secret-box.ts';
import { BUILTIN_CHANNELS, createNotifyStack, DeliveryQueueRepo, RateLimiter, type ChannelRegistry, type NotifyStack } from '../../src/notify/index.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startHttpReceiver, type HttpReceiver } from './receivers.ts';
import { ALERT } from './channel-conformance.ts';

describe('RateLimiter', () => {
  it('lets a burst through, then one token per 1/perSecond', () => {
    const r = new RateLimiter({ perSecond: 2, burst: 2, source: 'test' }, 0);
    expect([r.take(0), r.take(0), r.take(0)]).toEqual([0, 0, 500]);
    expect(r.take(499)).toBe(2);
    expect(r.take(500)).toBe(0);
    expect(r.take(600)).toBe(400);
    expect(r.take(10_000)).toBe(0);
    expect(r.take(10_000)).toBe(0);
    expect(r.take(10_000)).toBe(500);
  });
});

/** The registry of the suite: the built-in types plus a webhook with a tight rate limit. */
const REGISTRY: ChannelRegistry = { ...BUILTIN_CHANNELS, limited: { ...BUILTIN_CHANNELS.webhook!, type: 'limited', rateLimit: { perSecond: 10, burst: 1, source: 'test' }, concurrency: 1 } };

function queueSuite(name: string, open: () => Promise<{ db: SqlDb; close: () => Promise<void> } | null>, skip = false): void {
  describe.skipIf(skip)(`DeliveryQueue on ${name}`, () => {
    const dir = tempDir();
    let db: SqlDb;
    let closeDb: (() => Promise<void>) | undefined;
    let rx: HttpReceiver;
    let hang: Server;
    let hangPort = 0;
    let tenant = '';
    let stack: NotifyStack;
    let repo: DeliveryQueueRepo;
    const build = () => createNotifyStack({
      db, box: loadSecretBox(dir.path), publicUrl: 'https://vigil.example.test', now: Date.now, newId: (() => { let n = 0; const p = Math.random().toString(36).slice(2, 8); return () => `${p}${String(++n).padStart(8, '0')}`; })(),
      unresolved: async () => [], registry: REGISTRY, policy: { maxAttempts: 5, baseMs: 20, maxMs: 100 }, timeoutMs: 1500, onError: (err) => { throw err; },
    });
    const enqueue = async (channelId: string, alertId: string) => db.tx((tx) => repo.enqueue(tx, { tenantId: tenant, channelId, alertId, kind: 'firing', payload: { ...ALERT, tenantId: tenant, id: alertId }, at: Date.now() }));

    beforeAll(async () => {
      const opened = await open();
      if (!opened) return;
      db = opened.db;
      closeDb = opened.close;
      await migrate(db);
      tenant = (await new TenantsRepo(db).create('q', 'Q')).id;
      rx = await startHttpReceiver();
      hang = createServer(() => undefined);
      hangPort = await new Promise<number>((r) => hang.listen(0, '127.0.0.1', () => r((hang.address() as AddressInfo).port)));
      stack = build();
      repo = new DeliveryQueueRepo(db);
    });
    afterAll(async () => {
      await stack?.queue.stop(0);
      await rx?.close();
      hang?.closeAllConnections();
      hang?.close();
      await closeDb?.();
      dir.remove();
    });

    it('retries a failing receiver with backoff until it answers, logging every attempt', async () => {
      const c = await stack.channels.create(tenant, { name: 'hook', type: 'webhook', config: { url: `${rx.base}/retry`, allow_private: true } });
      rx.answer = 'retryable';
      const id = await enqueue(c.id, 'a-retry');
      stack.queue.kick([c.id]);
      const until = Date.now() + 5000;
      while (rx.requests.filter((r) => r.path === '/retry').length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      rx.answer = 'ok';
      await stack.queue.idle(1000);
      const [d] = await stack.channels.deliveries(tenant, c.id);
      expect(d).toMatchObject({ id, alertId: 'a-retry', status: 'delivered', kind: 'firing', lastStatusCode: 200, nextAttemptAt: null });
      expect(d!.attemptLog.map((a) => a.ok)).toEqual([...Array(d!.attempts - 1).fill(false), true]);
      expect(d!.attemptLog[0]!.error).toContain('HTTP 503');
      expect(JSON.parse(rx.requests.at(-1)!.body).actions.ack).toMatch(/^https:\/\/vigil\.example\.test\/api\/v1\/alert-links\/a-retry\/ack\?/);
    });

    it('turns a delivery into a dead letter after the last attempt, and a resend delivers it', async () => {
      const c = await stack.channels.create(tenant, { name: 'dead', type: 'webhook', config: { url: `${rx.base}/dead`, allow_private: true } });
      rx.answer = 'retryable';
      const id = await enqueue(c.id, 'a-dead');
      stack.queue.kick([c.id]);
      await stack.queue.idle(1000);
      const [dead] = await stack.channels.deliveries(tenant, c.id, 10, 'failed');
      expect(dead).toMatchObject({ id, status: 'failed', attempts: 5, lastStatusCode: 503 });
      rx.answer = 'ok';
      const again = await stack.channels.resend(tenant, c.id, id);
      expect(again).toMatchObject({ id, status: 'pending' });
      await stack.queue.idle(1000);
      const [d] = await stack.channels.deliveries(tenant, c.id);
      expect(d).toMatchObject({ id, status: 'delivered', attempts: 6 });
      expect(d!.attemptLog.map((a) => [a.attempt, a.ok])).toEqual([[1, false], [2, false], [3, false], [4, false], [5, false], [6, true]]);
      await expect(stack.channels.resend(tenant, c.id, id)).rejects.toMatchObject({ code: 'VIGIL_ERR_CONFLICT' });
      await expect(stack.channels.resend(tenant, c.id, 'nope')).rejects.toMatchObject({ code: 'VIGIL_ERR_NOT_FOUND' });
    });

    it('pauses a channel for its Retry-After', async () => {
      const c = await stack.channels.create(tenant, { name: 'slow down', type: 'webhook', config: { url: `${rx.base}/429`, allow_private: true } });
      rx.answer = 'rate-limited'; // Retry-After: 7 s, capped at the policy's 100 ms
      await enqueue(c.id, 'a-429');
      stack.queue.kick([c.id]);
      const until = Date.now() + 5000;
      while (!rx.requests.some((r) => r.path === '/429') && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      rx.answer = 'ok';
      await stack.queue.idle(1000);
      const [d] = await stack.channels.deliveries(tenant, c.id);
      expect(d).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(Date.parse(d!.attemptLog[1]!.at) - Date.parse(d!.attemptLog[0]!.at)).toBeGreaterThanOrEqual(95);
    });

    it('never sends faster than the channel type’s rate limit', async () => {
      const c = await stack.channels.create(tenant, { name: 'limited', type: 'limited', config: { url: `${rx.base}/limited`, allow_private: true } });
      rx.answer = 'ok';
      for (let i = 0; i < 4; i++) await enqueue(c.id, `a-limit-${i}`);
      const started = Date.now();
      stack.queue.kick([c.id]);
      await stack.queue.idle(1000);
      const ours = (await stack.channels.deliveries(tenant, c.id)).map((d) => Date.parse(d.attemptLog[0]!.at)).sort((a, b) => a - b);
      expect(ours).toHaveLength(4);
      // 10 per second with a burst of 1: the fourth cannot start before 300 ms.
      expect(ours[3]! - started).toBeGreaterThanOrEqual(290);
      for (let i = 1; i < 4; i++) expect(ours[i]! - ours[i - 1]!).toBeGreaterThanOrEqual(90);
    });

    it('lets a healthy channel deliver while another receiver hangs', async () => {
      const hung = await stack.channels.create(tenant, { name: 'hung', type: 'webhook', config: { url: `http://127.0.0.1:${hangPort}/h`, allow_private: true } });
      const ok = await stack.channels.create(tenant, { name: 'ok', type: 'webhook', config: { url: `${rx.base}/healthy`, allow_private: true } });
      rx.answer = 'ok';
      for (let i = 0; i < 6; i++) await enqueue(hung.id, `a-hang-${i}`);
      for (let i = 0; i < 3; i++) await enqueue(ok.id, `a-ok-${i}`);
      const started = Date.now();
      stack.queue.kick([hung.id, ok.id]);
      const until = Date.now() + 5000;
      while (rx.requests.filter((r) => r.path === '/healthy').length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      // All three arrived before the first attempt on the hanging receiver timed out (1.5 s).
      expect(rx.requests.filter((r) => r.path === '/healthy')).toHaveLength(3);
      expect(Date.now() - started).toBeLessThan(1500);
      expect((await stack.channels.deliveries(tenant, hung.id)).every((d) => d.status === 'pending')).toBe(true);
    });

    it('picks pending deliveries up again in a new queue (a restart)', async () => {
      await stack.queue.stop(0);
      const c = await stack.channels.create(tenant, { name: 'after restart', type: 'webhook', config: { url: `${rx.base}/restart`, allow_private: true } });
      await enqueue(c.id, 'a-restart');
      stack = build();
      rx.answer = 'ok';
      await stack.queue.start();
      const until = Date.now() + 10_000;
      while ((await stack.channels.deliveries(tenant, c.id))[0]!.status === 'pending' && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      expect((await stack.channels.deliveries(tenant, c.id))[0]).toMatchObject({ alertId: 'a-restart', status: 'delivered', attempts: 1 });
      expect(rx.requests.filter((r) => r.path === '/restart')).toHaveLength(1);
    });
  });
}

queueSuite('sqlite', async () => {
  const d = tempDir();
  const db = new SqliteDb(openSqlite(join(d.path, 'q.db')));
  return { db, close: async () => (await db.close(), d.remove()) };
});
const pgUp = await postgresAvailable();
queueSuite('postgres', async () => {
  const schema = await tempSchema('queue');
  const db = new PostgresDb(createPgPool(schema.url));
  return { db, close: async () => (await db.close(), await schema.drop()) };
}, !pgUp);
