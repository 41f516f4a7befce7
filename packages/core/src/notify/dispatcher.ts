/**
 * @module notify/dispatcher
 * One tenant's notification dispatcher (after Alertmanager's `dispatch`): it routes each alert it
 * receives through the tree into aggregation groups, and on `flush(now)` runs every due group
 * through the notification pipeline per receiver and climbs escalation policies. It does no I/O and
 * reads no clock: every call takes `now`, and the answers say what to send and what to persist; the
 * server owns the timer (`nextWakeAt`), the queue and the database.
 *
 * Timing, per group: the first flush is `group_wait` after the group was created; a change (a new
 * alert, a resolve, an acknowledgement) is flushed at the earliest `group_interval` after the
 * previous flush; with nothing new, open alerts are repeated every `repeat_interval`. Muted alerts
 * are looked at again every `group_interval`, so a silence that ends lets them through.
 */
import { alertDoc, type NotifyAlert } from './alert-doc.ts';
import { groupOf, matchRoutes, type CompiledRoute } from './route-tree.ts';
import type { CompiledSilence } from './silence.ts';
import { silencer } from './silence.ts';
import type { CompiledInhibitRule } from './inhibit-rule.ts';
import { inhibitor } from './inhibit-rule.ts';
import type { CompiledTimeInterval } from './time-interval.ts';
import { nextEscalationStep, type CompiledEscalationPolicy } from './escalation.ts';
import type { Muter } from './muter.ts';
import { notificationPipeline } from './notification-pipeline.ts';
import type { FlushContext, LogEntry, PipelineAlert, Stage } from './stage.ts';
import { timeMutedBy } from './stages/time-mute-stage.ts';
import { countStates, type Notification } from './notification.ts';

/** A tenant's compiled routing configuration. */
export interface NotifyConfig {
  tree: CompiledRoute;
  silences: readonly CompiledSilence[];
  inhibitRules: readonly CompiledInhibitRule[];
  timeIntervals: ReadonlyMap<string, CompiledTimeInterval>;
  escalationPolicies: ReadonlyMap<string, CompiledEscalationPolicy>;
}

/** A receiver's log entry of a group, as persisted. */
export interface LogRecord {
  groupKey: string;
  receiver: string;
  entry: LogEntry;
}

/** A running escalation of one alert under one policy, as persisted. */
export interface EscalationRecord {
  alertId: string;
  policyId: string;
  /** The route that named the policy (its time intervals hold the climb back too). */
  route: string;
  startedAt: number;
  /** Steps fired so far. */
  fired: number;
}

/** What changed since the last `takeChanges()`: to persist with the queued notifications. */
export interface DispatchChanges {
  log: LogRecord[];
  logDeleted: { groupKey: string; receiver: string }[];
  escalations: EscalationRecord[];
  escalationsDeleted: { alertId: string; policyId: string }[];
}

/** What a flush decided. */
export interface FlushResult {
  notifications: Notification[];
  changes: DispatchChanges;
}

/** What muted an alert, for `test`. */
export interface MuteReason {
  kind: 'silence' | 'inhibit_rule' | 'time_interval';
  id: string;
  route?: string;
}

interface Tracked extends PipelineAlert {
  /** Keys of the groups it is in. */
  groups: Set<string>;
}

interface Group {
  key: string;
  route: CompiledRoute;
  labels: Record<string, string>;
  ids: Set<string>;
  nextFlushAt: number | null;
  lastFlushAt: number | null;
}

/** A muted escalation is looked at again after this long. */
const ESCALATION_RECHECK_MS = 60_000;

const logKey = (groupKey: string, receiver: string) => `${groupKey}\u0000${receiver}`;
const escKey = (alertId: string, policyId: string) => `${alertId}\u0000${policyId}`;
const noChanges = (): DispatchChanges => ({ log: [], logDeleted: [], escalations: [], escalationsDeleted: [] });

