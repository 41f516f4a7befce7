/**
 * Fixtures of the notification pipeline tests: alerts, a config from plain objects, and a
 * dispatcher driven by an explicit clock.
 */
import type { RouteNode } from '@vigil/contracts';
import { compileNotifyConfig, NotifyDispatcher, type DispatchChanges, type EscalationPolicySpec, type InhibitRuleSpec, type Notification, type NotifyAlert, type SilenceSpec, type TimeIntervalSpec } from '../../src/notify/index.ts';

/** Monday 2026-01-05 12:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 12, 0);
export const S = 1000;
export const M = 60 * S;
export const H = 60 * M;

/** An open alert; `over` changes any field. */
export function alert(id: string, over: Partial<NotifyAlert> = {}): NotifyAlert {
  const t = new Date(T0).toISOString();
  return { id, tenantId: 't1', ruleId: 'ssh-brute-force', ruleTitle: 'SSH brute force', groupKey: '', severity: 'high', tags: ['attack.t1110'], count: 1, firstSeen: t, lastSeen: t, sampleEventIds: [], state: 'open', group: {}, ...over };
}

/** The parts of a config; only the tree is required. */
export interface ConfigParts {
  silences?: SilenceSpec[];
  timeIntervals?: TimeIntervalSpec[];
  inhibitRules?: InhibitRuleSpec[];
  escalationPolicies?: EscalationPolicySpec[];
}

/** Compiles a config (failing the test on a problem). */
export function config(tree: RouteNode, parts: ConfigParts = {}) {
  const { config: c, problems } = compileNotifyConfig({ tree, silences: parts.silences ?? [], timeIntervals: parts.timeIntervals ?? [], inhibitRules: parts.inhibitRules ?? [], escalationPolicies: parts.escalationPolicies ?? [] });
  if (problems.length) throw new Error(problems.join('; '));
  return c;
}

/** A dispatcher with its own clock: `at(t)` moves the clock, `send(...)` receives, `tick()` flushes whatever is due. */
export class Harness {
  now = T0;
  readonly d: NotifyDispatcher;
  readonly sent: Notification[] = [];
  /** Every change the dispatcher asked to persist, in order. */
  readonly changes: DispatchChanges = { log: [], logDeleted: [], escalations: [], escalationsDeleted: [] };

  constructor(tree: RouteNode, parts: ConfigParts = {}) {
    this.d = new NotifyDispatcher('t1', config(tree, parts));
  }

  at(t: number): this {
    this.now = t;
    return this;
  }

  receive(...alerts: NotifyAlert[]): this {
    for (const a of alerts) this.d.receive(a, this.now);
    return this;
  }

  /** Flushes at the current time; answers what was sent now. */
  flush(): Notification[] {
    const r = this.d.flush(this.now);
    this.sent.push(...r.notifications);
    for (const k of ['log', 'logDeleted', 'escalations', 'escalationsDeleted'] as const) (this.changes[k] as unknown[]).push(...r.changes[k]);
    return r.notifications;
  }

  /** Moves the clock through every wake-up until `until`, flushing at each; answers what was sent. */
  runUntil(until: number): Notification[] {
    const out: Notification[] = [];
    for (let next = this.d.nextWakeAt(); next !== null && next <= until; next = this.d.nextWakeAt()) {
      this.now = Math.max(this.now, next);
      out.push(...this.flush());
    }
    this.now = until;
    return out;
  }
}

/** A compact view of notifications: `receiver kind lead [ids]` at minute offsets from T0. */
export const view = (ns: readonly Notification[]) => ns.map((n) => `${n.receiver} ${n.kind} ${n.lead.id} [${n.alerts.map((a) => `${a.id}:${a.state}`).join(',')}]`);
