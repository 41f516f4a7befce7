/**
 * @module notify/routing-service
 * The routing objects of a tenant as the API and the CLI see them: the tree, silences, time
 * intervals, inhibit rules and escalation policies. Each is validated by core (problems named by
 * path), references are checked against what exists (channel ids, interval names, policy ids), and
 * nothing in use can be deleted or renamed away. Every change is recorded in the audit log (before
 * and after) and announced, so the running dispatcher of the tenant reloads.
 */
import { parseDuration, VigilError, DURATION_HINT, type AlertEvent, type EscalationPolicy, type EscalationPolicyBody, type InhibitRule, type InhibitRuleBody, type RouteMatch, type RouteNode, type RouteTestResult, type Silence, type TimeInterval, type TimeIntervalBody, type CreateSilenceBody, type SilenceState } from '@vigil/contracts';
import {
  compileEscalationPolicy, compileInhibitRule, compileNotifyConfig, compileRouteTree, compileTimeInterval, ConfigProblems, groupOf, alertDoc, NotifyDispatcher, silenceState, validateSilence,
  type CompiledRoute, type EscalationPolicySpec, type InhibitRuleSpec, type NotifyConfigInput, type TimeIntervalSpec,
} from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from '../repos/repo-deps.ts';
import { RouteTreeRepo } from './route-tree-repo.ts';
import { SilencesRepo, type StoredSilence } from './silences-repo.ts';
import { NamedDocRepo, type NamedDoc } from './named-doc-repo.ts';
import type { ChannelsRepo } from './channels-repo.ts';
import { actorName, type ActorRef, type AuditRecorder } from '../repos/audit-recorder.ts';

type IntervalDoc = Omit<TimeIntervalSpec, 'name'>;
type InhibitDoc = Omit<InhibitRuleSpec, 'id' | 'name'>;
type PolicyDoc = Omit<EscalationPolicySpec, 'id' | 'name'>;

/** What the routing service needs besides the database. */
export interface RoutingServiceDeps {
  channels: ChannelsRepo;
  /** An alert of the tenant as the `alerts` topic carries it (for `test` by id). */
  alertById?: (tenantId: string, id: string) => Promise<AlertEvent | null>;
  /** The tenant's open and acknowledged alerts (inhibit sources for `test`). */
  unresolved?: (tenantId: string) => Promise<AlertEvent[]>;
  /** Where changes are recorded, with the actor the caller passes. */
  audit?: AuditRecorder;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A thrown collection of problems as one coded error (the first in the message). */
function throwProblems(p: ConfigProblems): void {
  p.throwIfAny();
}

/** Every place a tree refers to a name, by kind: `[path, name]`. */
function treeRefs(tree: RouteNode, path = ''): { receivers: [string, string][]; intervals: [string, string][]; policies: [string, string][] } {
  const out = { receivers: [] as [string, string][], intervals: [] as [string, string][], policies: [] as [string, string][] };
  const at = (k: string) => (path ? `${path}.${k}` : k);
  tree.receivers?.forEach((r, i) => out.receivers.push([`${at('receivers')}[${i}]`, r]));
  tree.mute_time_intervals?.forEach((r, i) => out.intervals.push([`${at('mute_time_intervals')}[${i}]`, r]));
  tree.active_time_intervals?.forEach((r, i) => out.intervals.push([`${at('active_time_intervals')}[${i}]`, r]));
  if (tree.escalation_policy) out.policies.push([at('escalation_policy'), tree.escalation_policy]);
  tree.routes?.forEach((c, i) => {
    const sub = treeRefs(c, `${at('routes')}[${i}]`);
    out.receivers.push(...sub.receivers);
    out.intervals.push(...sub.intervals);
    out.policies.push(...sub.policies);
  });
  return out;
}

/** The routing service of the API and the CLI. */
export class RoutingService {
  private readonly trees: RouteTreeRepo;
  private readonly silences: SilencesRepo;
  private readonly intervals: NamedDocRepo<IntervalDoc>;
  private readonly inhibits: NamedDocRepo<InhibitDoc>;
  private readonly policies: NamedDocRepo<PolicyDoc>;
  private readonly listeners: ((tenantId: string) => void)[] = [];

  constructor(db: SqlDb, private readonly deps: RoutingServiceDeps, private readonly repoDeps: RepoDeps = SYSTEM_REPO_DEPS) {
    this.trees = new RouteTreeRepo(db);
    this.silences = new SilencesRepo(db, repoDeps);
    this.intervals = new NamedDocRepo(db, 'time_intervals', 'time interval', repoDeps);
    this.inhibits = new NamedDocRepo(db, 'inhibit_rules', 'inhibit rule', repoDeps);
    this.policies = new NamedDocRepo(db, 'escalation_policies', 'escalation policy', repoDeps);
  }