/** The dispatcher of one tenant. */
export class NotifyDispatcher {
  private readonly alerts = new Map<string, Tracked>();
  private readonly groups = new Map<string, Group>();
  private readonly log = new Map<string, LogRecord>();
  private readonly escalations = new Map<string, EscalationRecord & { heldUntil?: number }>();
  private changes = noChanges();

  constructor(readonly tenantId: string, private config: NotifyConfig) {}

  /** Loads what was persisted before a restart (call before receiving the open alerts again). */
  restore(log: readonly LogRecord[], escalations: readonly EscalationRecord[]): void {
    for (const r of log) this.log.set(logKey(r.groupKey, r.receiver), r);
    for (const e of escalations) this.escalations.set(escKey(e.alertId, e.policyId), { ...e });
  }

  /** Takes in an alert as published on the `alerts` topic (opened, folded, acknowledged or resolved). */
  receive(alert: NotifyAlert, now: number): void {
    const t = this.alerts.get(alert.id);
    if (alert.state === 'resolved') {
      if (!t) return;
      Object.assign(t, { alert, state: alert.state, doc: alertDoc(alert) });
      this.stopEscalations(alert.id);
      for (const key of t.groups) this.schedule(this.groups.get(key)!, now);
      if (!t.groups.size) this.alerts.delete(alert.id);
      return;
    }
    const before = t?.state;
    const tracked: Tracked = t ?? { id: alert.id, state: alert.state, doc: alertDoc(alert), alert, groups: new Set() };
    if (t) Object.assign(t, { alert, state: alert.state, doc: alertDoc(alert) });
    else this.alerts.set(alert.id, tracked);
    // Routed again on every change: a fold may raise the severity into another route.
    for (const route of matchRoutes(this.config.tree, tracked.doc)) {
      if (route.escalationPolicy && alert.state === 'open' && this.config.escalationPolicies.has(route.escalationPolicy)) this.startEscalation(alert.id, route, now);
      if (!route.receivers.length) continue;
      const { key, labels } = groupOf(route, tracked.doc);
      let g = this.groups.get(key);
      if (!g) {
        g = { key, route, labels, ids: new Set(), nextFlushAt: now + route.groupWaitMs, lastFlushAt: null };
        this.groups.set(key, g);
      }
      if (!g.ids.has(alert.id)) {
        g.ids.add(alert.id);
        tracked.groups.add(key);
        this.schedule(g, now);
      }
    }
    if (before && before !== alert.state) {
      for (const key of tracked.groups) this.schedule(this.groups.get(key)!, now);
      if (alert.state === 'acknowledged') this.stopEscalations(alert.id);
    }
  }

  /** Runs every due group through the pipeline and climbs due escalations. */
  flush(now: number): FlushResult {
    const notifications: Notification[] = [];
    const due = [...this.groups.values()].filter((g) => g.nextFlushAt !== null && g.nextFlushAt <= now);
    const escalating = [...this.escalations.values()].some((e) => (this.escalationAt(e) ?? Infinity) <= now);
    if (due.length || escalating) {
      const muters = { inhibitor: inhibitor(this.config.inhibitRules, this.alerts.values()), silencer: silencer(this.config.silences) };
      const pipeline = notificationPipeline(muters);
      for (const g of due) this.flushGroup(g, now, pipeline, notifications);
      if (escalating) this.escalate(now, muters, notifications);
    }
    return { notifications, changes: this.takeChanges() };
  }

  /** When `flush` has something to do next (epoch ms), or null when nothing is scheduled. */
  nextWakeAt(): number | null {
    let next = Infinity;
    for (const g of this.groups.values()) if (g.nextFlushAt !== null && g.nextFlushAt < next) next = g.nextFlushAt;
    for (const e of this.escalations.values()) {
      const at = this.escalationAt(e);
      if (at !== null && at < next) next = at;
    }
    return Number.isFinite(next) ? next : null;
  }

  /** What changed since the last call (to persist). */
  takeChanges(): DispatchChanges {
    const c = this.changes;
    this.changes = noChanges();
    return c;
  }

