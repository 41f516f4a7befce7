/**
 * Grouping and escalation timing with an injected clock, end to end through the server's notify stack
 * (real SQLite, durable queue, webhook channel, a real local receiver): group_wait batches a group's
 * first alerts, group_interval holds back what joins later, each group keeps its own clock, and an
 * escalation policy climbs its steps at the sum of their waits until the alert is acknowledged. The
 * clock only moves when the test moves it; `runDue()` does what the timer would at that time.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { AlertEvent } from '@vigil/contracts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { TenantsRepo } from '../../src/repos/index.ts';
import { loadSecretBox } from '../../src/auth/secret-box.ts';
import { createNotifyStack, type NotifyStack } from '../../src/notify/index.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startHttpReceiver, type HttpReceiver } from './receivers.ts';
import { ALERT } from './channel-conformance.ts';

const T0 = Date.UTC(2026, 11, 5, 12, 0, 0);
const S = 1000;
const M = 60 * S;
let clock = T0;
const dir = tempDir();
let db: SqliteDb;
let rx: HttpReceiver;
let s: NotifyStack;
let tenant = '';
const ids: Record<string, string> = {};
const errors: unknown[] = [];

type Body = { event: string; alert: AlertEvent; notification: { kind: string; alerts: AlertEvent[]; escalation?: { step: number } } };
const bodies = (path: string): Body[] => rx.requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Body);
const groups = (path: string) => bodies(path).map((b) => b.notification.alerts.map((a) => a.id).sort().join('+'));

/** Moves the clock to `at`, does what is due, and waits until the queue has delivered it. */
async function at(ms: number): Promise<void> {
  clock = ms;
  await s.notifier.runDue();
  await s.notifier.idle();
  await s.queue.idle(300);
}

async function publish(...alerts: AlertEvent[]): Promise<void> {
  await s.notifier.handle(alerts);
  await s.notifier.idle();
  await s.queue.idle(300);
}

const alert = (id: string, host: string, over: Partial<AlertEvent> = {}): AlertEvent => ({ ...ALERT, tenantId: tenant, id, group: { 'host.name': host }, groupKey: `host.name=${host}`, ...over });

beforeAll(async () => {
  db = new SqliteDb(openSqlite(join(dir.path, 'n.db')));
  await migrate(db);
  tenant = (await new TenantsRepo(db).create('timing', 'Timing')).id;
  rx = await startHttpReceiver();
  let n = 0;
  s = createNotifyStack({
    db, box: loadSecretBox(dir.path), publicUrl: 'https://vigil.example.test', now: () => clock, newId: () => `tm${String(++n).padStart(8, '0')}`,
    unresolved: async () => [], policy: { maxAttempts: 2, baseMs: 10, maxMs: 50 }, timeoutMs: 2000, onError: (err) => errors.push(err),
  });
  await s.notifier.start();
  for (const name of ['soc', 'oncall', 'manager']) ids[name] = (await s.channels.create(tenant, { name, type: 'webhook', config: { url: `${rx.base}/${name}`, allow_private: true } })).id;
  const p = await s.routing.createPolicy(tenant, { name: 'day', steps: [{ wait: '5m', receivers: [ids.oncall!] }, { wait: '10m', receivers: [ids.manager!] }] });
  await s.routing.putTree(tenant, {
    receivers: [ids.soc!], group_by: ['host.name'], group_wait: '30s', group_interval: '5m', repeat_interval: '24h',
    routes: [{ match: 'rule.id:esc-rule', receivers: [ids.soc!], group_by: ['vigil.alert.id'], group_wait: '0s', escalation_policy: p.id }],
  }, 'admin');
});
afterAll(async () => {
  await s?.notifier.stop();
  await rx?.close();
  await db?.close();
  dir.remove();
});

describe('grouping timing (injected clock, real receiver)', () => {
  it('waits group_wait, batches what arrives meanwhile, keeps a clock per group, and holds later joiners for group_interval', async () => {
    await publish(alert('g-1', 'web-1'));
    await at(T0 + 10 * S);
    await publish(alert('g-2', 'web-1'), alert('g-3', 'web-2'));
    await at(T0 + 29 * S);
    expect(bodies('/soc')).toEqual([]);
    await at(T0 + 30 * S);
    expect(groups('/soc')).toEqual(['g-1+g-2']);
    await at(T0 + 39 * S);
    expect(groups('/soc')).toEqual(['g-1+g-2']);
    await at(T0 + 40 * S);
    expect(groups('/soc')).toEqual(['g-1+g-2', 'g-3']);

    await at(T0 + 60 * S);
    await publish(alert('g-4', 'web-1'));
    await at(T0 + 30 * S + 5 * M - S);
    expect(groups('/soc')).toHaveLength(2);
    await at(T0 + 30 * S + 5 * M);
    expect(groups('/soc')).toEqual(['g-1+g-2', 'g-3', 'g-1+g-2+g-4']);
    expect(bodies('/soc').map((b) => b.notification.kind)).toEqual(['firing', 'firing', 'firing']);
    expect(errors).toEqual([]);
  });
});

describe('escalation timing (injected clock, real receiver)', () => {
  it('climbs step 1 at 5 min and step 2 at 15 min while unacknowledged, and stops once acknowledged', async () => {
    const E0 = T0 + 1000 * M;
    await at(E0);
    const e1 = alert('e-1', 'db-1', { ruleId: 'esc-rule' });
    await publish(e1);
    await at(E0 + 5 * M - S);
    expect(bodies('/oncall')).toEqual([]);
    await at(E0 + 5 * M);
    expect(bodies('/oncall').map((b) => [b.alert.id, b.notification.kind, b.notification.escalation?.step])).toEqual([['e-1', 'escalation', 0]]);
    await at(E0 + 15 * M - S);
    expect(bodies('/manager')).toEqual([]);
    await at(E0 + 15 * M);
    expect(bodies('/manager').map((b) => [b.alert.id, b.notification.escalation?.step])).toEqual([['e-1', 1]]);

    // Acknowledged within the first wait: nobody is paged.
    const E1 = E0 + 100 * M;
    await at(E1);
    const e2 = alert('e-2', 'db-2', { ruleId: 'esc-rule' });
    await publish(e2);
    await at(E1 + 2 * M);
    await publish({ ...e2, state: 'acknowledged' });
    await at(E1 + 60 * M);
    expect(bodies('/oncall').map((b) => b.alert.id)).toEqual(['e-1']);
    expect(bodies('/manager').map((b) => b.alert.id)).toEqual(['e-1']);
    expect(errors).toEqual([]);
  });
});
