/**
 * @module detection/rule-replay
 * Runs one rule over events that already happened (a test on sample lines, a backtest over stored
 * history) and folds what it fires into the alerts it would have raised — one per group, as the alert
 * service folds repeats into the open alert. The same engine as live detection, with the replayed
 * time as its clock, so old events are not "too late". Never touches real alerts.
 */
import type { FieldValue, Severity, Signal, VigilEvent } from '@vigil/contracts';
import { foldSignal, openAlert, type AlertRecord } from '../alerts/alert-state.ts';
import type { CompiledRule } from './compile-rule.ts';
import { createRuleSet, evaluate, seedGroups, type EngineOptions, type RuleSet } from './engine.ts';
import { createEngineState, type EngineState } from './engine-state.ts';

/** Would-be alerts kept whole (the earliest opened); later groups are only counted in `alertsTotal`. */
const MAX_KEPT = 10_000;

/** An alert a replay would have raised: one per group, repeats folded in. */
export interface ReplayAlert {
  ruleId: string;
  title: string;
  severity: Severity;
  groupKey: string;
  group: Record<string, FieldValue>;
  /** Events counted over every signal folded in. */
  count: number;
  /** Signals folded in (the first opened it). */
  signals: number;
  firstSeen: string;
  lastSeen: string;
  sampleEventIds: string[];
}

/** What a replay answers. */
export interface ReplayResult {
  /** Events pushed (all of them, matching or not). */
  events: number;
  /** Events that matched the rule's filter. */
  matched: number;
  /** Ids of the first matching events (up to `matchIds`). */
  matchedIds: string[];
  tooLate: number;
  missingGroup: number;
  evicted: number;
  /** Signals fired (each id once). */
  signals: number;
  /** Would-be alerts, oldest first (up to `maxAlerts`, and of the first 10,000 opened; `alertsTotal` counts all). */
  alerts: ReplayAlert[];
  alertsTotal: number;
  /** Time spent in the engine (and collecting match ids), ms by the injected clock. */
  evaluateMs: number;
}

/** Options of a replay. */
export interface ReplayOptions extends EngineOptions {
  /** A monotonic clock in ms for timing (`performance.now` in the server). */
  clock: () => number;
  /** How many matching event ids to keep (0: none; default 0). */
  matchIds?: number;
  /** How many alerts to answer (default 1,000; all are counted). */
  maxAlerts?: number;
}

/**
 * One rule replayed over events pushed in event-time order (`push` may be called many times, e.g. page
 * by page from the store), then `finish(until)` closes what the clock reaching `until` would close.
 *
 * @example
 * const r = new RuleReplay(rule, { clock: () => performance.now(), matchIds: 100 });
 * r.push(sortByEventTime(events));
 * const { alerts } = r.finish(Date.parse('2026-12-01T00:00:00Z'));
 */
export class RuleReplay {
  private readonly set: RuleSet;
  private state: EngineState = createEngineState();
  private readonly seen = new Set<string>();
  private readonly byGroup = new Map<string, AlertRecord>();
  /** Groups that fired after MAX_KEPT alerts were open (counted, not kept). */
  private readonly overflow = new Set<string>();
  private readonly result: ReplayResult = { events: 0, matched: 0, matchedIds: [], tooLate: 0, missingGroup: 0, evicted: 0, signals: 0, alerts: [], alertsTotal: 0, evaluateMs: 0 };
  private readonly matchIds: number;

  constructor(
    private readonly rule: CompiledRule,
    private readonly opts: ReplayOptions,
  ) {
    // A replay runs the rule even when it is switched off: that is how one tries a rule before enabling it.
    this.set = createRuleSet([rule.enabled ? rule : { ...rule, enabled: true }], opts);
    this.matchIds = opts.matchIds ?? 0;
  }

  /**
   * Seeds what was seen before the replayed range (`new_terms`: the distinct values of its fields and
   * when each was last seen); answers how many groups were seeded.
   */
  seed(entries: readonly { values: readonly FieldValue[]; lastSeen: number }[]): number {
    return seedGroups(this.set, this.state, this.rule.id, entries);
  }

  /** Feeds events (in event-time order; earlier ones later than the allowed lateness count as too late). */
  push(events: readonly VigilEvent[]): void {
    if (!events.length) return;
    const t0 = this.opts.clock();
    if (this.result.matchedIds.length < this.matchIds) {
      for (const e of events) {
        if (this.result.matchedIds.length >= this.matchIds) break;
        if (this.rule.predicate(e)) this.result.matchedIds.push(String(e.id));
      }
    }
    // Clock 0: the watermark follows the replayed event times alone (engine.ts), never the wall clock.
    const r = evaluate(this.set, this.state, events, 0);
    this.state = r.state;
    this.result.events += events.length;
    this.take(r.signals, r.perRule[this.rule.id]);
    this.result.evaluateMs += this.opts.clock() - t0;
  }

  /** Advances the clock to `until` (closing windows, deciding absence and new terms) and answers the result. */
  finish(until: number): ReplayResult {
    const t0 = this.opts.clock();
    const r = evaluate(this.set, this.state, [], until);
    this.state = r.state;
    this.take(r.signals, r.perRule[this.rule.id]);
    this.result.evaluateMs += this.opts.clock() - t0;
    const all = [...this.byGroup.values()].sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.groupKey < b.groupKey ? -1 : 1));
    this.result.alertsTotal = all.length + this.overflow.size;
    this.result.alerts = all.slice(0, this.opts.maxAlerts ?? 1000).map((a) => ({
      ruleId: a.ruleId,
      title: a.title,
      severity: a.severity,
      groupKey: a.groupKey,
      group: a.group as Record<string, FieldValue>,
      count: a.count,
      signals: a.signals,
      firstSeen: a.firstSeen,
      lastSeen: a.lastSeen,
      sampleEventIds: a.sampleEventIds,
    }));
    return this.result;
  }

  private take(signals: readonly Signal[], stats: { matched: number; tooLate: number; missingGroup: number; evicted: number } | undefined): void {
    if (stats) {
      this.result.matched += stats.matched;
      this.result.tooLate += stats.tooLate;
      this.result.missingGroup += stats.missingGroup;
      this.result.evicted += stats.evicted;
    }
    for (const s of signals) {
      // The alert service ignores a signal id it has seen; so does the replay.
      if (this.seen.has(s.id)) continue;
      this.seen.add(s.id);
      this.result.signals++;
      const open = this.byGroup.get(s.groupKey);
      if (!open && this.byGroup.size >= MAX_KEPT) {
        // Past the kept alerts only the groups are counted: a replay over millions of events stays bounded.
        this.overflow.add(s.groupKey);
        continue;
      }
      this.byGroup.set(s.groupKey, open ? foldSignal(open, s, 0).alert : openAlert(s, { tenantId: '', id: s.id, now: 0 }).alert);
    }
  }
}

/** The events sorted by `@timestamp` (stable; events without a valid time keep their place at the end). */
export function sortByEventTime<T extends VigilEvent>(events: readonly T[]): T[] {
  const keyed = events.map((e, i) => ({ e, i, t: Date.parse(e['@timestamp']) }));
  keyed.sort((a, b) => (Number.isFinite(a.t) ? (Number.isFinite(b.t) ? a.t - b.t || a.i - b.i : -1) : Number.isFinite(b.t) ? 1 : a.i - b.i));
  return keyed.map((k) => k.e);
}