  /**
   * Replaces the configuration: every alert not resolved is routed again into new groups. Log
   * entries of groups that still exist keep them from re-sending; the others are dropped.
   */
  setConfig(config: NotifyConfig, now: number): void {
    this.config = config;
    const tracked = [...this.alerts.values()].filter((t) => t.state !== 'resolved');
    this.groups.clear();
    this.alerts.clear();
    for (const t of tracked) this.receive(t.alert, now);
    for (const [k, e] of this.escalations) {
      if (config.escalationPolicies.has(e.policyId)) continue;
      this.escalations.delete(k);
      this.changes.escalationsDeleted.push({ alertId: e.alertId, policyId: e.policyId });
    }
    this.pruneLog();
  }

  /** Drops log entries of groups that do not exist (after replaying the open alerts at start). */
  pruneLog(): void {
    for (const [k, r] of this.log) {
      if (this.groups.has(r.groupKey)) continue;
      this.log.delete(k);
      this.changes.logDeleted.push({ groupKey: r.groupKey, receiver: r.receiver });
    }
  }

  /** The routes an alert takes and what mutes it now (for `POST /routes/test`). */
  test(alert: NotifyAlert, now: number): { routes: CompiledRoute[]; groupKeys: string[]; mutedBy: MuteReason[] } {
    const doc = alertDoc(alert);
    const routes = matchRoutes(this.config.tree, doc);
    const candidate = { id: alert.id, state: alert.state, doc };
    const mutedBy: MuteReason[] = [];
    const others = [...this.alerts.values()].filter((a) => a.id !== alert.id);
    const inhibitedBy = inhibitor(this.config.inhibitRules, [...others, candidate]).mutedBy(candidate, now);
    if (inhibitedBy) mutedBy.push({ kind: 'inhibit_rule', id: inhibitedBy });
    for (const s of this.config.silences) if (now >= s.startsAt && now < s.endsAt && s.matches(doc)) mutedBy.push({ kind: 'silence', id: s.id });
    for (const route of routes) {
      const by = timeMutedBy({ route, timeIntervals: this.config.timeIntervals, now });
      if (by) mutedBy.push({ kind: 'time_interval', id: by, route: route.path });
    }
    return { routes, groupKeys: routes.map((r) => groupOf(r, doc).key), mutedBy };
  }

  /** How much the dispatcher holds (metrics, tests). */
  stats(): { alerts: number; groups: number; escalations: number; logEntries: number } {
    return { alerts: this.alerts.size, groups: this.groups.size, escalations: this.escalations.size, logEntries: this.log.size };
  }

  /** Brings a group's next flush forward for a change: never sooner than `group_interval` after the last flush. */
  private schedule(g: Group, now: number): void {
    if (g.lastFlushAt === null) return;
    const at = Math.max(now, g.lastFlushAt + g.route.groupIntervalMs);
    g.nextFlushAt = g.nextFlushAt === null ? at : Math.min(g.nextFlushAt, at);
  }

  private flushGroup(g: Group, now: number, pipeline: Stage, out: Notification[]): void {
    const members = [...g.ids].map((id) => this.alerts.get(id)).filter((a): a is Tracked => !!a);
    let next = Infinity;
    let held = false;
    let timeMuted = false;
    for (const receiver of g.route.receivers) {
      const k = logKey(g.key, receiver);
      const ctx: FlushContext = { tenantId: this.tenantId, now, route: g.route, groupKey: g.key, groupLabels: g.labels, receiver, timeIntervals: this.config.timeIntervals, log: this.log.get(k)?.entry, muted: [], timeMuted: null };
      pipeline.run(ctx, members);
      if (ctx.entry && ctx.notification) {
        const rec = { groupKey: g.key, receiver, entry: ctx.entry };
        this.log.set(k, rec);
        this.changes.log.push(rec);
        out.push(ctx.notification);
      }
      if (ctx.timeMuted) timeMuted = true;
      if (ctx.timeMuted || ctx.muted.some((m) => m.state !== 'resolved')) held = true;
      const e = this.log.get(k)?.entry;
      if (e?.firing.length) next = Math.min(next, e.at + g.route.repeatIntervalMs);
    }
    g.lastFlushAt = now;
    // Resolved alerts leave once announced (or when the receiver never knew them); a time interval holding the group back keeps them for later.
    if (!timeMuted) {
      for (const t of members) {
        if (t.state !== 'resolved') continue;
        g.ids.delete(t.id);
        t.groups.delete(g.key);
        if (!t.groups.size) this.alerts.delete(t.id);
      }
    }
    if (!g.ids.size) {
      this.groups.delete(g.key);
      for (const receiver of g.route.receivers) {
        if (!this.log.delete(logKey(g.key, receiver))) continue;
        this.changes.logDeleted.push({ groupKey: g.key, receiver });
      }
      return;
    }
    if (held) next = Math.min(next, now + g.route.groupIntervalMs);
    g.nextFlushAt = Number.isFinite(next) ? next : null;
  }

