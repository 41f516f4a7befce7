/**
 * The detector against a real SQLite event log: signals reach the sink, a restart resumes from the
 * checkpoint, a crash before the checkpoint replays without doubling (the sink sees the same ids), and
 * new_terms rules learn what the store saw when they start without state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RuleDoc, Signal, VigilEvent } from '@vigil/contracts';
import { CommitSignal } from '../../src/bus/index.ts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { SqliteEventStore, SqliteEventLog } from '../../src/storage/index.ts';
import { MetricsRegistry } from '../../src/metrics/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { DetectionCheckpoints, DetectionService, EngineClient, type AlertSink, type RuleSource, type StoredRule } from '../../src/detection/index.ts';
import { tempDir } from '../support/temp-dir.ts';

const BRUTE: RuleDoc = {
  id: 'ssh-brute-force',
  title: 'SSH brute force from {{source.ip}}',
  severity: 'high',
  query: 'event.dataset:sshd AND event.outcome:failure',
  threshold: { count: 5, window: '10m', group_by: ['source.ip'] },
  suppress: { window: '30m' },
};

/** Records signals like an alert store would: once per signal id. */
class MemorySink implements AlertSink {
  readonly byId = new Map<string, Signal>();
  deliveries = 0;
  async applySignals(_tenant: string, signals: Signal[]): Promise<void> {
    for (const s of signals) {
      this.deliveries++;
      this.byId.set(s.id, s);
    }
  }
}

class StaticRules implements RuleSource {
  private listeners: (() => void)[] = [];
  constructor(public rules: StoredRule[]) {}
  async all(): Promise<StoredRule[]> {
    return this.rules;
  }
  onChange(l: () => void): () => void {
    this.listeners.push(l);
    return () => (this.listeners = this.listeners.filter((x) => x !== l));
  }
  change(rules: StoredRule[]): void {
    this.rules = rules;
    for (const l of this.listeners) l();
  }
}

let n = 0;
function failure(ip: string, t: number): VigilEvent {
  n++;
  const iso = new Date(t).toISOString();
  return { id: `E${String(n).padStart(6, '0')}`, '@timestamp': iso, 'event.ingested': iso, message: `Failed password for root from ${ip}`, 'event.dataset': 'sshd', 'event.outcome': 'failure', 'source.ip': ip } as VigilEvent;
}

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const dir = tempDir();
  const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
  await migrate(db);
  await db.run("INSERT INTO tenants (id, slug, name, created_at) VALUES ('t1', 't1', 'T1', 0)");
  const commits = new CommitSignal();
  const store = new SqliteEventStore(db.raw);
  const eventLog = new SqliteEventLog(db.raw, commits);
  cleanups.push(async () => {
    await db.close();
    dir.remove();
  });
  const append = async (events: VigilEvent[]) => {
    await store.append(events.map((event) => ({ tenantId: 't1', event })));
    commits.fire();
  };
  const service = (sink: AlertSink, rules: RuleSource, thread = false, checkpointMs = 0, extra: { withStore?: boolean; seedLimit?: number; metrics?: MetricsRegistry } = {}) =>
    new DetectionService(
      { eventLog, checkpoints: new DetectionCheckpoints(db, Date.now), rules, sink, engine: new EngineClient({ thread }), log: createLogger('silent'), metrics: extra.metrics ?? new MetricsRegistry(), now: Date.now, ...(extra.withStore ? { store } : {}) },
      { tickMs: 50, checkpointMs, reloadDebounceMs: 20, ...(extra.seedLimit !== undefined ? { seedLimit: extra.seedLimit } : {}) },
    );
  return { db, append, service };
}

