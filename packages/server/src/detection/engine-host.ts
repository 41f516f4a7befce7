/**
 * @module detection/engine-host
 * The detection engine for every tenant: compiled rule sets and engine states, evaluated batch by
 * batch. Runs inside the detection worker thread (`detection-thread.ts`), or inline in tests.
 */
import type { EngineStateJSON, QueryNode } from '@vigil/core';
import type { FieldValue, RuleDoc, Signal, TenantEvent, VigilEvent } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, compileRule, createEngineState, createRuleSet, evaluate, seedGroups, stateFromJSON, stateToJSON, type CompiledRule, type EngineState, type EvalStats, type RuleSet } from '@vigil/core';

/** A rule that did not compile when loaded (stored rules were validated on save; this catches drift). */
export interface LoadProblem {
  tenantId: string;
  ruleId: string;
  message: string;
}

/** A rule that starts without state and learns from stored events (`new_terms`): what to read. */
export interface SeedRequest {
  tenantId: string;
  ruleId: string;
  /** The rule's filter (its query and its kind's). */
  filter: QueryNode;
  fields: string[];
  historyMs: number;
}

/** What one evaluation produced. */
export interface EngineOutput {
  signals: Record<string, Signal[]>;
  stats: EvalStats;
}

interface Tenant {
  set: RuleSet;
  state: EngineState;
}

const EMPTY: readonly VigilEvent[] = [];

function addStats(into: EvalStats, s: EvalStats): void {
  into.events += s.events;
  into.badTime += s.badTime;
  into.candidates += s.candidates;
  into.matched += s.matched;
  into.tooLate += s.tooLate;
  into.missingGroup += s.missingGroup;
  into.evicted += s.evicted;
  into.signals += s.signals;
}

/** Longest spread of arrival times judged at one clock (see `engineRuns`). */
export const RUN_MS = 1000;

/** One evaluation's worth of committed events: per tenant, judged at `clock` (0: no arrival time known). */
export interface EngineRun {
  byTenant: Record<string, VigilEvent[]>;
  clock: number;
}

/**
 * Committed events cut into runs for the engine. The clock of an evaluation is the newest arrival time
 * (`event.ingested`) in it. A batch read after downtime can span events that arrived minutes apart
 * (before a crash and after the restart); one clock for all would judge the older ones too late. So the
 * batch is cut into runs that arrived within RUN_MS of their first, and each run is judged at its own
 * arrival time — as it was (or would have been) live. Alerts are stored as events too; rules never see
 * them, so no rule can feed on its own alerts.
 */
export function* engineRuns(entries: Iterable<TenantEvent>): Generator<EngineRun> {
  let byTenant: Record<string, VigilEvent[]> = {};
  let runStart = NaN;
  let clock = 0;
  let any = false;
  for (const e of entries) {
    if (e.event['vigil.input'] === 'detection') continue;
    const t = Date.parse(e.event['event.ingested']);
    if (any && Number.isFinite(t) && !(t <= runStart + RUN_MS && t >= runStart - RUN_MS)) {
      yield { byTenant, clock };
      byTenant = {};
      clock = 0;
      any = false;
    }
    if (!any) runStart = Number.isFinite(t) ? t : runStart;
    (byTenant[e.tenantId] ??= []).push(e.event);
    any = true;
    if (t > clock) clock = t;
  }
  if (any) yield { byTenant, clock };
}

/** Committed rows as text (the `message` column and the JSON document without it), column-wise. */
export interface TextBatch {
  tenantIds: string[];
  messages: string[];
  docs: string[];
}

/** The events of a text batch (parsed here, on the engine's thread). */
export function* textEvents(b: TextBatch): Generator<TenantEvent> {
  for (let i = 0; i < b.docs.length; i++) {
    const event = JSON.parse(b.docs[i]!) as VigilEvent;
    event.message = b.messages[i]!;
    yield { tenantId: b.tenantIds[i]!, event };
  }
}