  /** Calls `fn` with the tenant id after every change to its routing. */
  onChange(fn: (tenantId: string) => void): void {
    this.listeners.push(fn);
  }

  /** Records a change (when an actor is given) and tells the listeners. */
  private async changed(tenantId: string, actor: ActorRef | undefined, action: string, targetId: string, before?: unknown, after?: unknown): Promise<void> {
    if (actor && this.deps.audit) await this.deps.audit.record(tenantId, { actor, action, targetType: action.split('.')[0], targetId, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) });
    for (const fn of this.listeners) fn(tenantId);
  }

  private now(): number {
    return this.repoDeps.now();
  }

  // ---- the tree ------------------------------------------------------------------------------

  /** The tenant's tree with who changed it when, or null. */
  async tree(tenantId: string): Promise<{ tree: RouteNode; updatedBy: string; updatedAt: number } | null> {
    return this.trees.get(tenantId);
  }

  /** Checks a tree against the tenant's channels, intervals and policies; throws every problem with its path. */
  async checkTree(tenantId: string, tree: RouteNode): Promise<CompiledRoute> {
    return compileRouteTree(tree, {
      receivers: new Set((await this.deps.channels.list(tenantId)).map((c) => c.id)),
      timeIntervals: new Set((await this.intervals.list(tenantId)).map((t) => t.name)),
      escalationPolicies: new Set((await this.policies.list(tenantId)).map((p) => p.id)),
    });
  }

  /** Replaces the tenant's tree. */
  async putTree(tenantId: string, tree: RouteNode, actor: ActorRef): Promise<RouteNode> {
    await this.checkTree(tenantId, tree);
    const before = await this.trees.get(tenantId);
    await this.trees.put(tenantId, tree, actorName(actor), this.now());
    await this.changed(tenantId, actor, 'routes.update', 'routes', before?.tree ?? null, tree);
    return tree;
  }

  /** Removes the tenant's tree (back to the default channels). */
  async deleteTree(tenantId: string, actor?: ActorRef): Promise<void> {
    const before = await this.trees.get(tenantId);
    if (!before || !(await this.trees.delete(tenantId))) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No routing tree is set.');
    await this.changed(tenantId, actor, 'routes.delete', 'routes', before.tree);
  }

  /** The routes an alert takes and what mutes it now, on the stored tree or a given one. */
  async test(tenantId: string, body: { alertId?: string; alert?: Record<string, unknown>; tree?: RouteNode }): Promise<RouteTestResult> {
    const input = await this.configInput(tenantId, body.tree);
    if (!input) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No routing tree is set: newly opened alerts go to the default channels. Pass a tree to try one.');
    if (body.tree) await this.checkTree(tenantId, body.tree);
    let alert: AlertEvent;
    if (body.alertId) {
      const a = await this.deps.alertById?.(tenantId, body.alertId);
      if (!a) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such alert.', { field: 'alertId' });
      alert = a;
    } else if (body.alert) alert = this.alertFromFields(tenantId, body.alert);
    else throw new VigilError('VIGIL_ERR_VALIDATION', 'give alertId or alert', { field: 'alertId' });
    const d = new NotifyDispatcher(tenantId, compileNotifyConfig(input).config);
    const now = this.now();
    for (const a of (await this.deps.unresolved?.(tenantId)) ?? []) if (a.id !== alert.id) d.receive(a, now);
    const t = d.test(alert, now);
    const doc = alertDoc(alert);
    const matches: RouteMatch[] = t.routes.map((r) => ({ route: r.path, receivers: r.receivers, groupKey: groupOf(r, doc).key, groupBy: r.groupBy, groupWaitMs: r.groupWaitMs, groupIntervalMs: r.groupIntervalMs, repeatIntervalMs: r.repeatIntervalMs, escalationPolicy: r.escalationPolicy }));
    return { matches, mutedBy: t.mutedBy };
  }