describe('DetectionService', () => {
  it('raises one signal per source IP for a brute force, in the worker thread, and resumes after a restart', async () => {
    const { append, service } = await setup();
    const rules = new StaticRules([{ tenantId: 't1', doc: BRUTE, version: 1, builtin: false }]);
    const sink = new MemorySink();
    const d1 = service(sink, rules, true);
    await d1.start();
    const t = Date.now();
    await append([...Array.from({ length: 7 }, (_, i) => failure('203.0.113.9', t + i)), ...Array.from({ length: 3 }, (_, i) => failure('198.51.100.7', t + i))]);
    await waitFor(() => sink.byId.size === 1);
    const [s] = [...sink.byId.values()];
    expect(s).toMatchObject({ ruleId: 'ssh-brute-force', groupKey: '["203.0.113.9"]', title: 'SSH brute force from 203.0.113.9', severity: 'high', count: 5 });
    await d1.stop();

    // Restart: the checkpoint carries the group's state; two more failures of the second IP make five.
    const d2 = service(sink, rules, true);
    await d2.start();
    await append([failure('198.51.100.7', t + 10), failure('198.51.100.7', t + 11)]);
    await waitFor(() => sink.byId.size === 2);
    expect([...sink.byId.values()].map((x) => x.groupKey).sort()).toEqual(['["198.51.100.7"]', '["203.0.113.9"]']);
    await d2.stop();
  });

  it('replays after a crash before the checkpoint without losing or doubling a signal', async () => {
    const { append, service } = await setup();
    const rules = new StaticRules([{ tenantId: 't1', doc: BRUTE, version: 1, builtin: false }]);
    const sink = new MemorySink();
    const d1 = service(sink, rules, false, 0);
    await d1.start();
    const t = Date.now();
    await append(Array.from({ length: 2 }, (_, i) => failure('203.0.113.9', t + i)));
    await waitFor(() => d1.currentPosition !== '0');
    // From here on d1 never checkpoints again: it "crashes" (we abandon it without stop()).
    (d1 as unknown as { opts: { checkpointMs: number } }).opts.checkpointMs = Number.MAX_SAFE_INTEGER;
    await new Promise((r) => setTimeout(r, 100));
    await append(Array.from({ length: 4 }, (_, i) => failure('203.0.113.9', t + 10 + i)));
    await waitFor(() => sink.byId.size === 1);
    const first = [...sink.byId.keys()];
    (d1 as unknown as { stopped: boolean }).stopped = true;
    await (d1 as unknown as { follower: { stop(): Promise<void> } }).follower.stop();

    const d2 = service(sink, rules, false);
    const before = sink.deliveries;
    await d2.start();
    await waitFor(() => sink.deliveries > before);
    expect([...sink.byId.keys()]).toEqual(first); // the replay re-delivered the same signal id: no double
    await d2.stop();
  });

  it('picks up a rule change without a restart', async () => {
    const { append, service } = await setup();
    const rules = new StaticRules([]);
    const sink = new MemorySink();
    const d = service(sink, rules);
    await d.start();
    rules.change([{ tenantId: 't1', doc: { id: 'any-failure', title: 'failure', severity: 'low', query: 'event.outcome:failure' }, version: 1, builtin: false }]);
    await new Promise((r) => setTimeout(r, 200));
    await append([failure('192.0.2.1', Date.now())]);
    await waitFor(() => sink.byId.size === 1);
    await d.stop();
  });

  it('seeds a new_terms rule from stored events when it starts without state, bounded by the seed limit', async () => {
    const { append, service } = await setup();
    const day = 86_400_000;
    const now = Date.now();
    const login = (user: string, ip: string, t: number): VigilEvent => ({ ...failure(ip, t), message: `Accepted password for ${user} from ${ip}`, 'event.outcome': 'success', 'user.name': user });
    // History before the rule exists: alice and erin from their usual addresses (inside 30 days), bob 40 days ago (forgotten).
    await append([login('alice', '203.0.113.1', now - day), login('erin', '203.0.113.5', now - 2 * day), login('bob', '198.51.100.2', now - 40 * day)]);
    const doc: RuleDoc = { id: 'new-login-source', title: 'new source {{source.ip}} for {{user.name}}', severity: 'medium', query: 'event.outcome:success', allowed_lateness: '1s', new_terms: { fields: ['user.name', 'source.ip'], history: '30d' } };
    const rules = new StaticRules([{ tenantId: 't1', doc, version: 1, builtin: false }]);
    const sink = new MemorySink();
    const metrics = new MetricsRegistry();
    const d = service(sink, rules, true, 1000, { withStore: true, metrics });
    await d.start();
    expect(metrics.counter('vigil_detect_seeded_terms_total', '').get()).toBe(2);
    // alice and erin were seen (no alert); bob was forgotten and carol is new (one alert each). All four come
    // in one batch, so they are decided in one pass: once two signals are in, alice's and erin's are decided too.
    await append([login('alice', '203.0.113.1', now), login('erin', '203.0.113.5', now), login('bob', '198.51.100.2', now), login('carol', '192.0.2.3', now)]);
    await waitFor(() => sink.byId.size >= 2);
    expect([...sink.byId.values()].map((x) => x.groupKey).sort()).toEqual(['["bob","198.51.100.2"]', '["carol","192.0.2.3"]']);
    await d.stop();

    // A restart restores the learned terms from the checkpoint: nothing is read again.
    const again = new MetricsRegistry();
    const d2 = service(sink, rules, true, 1000, { withStore: true, metrics: again });
    await d2.start();
    expect(again.counter('vigil_detect_seeded_terms_total', '').get()).toBe(0);
    await d2.stop();

    // A changed rule starts afresh; with a limit of 1 it learns only the newest term, and counts the cut.
    const changed = new StaticRules([{ tenantId: 't1', doc: { ...doc, title: 'changed {{user.name}}' }, version: 2, builtin: false }]);
    const cut = new MetricsRegistry();
    const d3 = service(sink, changed, false, 1000, { withStore: true, seedLimit: 1, metrics: cut });
    await d3.start();
    expect(cut.counter('vigil_detect_seeded_terms_total', '').get()).toBe(1);
    expect(cut.counter('vigil_detect_seed_truncated_total', '').get()).toBe(1);
    await d3.stop();
  });
});
