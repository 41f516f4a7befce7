/**
 * Restart survival with real processes: a `vigil start` routes an alert to a webhook receiver that
 * answers 503, so the delivery stays queued (retrying); the server is stopped, the receiver
 * recovers, a new `vigil start` on the same data directory delivers the queued notification —
 * every attempt before and after in its delivery log — and sends nothing twice (the notification
 * log survived too).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawnVigil, type VigilProcess } from '../support/process.ts';
import { Client } from '../support/server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startHttpReceiver, type HttpReceiver } from './receivers.ts';

const dir = tempDir();
let rx: HttpReceiver;
let proc: VigilProcess | undefined;
const ENV = {
  VIGIL_DATA_DIR: dir.path, VIGIL_ADMIN_PASSWORD: 'correct-horse-battery', VIGIL_STORE_FLUSH_MS: '5', VIGIL_LOG_LEVEL: 'warn',
  VIGIL_NOTIFY_MAX_ATTEMPTS: '100', VIGIL_NOTIFY_RETRY_BASE: '100ms', VIGIL_NOTIFY_RETRY_MAX: '300ms',
};

afterAll(async () => {
  await proc?.stop();
  await rx?.close();
  dir.remove();
});

const RULE = { id: 'restart-rule', title: 'Restart test', severity: 'high', query: 'message:restart-marker' };
const ours = () => rx.requests.filter((r) => r.path === '/hook' && JSON.parse(r.body).alert.ruleId === RULE.id);

async function until(f: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('notifications across a real restart', () => {
  it('delivers a queued notification after the restart, once, with every attempt logged', async () => {
    rx = await startHttpReceiver();
    rx.answer = 'retryable';
    proc = await spawnVigil({ env: ENV, timeoutMs: 180_000 });
    const admin = new Client(proc.url);
    expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
    const ch = (await admin.req('POST', '/api/v1/channels', { body: { name: 'hook', type: 'webhook', config: { url: `${rx.base}/hook`, allow_private: true } } })).body;
    expect((await admin.req('PUT', '/api/v1/routes', { body: { receivers: [ch.id], group_wait: '0s', group_interval: '1s' } })).status).toBe(200);
    expect((await admin.req('POST', '/api/v1/rules', { body: RULE })).status).toBe(201);
    const key = (await admin.req('POST', '/api/v1/api-keys', { body: { name: 'ingest', scopes: ['ingest'] } })).body.key;
    // The detector picks new rules up within about a second; send until the alert exists.
    await until(async () => {
      await fetch(`${proc!.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ message: 'restart-marker' }) });
      return (await admin.req('GET', `/api/v1/alerts?rule=${RULE.id}`)).body.alerts.length > 0;
    });
    await until(() => ours().length >= 2);
    const alertId = JSON.parse(ours()[0]!.body).alert.id as string;
    expect(await proc.stop()).toBe(0);
    const failedBefore = ours().length;

    rx.answer = 'ok';
    proc = await spawnVigil({ env: ENV, timeoutMs: 180_000 });
    const again = new Client(proc.url);
    expect((await again.login('admin', 'correct-horse-battery')).status).toBe(200);
    await until(() => ours().length > failedBefore);
    // Nothing more arrives: the delivery is done and the notification log says the alert was told.
    await new Promise((r) => setTimeout(r, 2500));
    expect(ours().length).toBe(failedBefore + 1);
    expect(JSON.parse(ours().at(-1)!.body)).toMatchObject({ event: 'firing', alert: { id: alertId } });
    const d = (await again.req('GET', `/api/v1/channels/${ch.id}/deliveries`)).body.deliveries.filter((x: { alertId: string }) => x.alertId === alertId);
    expect(d).toHaveLength(1);
    // Every answer the receiver gave is in the log (a loaded machine may add a time-out of its own).
    const log = d[0].attemptLog as { ok: boolean; statusCode: number | null }[];
    expect(d[0], JSON.stringify(log)).toMatchObject({ status: 'delivered', kind: 'firing' });
    expect(log.filter((a) => a.statusCode === 503)).toHaveLength(failedBefore);
    expect(log.filter((a) => a.ok)).toHaveLength(1);
    expect(log.at(-1)).toMatchObject({ ok: true, statusCode: 200 });
  }, 420_000);
});