/** Rule sets and states per tenant. */
export class EngineHost {
  private tenants = new Map<string, Tenant>();

  /** Compiles and indexes the rules; keeps each tenant's state (a changed rule's old state is dropped by the engine). */
  load(rules: readonly { tenantId: string; doc: RuleDoc }[], states?: Record<string, unknown>): { problems: LoadProblem[]; rules: number; seeds: SeedRequest[] } {
    const byTenant = new Map<string, CompiledRule[]>();
    const problems: LoadProblem[] = [];
    let count = 0;
    for (const { tenantId, doc } of rules) {
      const r = compileRule(doc, BUILTIN_RULE_KINDS);
      if (!r.ok) {
        problems.push({ tenantId, ruleId: String(doc?.id), message: r.errors.map((e) => `${e.path}: ${e.message}`).join('; ') });
        continue;
      }
      if (!r.rule.enabled) continue;
      count++;
      const list = byTenant.get(tenantId);
      if (list) list.push(r.rule);
      else byTenant.set(tenantId, [r.rule]);
    }
    const next = new Map<string, Tenant>();
    const seeds: SeedRequest[] = [];
    for (const [tenantId, compiled] of byTenant) {
      const saved = states?.[tenantId];
      const state = this.tenants.get(tenantId)?.state ?? (saved ? stateFromJSON(saved as EngineStateJSON) : createEngineState());
      next.set(tenantId, { set: createRuleSet(compiled), state });
      // A rule whose state is missing or belongs to another version starts afresh: it learns from the store.
      for (const r of compiled) {
        const h = r.kind.history?.(r.config);
        if (h && state.rules.get(r.id)?.fingerprint !== r.fingerprint) seeds.push({ tenantId, ruleId: r.id, filter: r.filter, fields: [...h.fields], historyMs: h.ms });
      }
    }
    this.tenants = next;
    return { problems, rules: count, seeds };
  }

  /** Seeds a rule's groups from stored history (values in the order of its group fields); answers how many. */
  seed(tenantId: string, ruleId: string, entries: readonly { values: FieldValue[]; lastSeen: number }[]): number {
    const t = this.tenants.get(tenantId);
    return t ? seedGroups(t.set, t.state, ruleId, entries) : 0;
  }

  /** Evaluates each tenant's events (tenants without events still advance their clock: absence, windows). */
  evaluate(batches: Record<string, readonly VigilEvent[]>, now: number): EngineOutput {
    const signals: Record<string, Signal[]> = {};
    const stats: EvalStats = { events: 0, badTime: 0, candidates: 0, matched: 0, tooLate: 0, missingGroup: 0, evicted: 0, signals: 0 };
    for (const [tenantId, t] of this.tenants) {
      const events = Object.hasOwn(batches, tenantId) ? batches[tenantId]! : EMPTY;
      const r = evaluate(t.set, t.state, events, now);
      t.state = r.state;
      addStats(stats, r.stats);
      if (r.signals.length) signals[tenantId] = r.signals;
    }
    return { signals, stats };
  }

  /**
   * Evaluates committed rows given as text: parsed and cut into runs here, each run judged at its own
   * clock (`fallbackNow` when none of its events has an arrival time); the outputs are merged in order.
   */
  evaluateText(batch: TextBatch, fallbackNow: number): EngineOutput {
    const signals: Record<string, Signal[]> = {};
    const stats: EvalStats = { events: 0, badTime: 0, candidates: 0, matched: 0, tooLate: 0, missingGroup: 0, evicted: 0, signals: 0 };
    for (const run of engineRuns(textEvents(batch))) {
      const out = this.evaluate(run.byTenant, run.clock || fallbackNow);
      addStats(stats, out.stats);
      for (const [tenantId, list] of Object.entries(out.signals)) (signals[tenantId] ??= []).push(...list);
    }
    return { signals, stats };
  }

  /** Every tenant's state as JSON (for the checkpoint). */
  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [tenantId, t] of this.tenants) out[tenantId] = stateToJSON(t.state);
    return out;
  }
}