  private startEscalation(alertId: string, route: CompiledRoute, now: number): void {
    const k = escKey(alertId, route.escalationPolicy!);
    if (this.escalations.has(k)) return;
    const rec: EscalationRecord = { alertId, policyId: route.escalationPolicy!, route: route.path, startedAt: now, fired: 0 };
    this.escalations.set(k, rec);
    this.changes.escalations.push({ ...rec });
  }

  private stopEscalations(alertId: string): void {
    for (const [k, e] of this.escalations) {
      if (e.alertId !== alertId) continue;
      this.escalations.delete(k);
      this.changes.escalationsDeleted.push({ alertId, policyId: e.policyId });
    }
  }

  /** When an escalation's next step can fire (not before `heldUntil`), or null when it cannot. */
  private escalationAt(e: EscalationRecord & { heldUntil?: number }): number | null {
    const t = this.alerts.get(e.alertId);
    const policy = this.config.escalationPolicies.get(e.policyId);
    if (!t || t.state !== 'open' || !policy) return null;
    const step = nextEscalationStep(policy, e.startedAt, e.fired);
    return step ? Math.max(step.at, e.heldUntil ?? -Infinity) : null;
  }

  /** Fires every due step of every climb; one notification per receiver per climb carries the highest step. */
  private escalate(now: number, muters: { inhibitor: Muter; silencer: Muter }, out: Notification[]): void {
    for (const e of this.escalations.values()) {
      if ((this.escalationAt(e) ?? Infinity) > now) continue;
      const t = this.alerts.get(e.alertId)!;
      const policy = this.config.escalationPolicies.get(e.policyId)!;
      const route = this.findRoute(e.route);
      const held = muters.inhibitor.mutedBy(t, now) ?? muters.silencer.mutedBy(t, now) ?? (route ? timeMutedBy({ route, timeIntervals: this.config.timeIntervals, now }) : null);
      if (held) {
        e.heldUntil = now + ESCALATION_RECHECK_MS;
        continue;
      }
      delete e.heldUntil;
      const byReceiver = new Map<string, { step: number; round: number }>();
      for (let step = nextEscalationStep(policy, e.startedAt, e.fired); step && step.at <= now; step = nextEscalationStep(policy, e.startedAt, e.fired)) {
        for (const r of step.receivers) byReceiver.set(r, { step: step.step, round: step.round });
        e.fired++;
      }
      for (const [receiver, s] of byReceiver) {
        out.push({ tenantId: this.tenantId, receiver, kind: 'escalation', route: e.route, groupKey: `escalation:${e.policyId}:${t.id}`, groupLabels: {}, lead: t.alert, alerts: [t.alert], counts: countStates([t.alert]), escalation: { policyId: e.policyId, ...s } });
      }
      this.changes.escalations.push({ alertId: e.alertId, policyId: e.policyId, route: e.route, startedAt: e.startedAt, fired: e.fired });
    }
  }

  private findRoute(path: string): CompiledRoute | undefined {
    const walk = (r: CompiledRoute): CompiledRoute | undefined => (r.path === path ? r : r.routes.map(walk).find(Boolean));
    return walk(this.config.tree);
  }
}
