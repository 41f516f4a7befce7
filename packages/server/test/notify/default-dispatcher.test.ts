/**
 * The minimal dispatcher on a real in-process bus, a real SQLite database and real receivers: a newly
 * opened alert goes to every default channel of its tenant (not to others, not to other tenants),
 * once — refolds, state changes and a restarted dispatcher do not resend — and a receiver that hangs
 * does not hold back the healthy one or the publisher.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { TenantsRepo } from '../../src/repos/index.ts';
import { loadSecretBox } from '../../src/auth/secret-box.ts';
import { InProcessBus } from '../../src/bus/in-process-bus.ts';
import { createChannelService, DefaultDispatcher, type ChannelService } from '../../src/notify/index.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startHttpReceiver, type HttpReceiver } from './receivers.ts';
import { ALERT } from './channel-conformance.ts';

const dir = tempDir();
let db: SqliteDb;
let svc: ChannelService;
let healthy: HttpReceiver;
let other: HttpReceiver;
let hang: Server;
let hangPort = 0;
let A = '';
let B = '';

beforeAll(async () => {
  db = new SqliteDb(openSqlite(join(dir.path, 'd.db')));
  await migrate(db);
  A = (await new TenantsRepo(db).create('a', 'A')).id;
  B = (await new TenantsRepo(db).create('b', 'B')).id;
  healthy = await startHttpReceiver();
  other = await startHttpReceiver();
  hang = createServer(() => undefined);
  hangPort = await new Promise<number>((r) => hang.listen(0, '127.0.0.1', () => r((hang.address() as AddressInfo).port)));
  svc = createChannelService({ db, box: loadSecretBox(dir.path), publicUrl: null, now: Date.now, newId: (() => { let n = 0; return () => `x${String(++n).padStart(8, '0')}`; })(), policy: { maxAttempts: 1, baseMs: 1, maxMs: 1 }, timeoutMs: 1500 });
  await svc.create(A, { name: 'healthy', type: 'webhook', config: { url: `${healthy.base}/h`, allow_private: true }, default: true });
  await svc.create(A, { name: 'hangs', type: 'webhook', config: { url: `http://127.0.0.1:${hangPort}/h`, allow_private: true }, default: true });
  await svc.create(A, { name: 'not default', type: 'webhook', config: { url: `${other.base}/h`, allow_private: true } });
  await svc.create(B, { name: 'tenant b', type: 'webhook', config: { url: `${other.base}/b`, allow_private: true }, default: true });
});
afterAll(async () => {
  await healthy.close();
  await other.close();
  hang.closeAllConnections();
  hang.close();
  await db.close();
  dir.remove();
});

describe('DefaultDispatcher', () => {
  it('sends a new alert to the tenant’s default channels only, without waiting for a hanging one', async () => {
    const bus = new InProcessBus();
    const errors: unknown[] = [];
    const d = new DefaultDispatcher({ channels: svc, onError: (e) => errors.push(e) });
    bus.subscribe('alerts', 'notify', d.handle, { overflow: 'drop' });
    const alert = { ...ALERT, tenantId: A, id: 'alert-1' };
    const started = Date.now();
    await bus.publish('alerts', [alert]);
    expect(Date.now() - started).toBeLessThan(500);
    const until = Date.now() + 1200;
    while (!healthy.requests.length && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(healthy.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1200);
    expect(JSON.parse(healthy.requests[0]!.body).alert.id).toBe('alert-1');
    // Refolds and state changes of the same alert do not send again.
    await bus.publish('alerts', [{ ...alert, count: 43 }, { ...alert, state: 'acknowledged' }]);
    await d.idle();
    expect(healthy.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
    expect(errors).toEqual([]);
    const list = await svc.list(A);
    const hangs = list.find((c) => c.name === 'hangs')!;
    expect((await svc.deliveries(A, hangs.id))[0]).toMatchObject({ alertId: 'alert-1', status: 'failed' });
    expect((await svc.deliveries(A, hangs.id))[0]!.lastError).toContain('ETIMEDOUT');
    await bus.close();
  });

  it('does not resend after a restart (the delivery log remembers), and sends another tenant’s alert to its own channel', async () => {
    const bus = new InProcessBus();
    const d = new DefaultDispatcher({ channels: svc, onError: () => undefined });
    bus.subscribe('alerts', 'notify', d.handle);
    await bus.publish('alerts', [{ ...ALERT, tenantId: A, id: 'alert-1', count: 50 }, { ...ALERT, tenantId: B, id: 'alert-b' }]);
    await d.idle();
    expect(healthy.requests).toHaveLength(1);
    expect(other.requests.map((r) => r.path)).toEqual(['/b']);
    await bus.close();
  });
});
