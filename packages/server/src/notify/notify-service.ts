/**
 * @module notify/notify-service
 * The I/O shell around the pure dispatcher: it follows the `alerts` topic (opened, folded,
 * acknowledged, resolved), keeps one `NotifyDispatcher` per tenant that has a routing tree, owns
 * the one timer that wakes the dispatchers, and writes what they decide — the notifications as
 * queued deliveries, with the notification log and escalation state — in one transaction, then
 * tells the delivery queue. A tenant without a tree keeps the first behaviour: each newly opened
 * alert goes once to its `default` channels.
 *
 * At start every tenant's dispatcher is rebuilt: its notification log and escalations are loaded
 * and its open and acknowledged alerts received again, so nothing already sent is sent again and
 * repeats, resolve notices and escalations carry on.
 */
import type { AlertEvent } from '@vigil/contracts';
import { compileNotifyConfig, NotifyDispatcher, type DispatchChanges, type Notification } from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';
import type { RoutingService } from './routing-service.ts';
import type { DeliveryQueue } from './delivery-queue.ts';
import type { DeliveryQueueRepo } from './delivery-queue-repo.ts';
import type { DispatchStateRepo } from './dispatch-state-repo.ts';
import type { ChannelsRepo } from './channels-repo.ts';
import type { ChannelAlert } from './notifier.ts';

/** What the service needs. */
export interface NotifyServiceDeps {
  db: SqlDb;
  routing: RoutingService;
  queue: DeliveryQueue;
  queueRepo: DeliveryQueueRepo;
  state: DispatchStateRepo;
  channels: ChannelsRepo;
  /** A tenant's open and acknowledged alerts (replayed at start and when a tree is set). */
  unresolved: (tenantId: string) => Promise<AlertEvent[]>;
  now: () => number;
  /** Counts: alert messages received, notifications queued. */
  onCount?: (what: 'received' | 'queued', n: number) => void;
  onError: (err: unknown, what: string) => void;
}

/** Alert ids remembered in memory for the default channels (oldest forgotten first; the delivery log still guards). */
const REMEMBERED = 10_000;

/** The routed notification as the channel renders it. */
function channelAlertOf(n: Notification): ChannelAlert {
  return {
    ...n.lead,
    notification: { kind: n.kind, groupKey: n.groupKey, groupLabels: n.groupLabels, route: n.route, counts: n.counts, alerts: n.alerts, ...(n.escalation ? { escalation: n.escalation } : {}) },
  };
}

const empty = (c: DispatchChanges) => !c.log.length && !c.logDeleted.length && !c.escalations.length && !c.escalationsDeleted.length;

/** Routing, grouping, muting and escalation of every tenant, in one process. */
export class NotifyService {
  private readonly dispatchers = new Map<string, NotifyDispatcher>();
  private readonly seenDefault = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private stopped = false;

  constructor(private readonly deps: NotifyServiceDeps) {
    deps.routing.onChange((tenantId) => void this.serial(() => this.reload(tenantId)));
  }

  /** Rebuilds every tenant's dispatcher from the database and starts the queue. */
  async start(): Promise<void> {
    await this.serial(async () => {
      for (const tenantId of await this.deps.routing.tenantsWithTrees()) await this.reload(tenantId);
    });
    await this.deps.queue.start();
  }

  /** The `alerts` topic handler. */
  readonly handle = (batch: readonly AlertEvent[]): Promise<void> => this.serial(() => this.process(batch));

  /** Resolves once everything handed in so far is processed and queued (not yet delivered). */
  async idle(): Promise<void> {
    let c: Promise<void>;
    do {
      c = this.chain;
      await c;
    } while (c !== this.chain);
  }

  /** Does what is due at `now()` at once, as the timer would (an injected clock moved forward: tests, replays). */
  runDue(): Promise<void> {
    return this.serial(() => this.tick());
  }

  /** Stops the timer, finishes what is being processed, and stops the queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
    await this.deps.queue.stop();
  }

  /** How much the dispatchers hold (metrics, tests). */
  stats(): { tenants: number; alerts: number; groups: number; escalations: number } {
    const s = { tenants: this.dispatchers.size, alerts: 0, groups: 0, escalations: 0 };
    for (const d of this.dispatchers.values()) {
      const x = d.stats();
      s.alerts += x.alerts;
      s.groups += x.groups;
      s.escalations += x.escalations;
    }
    return s;
  }