  /** An alert made of given fields (`vigil.severity`, `rule.id`, `tags`, anything else as a group field). */
  private alertFromFields(tenantId: string, f: Record<string, unknown>): AlertEvent {
    const s = (k: string, d: string) => (typeof f[k] === 'string' ? (f[k] as string) : d);
    const group: Record<string, unknown> = {};
    const own = new Set(['vigil.severity', 'severity', 'rule.id', 'rule', 'rule.name', 'tags', 'vigil.alert.state', 'state']);
    for (const [k, v] of Object.entries(f)) if (!own.has(k)) group[k] = v;
    const t = iso(this.now());
    return {
      id: 'test-alert', tenantId, ruleId: s('rule.id', s('rule', 'test-rule')), ruleTitle: s('rule.name', 'Test alert'), groupKey: '', severity: s('vigil.severity', s('severity', 'medium')) as AlertEvent['severity'],
      tags: Array.isArray(f.tags) ? f.tags.map(String) : typeof f.tags === 'string' ? [f.tags] : [], count: 1, firstSeen: t, lastSeen: t, sampleEventIds: [], state: s('vigil.alert.state', s('state', 'open')) as AlertEvent['state'], group,
    };
  }

  /** Where a channel is used by the tree or an escalation policy (first place), or null. */
  async channelUse(tenantId: string, channelId: string): Promise<string | null> {
    const t = await this.trees.get(tenantId);
    const inTree = t && treeRefs(t.tree).receivers.find(([, id]) => id === channelId);
    if (inTree) return `the routing tree at ${inTree[0]}`;
    for (const p of await this.policies.list(tenantId)) {
      const i = p.doc.steps.findIndex((s) => s.receivers.includes(channelId));
      if (i >= 0) return `escalation policy "${p.name}" at steps[${i}]`;
    }
    return null;
  }

  /** Everything the dispatcher of a tenant needs, or null when the tenant has no tree. */
  async configInput(tenantId: string, tree?: RouteNode): Promise<NotifyConfigInput | null> {
    const stored = tree ? { tree } : await this.trees.get(tenantId);
    if (!stored) return null;
    const now = this.now();
    return {
      tree: stored.tree,
      silences: (await this.silences.list(tenantId, { endsAfter: now, limit: 10_000 })).map((s) => ({ id: s.id, match: s.match, startsAt: s.startsAt, endsAt: s.endsAt })),
      timeIntervals: (await this.intervals.list(tenantId)).map((t) => ({ name: t.name, ...t.doc })),
      inhibitRules: (await this.inhibits.list(tenantId)).map((r) => ({ id: r.id, name: r.name, ...r.doc })),
      escalationPolicies: (await this.policies.list(tenantId)).map((p) => ({ id: p.id, name: p.name, ...p.doc })),
    };
  }

  /** Ids of the tenants with a tree. */
  tenantsWithTrees(): Promise<string[]> {
    return this.trees.tenants();
  }

  // ---- silences ------------------------------------------------------------------------------

