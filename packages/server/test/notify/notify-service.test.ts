/**
 * The notify service on a real SQLite database with real local receivers and the real clock (short
 * intervals): without a tree, newly opened alerts go once to the default channels; with one, the
 * tree routes, groups, announces acknowledgements and resolves, silences and inhibit rules mute,
 * escalation climbs until acknowledged, and a new service on the same database (a restart) sends
 * nothing twice.
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

const dir = tempDir();
let db: SqliteDb;
let rx: HttpReceiver;
let A = '';
let B = '';
const open = new Map<string, AlertEvent>();
const stacks: NotifyStack[] = [];
const errors: unknown[] = [];

function stack(): NotifyStack {
  let n = 0;
  const prefix = `${stacks.length}${Math.random().toString(36).slice(2, 6)}`;
  const s = createNotifyStack({
    db, box: loadSecretBox(dir.path), publicUrl: 'https://vigil.example.test', now: Date.now, newId: () => `${prefix}${String(++n).padStart(8, '0')}`,
    unresolved: async (t) => [...open.values()].filter((a) => a.tenantId === t && a.state !== 'resolved'),
    policy: { maxAttempts: 2, baseMs: 10, maxMs: 50 }, timeoutMs: 1000,
    onError: (err) => errors.push(err),
  });
  stacks.push(s);
  return s;
}

/** Publishes alert changes the way the alert service does, remembering the open ones for restarts. */
async function publish(s: NotifyStack, ...alerts: AlertEvent[]): Promise<void> {
  for (const a of alerts) open.set(a.id, a);
  await s.notifier.handle(alerts);
  await s.notifier.idle();
  await s.queue.idle(300);
}