  /** Runs work one piece at a time: the dispatchers are not re-entrant and their writes must stay in order. */
  private serial(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn).catch((err) => this.deps.onError(err, 'notify'));
    this.chain = next;
    return next;
  }

  private async process(batch: readonly AlertEvent[]): Promise<void> {
    const now = this.deps.now();
    this.deps.onCount?.('received', batch.length);
    const touched = new Set<NotifyDispatcher>();
    const defaults: AlertEvent[] = [];
    for (const a of batch) {
      const d = this.dispatchers.get(a.tenantId);
      if (d) {
        d.receive(a, now);
        touched.add(d);
      } else if (a.state === 'open' && !this.seenDefault.has(a.id)) {
        this.seenDefault.add(a.id);
        if (this.seenDefault.size > REMEMBERED) this.seenDefault.delete(this.seenDefault.values().next().value!);
        defaults.push(a);
      }
    }
    try {
      if (defaults.length) await this.sendToDefaults(defaults, now);
      for (const d of touched) await this.flush(d, now);
    } finally {
      this.arm();
    }
  }

  /** The first behaviour, for tenants without a tree: each newly opened alert once to each default channel. */
  private async sendToDefaults(alerts: AlertEvent[], now: number): Promise<void> {
    const todo: { alert: AlertEvent; channelId: string }[] = [];
    // Read before the transaction: on SQLite, other calls wait while one is open.
    for (const a of alerts) {
      for (const c of await this.deps.channels.defaults(a.tenantId)) if (!(await this.deps.channels.hasDelivery(a.tenantId, c.id, a.id))) todo.push({ alert: a, channelId: c.id });
    }
    if (!todo.length) return;
    await this.deps.db.tx(async (tx) => {
      for (const t of todo) await this.deps.queueRepo.enqueue(tx, { tenantId: t.alert.tenantId, channelId: t.channelId, alertId: t.alert.id, kind: 'firing', payload: t.alert, at: now });
    });
    const queued = todo.map((t) => t.channelId);
    this.deps.onCount?.('queued', queued.length);
    this.deps.queue.kick(queued);
  }

  /** Flushes a dispatcher and writes what it decided. */
  private async flush(d: NotifyDispatcher, now: number): Promise<void> {
    const r = d.flush(now);
    await this.persist(d.tenantId, r.notifications, r.changes, now);
  }

  private async persist(tenantId: string, notifications: readonly Notification[], changes: DispatchChanges, now: number): Promise<void> {
    if (!notifications.length && empty(changes)) return;
    await this.deps.db.tx(async (tx) => {
      await this.deps.state.apply(tx, tenantId, changes);
      for (const n of notifications) await this.deps.queueRepo.enqueue(tx, { tenantId, channelId: n.receiver, alertId: n.lead.id, kind: n.kind, payload: channelAlertOf(n), at: now });
    });
    this.deps.onCount?.('queued', notifications.length);
    this.deps.queue.kick(notifications.map((n) => n.receiver));
  }

  /** Builds, updates or drops a tenant's dispatcher after its routing changed (or at start). */
  private async reload(tenantId: string): Promise<void> {
    const now = this.deps.now();
    const input = await this.deps.routing.configInput(tenantId);
    const current = this.dispatchers.get(tenantId);
    if (!input) {
      if (current) {
        this.dispatchers.delete(tenantId);
        await this.deps.state.clear(tenantId);
      }
      return;
    }
    const { config, problems } = compileNotifyConfig(input);
    if (problems.length) this.deps.onError(new Error(problems.join('; ')), `routing of tenant ${tenantId}: left out what no longer compiles`);
    if (current) current.setConfig(config, now);
    else {
      const d = new NotifyDispatcher(tenantId, config);
      const saved = await this.deps.state.load(tenantId);
      d.restore(saved.log, saved.escalations);
      for (const a of await this.deps.unresolved(tenantId)) d.receive(a, now);
      d.pruneLog();
      this.dispatchers.set(tenantId, d);
    }
    try {
      await this.flush(this.dispatchers.get(tenantId)!, now);
    } finally {
      this.arm();
    }
  }

  /** Sets the one timer to the earliest time any dispatcher has something to do. */
  private arm(): void {
    if (this.stopped) return;
    let next = Infinity;
    for (const d of this.dispatchers.values()) next = Math.min(next, d.nextWakeAt() ?? Infinity);
    if (next === this.timerAt && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = next;
    if (!Number.isFinite(next)) return;
    // setTimeout holds at most ~24.8 days; a later wake-up re-arms on the way.
    const delay = Math.min(Math.max(0, next - this.deps.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      void this.serial(() => this.tick());
    }, delay);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    const now = this.deps.now();
    try {
      for (const d of this.dispatchers.values()) {
        const at = d.nextWakeAt();
        if (at !== null && at <= now) await this.flush(d, now);
      }
    } finally {
      this.arm();
    }
  }
}