  private silenceView(s: StoredSilence): Silence {
    return { id: s.id, match: s.match, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt), createdBy: s.createdBy, comment: s.comment, createdAt: iso(s.createdAt), state: silenceState(s, this.now()) };
  }

  /** Adds a silence: `endsAt`, or `duration` from `startsAt` (default now). */
  async createSilence(tenantId: string, body: CreateSilenceBody, actor: ActorRef): Promise<Silence> {
    const now = this.now();
    const startsAt = body.startsAt ? Date.parse(body.startsAt) : now;
    let endsAt: number;
    if (body.endsAt) endsAt = Date.parse(body.endsAt);
    else if (body.duration) {
      const ms = parseDuration(body.duration);
      if (ms === null || ms <= 0) throw new VigilError('VIGIL_ERR_VALIDATION', `duration: "${body.duration}" is not ${DURATION_HINT}`, { field: 'duration' });
      endsAt = startsAt + ms;
    } else throw new VigilError('VIGIL_ERR_VALIDATION', 'give endsAt or duration (e.g. "2h")', { field: 'endsAt' });
    if (Number.isNaN(startsAt)) throw new VigilError('VIGIL_ERR_VALIDATION', 'startsAt is not a time', { field: 'startsAt' });
    if (Number.isNaN(endsAt)) throw new VigilError('VIGIL_ERR_VALIDATION', 'endsAt is not a time', { field: 'endsAt' });
    const match = body.match.trim();
    validateSilence({ match, startsAt, endsAt }, now);
    const s = this.silenceView(await this.silences.create(tenantId, { match, startsAt, endsAt, createdBy: actorName(actor), comment: body.comment?.trim() ?? '' }));
    await this.changed(tenantId, actor, 'silence.create', s.id, undefined, s);
    return s;
  }

  /** The tenant's silences, newest first (of one state when given). */
  async listSilences(tenantId: string, state?: SilenceState, limit = 200): Promise<Silence[]> {
    const now = this.now();
    const all = await this.silences.list(tenantId, { endsAfter: state && state !== 'expired' ? now : undefined, limit: state ? 10_000 : limit });
    return all.filter((s) => !state || silenceState(s, now) === state).slice(0, limit).map((s) => this.silenceView(s));
  }

  /** One silence. */
  async silence(tenantId: string, id: string): Promise<Silence> {
    return this.silenceView(await this.silences.get(tenantId, id));
  }

  /** Ends a silence now (a pending one never starts). */
  async expireSilence(tenantId: string, id: string, actor?: ActorRef): Promise<Silence> {
    const s = await this.silences.get(tenantId, id);
    const now = this.now();
    if (s.endsAt <= now) throw new VigilError('VIGIL_ERR_CONFLICT', 'The silence has already expired.', { id });
    const out = this.silenceView(await this.silences.expire(tenantId, id, now));
    await this.changed(tenantId, actor, 'silence.expire', id, this.silenceView(s), out);
    return out;
  }

  // ---- time intervals ------------------------------------------------------------------------

  private intervalView(t: NamedDoc<IntervalDoc>): TimeInterval {
    const c = compileTimeInterval({ name: t.name, ...t.doc });
    return { id: t.id, name: t.name, location: t.doc.location ?? 'UTC', times: t.doc.times, activeNow: c.contains(this.now()), createdAt: iso(t.createdAt), updatedAt: iso(t.updatedAt) };
  }

  private checkInterval(body: TimeIntervalBody): IntervalDoc {
    const p = new ConfigProblems();
    const doc = { location: body.location || 'UTC', times: body.times };
    compileTimeInterval({ name: body.name.trim(), ...doc }, p);
    throwProblems(p);
    return doc;
  }

  /** The tenant's time intervals. */
  async listIntervals(tenantId: string): Promise<TimeInterval[]> {
    return (await this.intervals.list(tenantId)).map((t) => this.intervalView(t));
  }

  /** One time interval. */
  async interval(tenantId: string, id: string): Promise<TimeInterval> {
    return this.intervalView(await this.intervals.get(tenantId, id));
  }

  /** Adds a time interval. */
  async createInterval(tenantId: string, body: TimeIntervalBody, actor?: ActorRef): Promise<TimeInterval> {
    const t = this.intervalView(await this.intervals.create(tenantId, body.name.trim(), this.checkInterval(body)));
    await this.changed(tenantId, actor, 'time_interval.create', t.id, undefined, t);
    return t;
  }

  /** Replaces a time interval; renaming one the tree uses is refused. */
  async updateInterval(tenantId: string, id: string, body: TimeIntervalBody, actor?: ActorRef): Promise<TimeInterval> {
    const current = await this.intervals.get(tenantId, id);
    const doc = this.checkInterval(body);
    if (current.name !== body.name.trim()) await this.assertIntervalUnused(tenantId, current.name, 'renamed');
    const t = this.intervalView(await this.intervals.update(tenantId, id, body.name.trim(), doc));
    await this.changed(tenantId, actor, 'time_interval.update', id, this.intervalView(current), t);
    return t;
  }

  /** Deletes a time interval the tree does not use. */
  async deleteInterval(tenantId: string, id: string, actor?: ActorRef): Promise<void> {
    const current = await this.intervals.get(tenantId, id);
    await this.assertIntervalUnused(tenantId, current.name, 'deleted');
    await this.intervals.delete(tenantId, id);
    await this.changed(tenantId, actor, 'time_interval.delete', id, this.intervalView(current));
  }

  private async assertIntervalUnused(tenantId: string, name: string, what: string): Promise<void> {
    const t = await this.trees.get(tenantId);
    const use = t && treeRefs(t.tree).intervals.find(([, n]) => n === name);
    if (use) throw new VigilError('VIGIL_ERR_CONFLICT', `The time interval "${name}" cannot be ${what}: the routing tree uses it at ${use[0]}.`, { field: 'name', path: use[0] });
  }

  // ---- inhibit rules -------------------------------------------------------------------------

  private inhibitView(r: NamedDoc<InhibitDoc>): InhibitRule {
    return { id: r.id, name: r.name, source_match: r.doc.source_match, target_match: r.doc.target_match, equal: r.doc.equal ?? [], enabled: r.doc.enabled !== false, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) };
  }

  private checkInhibit(body: InhibitRuleBody): InhibitDoc {
    const doc: InhibitDoc = { source_match: body.source_match.trim(), target_match: body.target_match.trim(), equal: body.equal ?? [], enabled: body.enabled ?? true };
    const p = new ConfigProblems();
    compileInhibitRule({ id: '', name: body.name, ...doc }, p);
    throwProblems(p);
    return doc;
  }

  /** The tenant's inhibit rules. */
  async listInhibitRules(tenantId: string): Promise<InhibitRule[]> {
    return (await this.inhibits.list(tenantId)).map((r) => this.inhibitView(r));
  }

  /** One inhibit rule. */
  async inhibitRule(tenantId: string, id: string): Promise<InhibitRule> {
    return this.inhibitView(await this.inhibits.get(tenantId, id));
  }

  /** Adds an inhibit rule. */
  async createInhibitRule(tenantId: string, body: InhibitRuleBody, actor?: ActorRef): Promise<InhibitRule> {
    const r = this.inhibitView(await this.inhibits.create(tenantId, body.name.trim(), this.checkInhibit(body)));
    await this.changed(tenantId, actor, 'inhibit_rule.create', r.id, undefined, r);
    return r;
  }

  /** Replaces an inhibit rule. */
  async updateInhibitRule(tenantId: string, id: string, body: InhibitRuleBody, actor?: ActorRef): Promise<InhibitRule> {
    const before = this.inhibitView(await this.inhibits.get(tenantId, id));
    const r = this.inhibitView(await this.inhibits.update(tenantId, id, body.name.trim(), this.checkInhibit(body)));
    await this.changed(tenantId, actor, 'inhibit_rule.update', id, before, r);
    return r;
  }

  /** Deletes an inhibit rule. */
  async deleteInhibitRule(tenantId: string, id: string, actor?: ActorRef): Promise<void> {
    const before = this.inhibitView(await this.inhibits.get(tenantId, id));
    await this.inhibits.delete(tenantId, id);
    await this.changed(tenantId, actor, 'inhibit_rule.delete', id, before);
  }

  // ---- escalation policies -------------------------------------------------------------------

  private policyView(p: NamedDoc<PolicyDoc>): EscalationPolicy {
    return { id: p.id, name: p.name, steps: p.doc.steps, repeat: p.doc.repeat ?? 0, createdAt: iso(p.createdAt), updatedAt: iso(p.updatedAt) };
  }

  private async checkPolicy(tenantId: string, body: EscalationPolicyBody): Promise<PolicyDoc> {
    const doc: PolicyDoc = { steps: body.steps.map((s) => ({ wait: s.wait, receivers: s.receivers })), repeat: body.repeat ?? 0 };
    const p = new ConfigProblems();
    compileEscalationPolicy({ id: '', name: body.name, ...doc }, p, '', new Set((await this.deps.channels.list(tenantId)).map((c) => c.id)));
    throwProblems(p);
    return doc;
  }

  /** The tenant's escalation policies. */
  async listPolicies(tenantId: string): Promise<EscalationPolicy[]> {
    return (await this.policies.list(tenantId)).map((p) => this.policyView(p));
  }

  /** One escalation policy. */
  async policy(tenantId: string, id: string): Promise<EscalationPolicy> {
    return this.policyView(await this.policies.get(tenantId, id));
  }

  /** Adds an escalation policy. */
  async createPolicy(tenantId: string, body: EscalationPolicyBody, actor?: ActorRef): Promise<EscalationPolicy> {
    const p = this.policyView(await this.policies.create(tenantId, body.name.trim(), await this.checkPolicy(tenantId, body)));
    await this.changed(tenantId, actor, 'escalation_policy.create', p.id, undefined, p);
    return p;
  }

  /** Replaces an escalation policy. */
  async updatePolicy(tenantId: string, id: string, body: EscalationPolicyBody, actor?: ActorRef): Promise<EscalationPolicy> {
    const before = this.policyView(await this.policies.get(tenantId, id));
    const p = this.policyView(await this.policies.update(tenantId, id, body.name.trim(), await this.checkPolicy(tenantId, body)));
    await this.changed(tenantId, actor, 'escalation_policy.update', id, before, p);
    return p;
  }

  /** Deletes an escalation policy the tree does not name. */
  async deletePolicy(tenantId: string, id: string, actor?: ActorRef): Promise<void> {
    const p = await this.policies.get(tenantId, id);
    const t = await this.trees.get(tenantId);
    const use = t && treeRefs(t.tree).policies.find(([, pid]) => pid === id);
    if (use) throw new VigilError('VIGIL_ERR_CONFLICT', `The escalation policy "${p.name}" cannot be deleted: the routing tree names it at ${use[0]}.`, { path: use[0] });
    await this.policies.delete(tenantId, id);
    await this.changed(tenantId, actor, 'escalation_policy.delete', id, this.policyView(p));
  }
}