const bodies = (path: string) => rx.requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as { event: string; alert: AlertEvent; notification: { kind: string; alerts: AlertEvent[] } | null });
const until = async (f: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!f() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

beforeAll(async () => {
  db = new SqliteDb(openSqlite(join(dir.path, 'n.db')));
  await migrate(db);
  A = (await new TenantsRepo(db).create('a', 'A')).id;
  B = (await new TenantsRepo(db).create('b', 'B')).id;
  rx = await startHttpReceiver();
});
afterAll(async () => {
  for (const s of stacks) await s.notifier.stop();
  await rx.close();
  await db.close();
  dir.remove();
});

describe('without a routing tree', () => {
  it('sends a newly opened alert once to each default channel of its tenant, and nothing twice after a restart', async () => {
    const s = stack();
    await s.notifier.start();
    await s.channels.create(A, { name: 'a-default', type: 'webhook', config: { url: `${rx.base}/a-default`, allow_private: true }, default: true });
    await s.channels.create(A, { name: 'a-other', type: 'webhook', config: { url: `${rx.base}/a-other`, allow_private: true } });
    await s.channels.create(B, { name: 'b-default', type: 'webhook', config: { url: `${rx.base}/b-default`, allow_private: true }, default: true });
    const a1 = { ...ALERT, tenantId: A, id: 'd-1' };
    await publish(s, a1, { ...ALERT, tenantId: B, id: 'd-b' });
    await publish(s, { ...a1, count: 50 }, { ...a1, state: 'acknowledged' });
    expect(bodies('/a-default').map((b) => [b.alert.id, b.event])).toEqual([['d-1', 'firing']]);
    expect(bodies('/a-other')).toEqual([]);
    expect(bodies('/b-default').map((b) => b.alert.id)).toEqual(['d-b']);
    await s.notifier.stop();
    const again = stack();
    await again.notifier.start();
    await publish(again, { ...a1, count: 51, state: 'acknowledged' });
    expect(bodies('/a-default')).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});

describe('with a routing tree', () => {
  let s: NotifyStack;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    s = stack();
    await s.notifier.start();
    for (const name of ['soc', 'pager', 'oncall', 'manager']) ids[name] = (await s.channels.create(A, { name: `t-${name}`, type: 'webhook', config: { url: `${rx.base}/${name}`, allow_private: true } })).id;
    await s.routing.putTree(A, { receivers: [ids.soc!], group_wait: '0s', group_interval: '1s', routes: [{ match: 'severity:critical', receivers: [ids.pager!] }] }, 'admin');
  });

  it('routes by the query, announces acknowledgement and resolution, and sends nothing for folds', async () => {
    const crit = { ...ALERT, tenantId: A, id: 'r-crit', severity: 'critical' as const };
    const high = { ...ALERT, tenantId: A, id: 'r-high' };
    await publish(s, crit, high);
    await until(() => bodies('/pager').length >= 1 && bodies('/soc').length >= 1);
    expect(bodies('/pager').map((b) => [b.alert.id, b.event])).toEqual([['r-crit', 'firing']]);
    expect(bodies('/soc').map((b) => [b.alert.id, b.event])).toEqual([['r-high', 'firing']]);
    await publish(s, { ...high, count: 99 }, { ...high, state: 'acknowledged' });
    await until(() => bodies('/soc').length >= 2);
    await publish(s, { ...high, state: 'resolved' });
    await until(() => bodies('/soc').length >= 3);
    expect(bodies('/soc').map((b) => [b.alert.id, b.event, b.alert.state])).toEqual([['r-high', 'firing', 'open'], ['r-high', 'acknowledged', 'acknowledged'], ['r-high', 'resolved', 'resolved']]);
    const resolved = bodies('/soc')[2]!;
    expect(resolved.notification).toMatchObject({ kind: 'resolved', counts: { resolved: 1 } });
  });

  it('mutes silenced alerts until the silence is expired, and inhibits a down host’s warnings', async () => {
    const sil = await s.routing.createSilence(A, { match: 'host.name:web-9', duration: '1h', comment: 'maintenance' }, 'ops');
    expect(sil).toMatchObject({ state: 'active', createdBy: 'ops', comment: 'maintenance' });
    const quiet = { ...ALERT, tenantId: A, id: 'r-quiet', group: { 'host.name': 'web-9' } };
    await publish(s, quiet);
    await new Promise((r) => setTimeout(r, 1300));
    expect(bodies('/soc').filter((b) => b.alert.id === 'r-quiet')).toEqual([]);
    await s.routing.expireSilence(A, sil.id);
    await until(() => bodies('/soc').some((b) => b.alert.id === 'r-quiet'));
    expect(bodies('/soc').filter((b) => b.alert.id === 'r-quiet').map((b) => b.event)).toEqual(['firing']);

    await s.routing.createInhibitRule(A, { name: 'host down', source_match: 'rule.id:host-down', target_match: 'severity:<=high', equal: ['host.name'] });
    const down = { ...ALERT, tenantId: A, id: 'r-down', ruleId: 'host-down', ruleTitle: 'Host down', severity: 'critical' as const, group: { 'host.name': 'db-1' } };
    const warn = { ...ALERT, tenantId: A, id: 'r-warn', severity: 'medium' as const, group: { 'host.name': 'db-1' } };
    await publish(s, down, warn);
    await until(() => bodies('/pager').some((b) => b.alert.id === 'r-down'));
    await new Promise((r) => setTimeout(r, 1300));
    expect(bodies('/soc').some((b) => b.alert.id === 'r-warn')).toBe(false);
    await publish(s, { ...down, state: 'resolved' });
    await until(() => bodies('/soc').some((b) => b.alert.id === 'r-warn'));
    expect(bodies('/soc').filter((b) => b.alert.id === 'r-warn').map((b) => b.event)).toEqual(['firing']);
  });

  it('climbs an escalation policy until the alert is acknowledged', async () => {
    const p = await s.routing.createPolicy(A, { name: 'night', steps: [{ wait: '1s', receivers: [ids.oncall!] }, { wait: '4s', receivers: [ids.manager!] }] });
    // Added last, so the other routes keep their paths (and their groups: nothing is sent again).
    await s.routing.putTree(A, { receivers: [ids.soc!], group_wait: '0s', group_interval: '1s', routes: [{ match: 'severity:critical', receivers: [ids.pager!] }, { match: 'rule.id:esc-rule', escalation_policy: p.id }] }, 'admin');
    const e = { ...ALERT, tenantId: A, id: 'r-esc', ruleId: 'esc-rule' };
    await publish(s, e);
    await until(() => bodies('/oncall').some((b) => b.alert.id === 'r-esc'));
    const esc = bodies('/oncall').find((b) => b.alert.id === 'r-esc')!;
    expect(esc.notification).toMatchObject({ kind: 'escalation', escalation: { policyId: p.id, step: 0, round: 0 } });
    await publish(s, { ...e, state: 'acknowledged' });
    await new Promise((r) => setTimeout(r, 4500));
    expect(bodies('/manager')).toEqual([]);
    expect(bodies('/oncall').filter((b) => b.alert.id === 'r-esc')).toHaveLength(1);
  });

  it('sends nothing again after a restart: the notification log is restored', async () => {
    const before = rx.requests.length;
    await s.notifier.stop();
    s = stack();
    await s.notifier.start();
    await new Promise((r) => setTimeout(r, 1500));
    await s.queue.idle(300);
    expect(rx.requests.slice(before).map((r) => `${r.path} ${JSON.parse(r.body).alert.id}`)).toEqual([]);
    expect(s.notifier.stats()).toMatchObject({ tenants: 1 });
    expect(s.notifier.stats().alerts).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
