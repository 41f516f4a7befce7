/**
 * @module detection/engine
 * The streaming detection engine: `evaluate(ruleSet, state, events, now) -> { state, signals, stats }`.
 *
 * Time is event time (`@timestamp`). The watermark of a rule is `max(latest event time, now) -
 * allowed_lateness`: an event older than it arrives too late and is only counted (`tooLate`); anything
 * newer counts exactly, in whatever order and batches it arrives. Threshold, value_count, sequence and
 * the plain match fire as soon as the evidence exists; absence, new_terms and metric decide once the
 * watermark makes the answer final — and `now` advances the watermark when no events come, which is what
 * lets a silent group be noticed. For replays, pass the replayed time (or 0) as `now`.
 */
import type { FieldValue, Signal, VigilEvent } from '@vigil/contracts';
import type { CompiledRule } from './compile-rule.ts';
import { signalSeverity } from './compile-rule.ts';
import { newRuleState, type EngineState, type GroupSlot, type RuleState } from './engine-state.ts';
import { EventGroupKeys, groupRecord, groupRecordOf } from './group-key.ts';
import type { Fire, KindContext, RuleKind } from './rule-kind.ts';
import { RuleIndex } from './rule-index.ts';
import { signalId } from './signal-id.ts';
import { renderTitle } from './title-template.ts';

/** Engine limits and defaults. */
export interface EngineOptions {
  /** Allowed lateness of rules that set none (default 60 s). */
  defaultLatenessMs?: number;
  /** Groups one rule may hold before the stalest, lightest is evicted (default 100,000). */
  maxGroupsPerRule?: number;
}

/** A compiled, indexed rule set: build once per change of the rules, reuse for every batch. */
export interface RuleSet {
  readonly rules: readonly CompiledRule[];
  readonly index: RuleIndex;
  readonly latenessMs: readonly number[];
  readonly maxGroups: number;
  /** Per rule, its slot in {@link RuleSet.groupKeys}. */
  readonly keySlots: readonly number[];
  readonly groupKeys: EventGroupKeys;
}

/** Counters of one `evaluate` call (the server adds them to its metrics). */
export interface EvalStats {
  events: number;
  /** Events whose `@timestamp` is not a time (skipped). */
  badTime: number;
  /** Rule predicates run (after the prefilter). */
  candidates: number;
  matched: number;
  tooLate: number;
  missingGroup: number;
  evicted: number;
  signals: number;
}

/** Counters of one rule in one `evaluate` call. */
export type RuleStats = Omit<EvalStats, 'events' | 'badTime'>;

/** What `evaluate` answers. */
export interface EvalResult {
  state: EngineState;
  signals: Signal[];
  stats: EvalStats;
  /** Per rule id, only rules with something to count. */
  perRule: Record<string, RuleStats>;
}

/**
 * Builds a rule set from compiled rules (disabled ones are left out).
 *
 * @example
 * const set = createRuleSet(docs.map((d) => compileRule(d, BUILTIN_RULE_KINDS)).flatMap((r) => (r.ok ? [r.rule] : [])));
 */
export function createRuleSet(rules: readonly CompiledRule[], options: EngineOptions = {}): RuleSet {
  const active = rules.filter((r) => r.enabled);
  const def = options.defaultLatenessMs ?? 60_000;
  const groupKeys = new EventGroupKeys();
  return {
    rules: active,
    index: new RuleIndex(active.map((r) => r.filter)),
    latenessMs: active.map((r) => r.latenessMs ?? def),
    maxGroups: Math.max(1, options.maxGroupsPerRule ?? 100_000),
    keySlots: active.map((r) => groupKeys.slotOf(r.groupBy)),
    groupKeys,
  };
}

let lastMs = NaN;
let lastIso = '';

/** ISO text of a time; a signal's window start, first and last time are often one instant (one event). */
function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

const zero = (): RuleStats => ({ candidates: 0, matched: 0, tooLate: 0, missingGroup: 0, evicted: 0, signals: 0 });

/** Per-rule working context for one call; reused across events so a hit allocates nothing extra. */
class RuleRun implements KindContext {
  watermark = 0;
  key = '';
  readonly stats = zero();
  readonly suppressMs: number | null;
  constructor(
    readonly rule: CompiledRule,
    readonly state: RuleState,
    readonly out: Signal[],
  ) {
    this.suppressMs = rule.suppressMs;
  }

  capture(event: VigilEvent): FieldValue[] | undefined {
    const f = this.rule.captureFields;
    if (!f.length) return undefined;
    return f.map((x) => (Object.hasOwn(event, x) ? (event[x] ?? null) : null));
  }

  emit(fire: Fire): void {
    const rule = this.rule;
    const event = fire.event;
    // An eager fire's event holds the group's values; only timer fires read them back from the key.
    const group = event ? groupRecordOf(event, rule.groupBy) : groupRecord(this.key, rule.groupBy);
    const lookup = (f: string): FieldValue | undefined => {
      if (Object.hasOwn(group, f)) return group[f];
      if (event) return Object.hasOwn(event, f) ? event[f] : undefined;
      const i = rule.captureFields.indexOf(f);
      return i >= 0 ? fire.captured?.[i] : undefined;
    };
    this.stats.signals++;
    const signal: Signal = {
      id: signalId(rule.id, this.key, fire.idKey ?? String(fire.windowStart)),
      ruleId: rule.id,
      kind: rule.kind.name,
      title: renderTitle(rule.title, lookup),
      severity: signalSeverity(rule, rule.severityFrom ? lookup(rule.severityFrom.field) : undefined),
      tags: rule.tags.length ? [...rule.tags] : [],
      groupKey: this.key,
      group,
      windowStart: isoTime(fire.windowStart),
      firstTime: isoTime(fire.first),
      lastTime: isoTime(fire.last),
      count: fire.count,
      sampleEventIds: fire.sampleIds,
    };
    if (fire.eventIds) signal.eventIds = fire.eventIds;
    if (rule.doc.source) signal.source = rule.doc.source;
    this.out.push(signal);
  }

  /** Schedules the group's timer when its deadline moved earlier than the one queued. */
  schedule(slot: GroupSlot): void {
    const d = this.rule.kind.deadline(this.rule.config, slot.s);
    if (d !== null && (slot.d === null || d < slot.d)) {
      slot.d = d;
      this.state.timers.push(d, slot);
    }
  }

  /** Runs every due timer of the rule. */
  runTimers(): void {
    const { kind, config } = this.rule;
    const timers = this.state.timers;
    const groups = this.state.groups;
    for (let top = timers.peek(); top !== null && top < this.watermark; top = timers.peek()) {
      const slot = timers.pop();
      if (slot.d !== top) continue; // stale entry: the group moved on or is gone
      slot.d = null;
      const d = kind.deadline(config, slot.s);
      if (d === null) continue;
      if (d >= this.watermark) {
        slot.d = d;
        timers.push(d, slot);
        continue;
      }
      this.key = slot.k;
      const next = kind.onTimer(config, slot.s, this);
      if (next === undefined) groups.delete(slot.k);
      else {
        slot.s = next;
        const nd = kind.deadline(config, next);
        // A kind must finish what is due; a deadline still behind is retried on the next call, not now.
        if (nd !== null) {
          slot.d = Math.max(nd, this.watermark);
          timers.push(slot.d, slot);
        }
      }
    }
  }

  /**
   * Evicts one group: the lightest of the first few not touched since the clock last passed them
   * (second chance; touched ones move to the back). Light groups go first, so a flood of one-event keys
   * evicts its own kind before a slow brute force that has gathered evidence.
   */
  evict(): void {
    const groups = this.state.groups;
    const kind: RuleKind = this.rule.kind;
    let victim: GroupSlot | null = null;
    let best = Infinity;
    let seen = 0;
    let moved = 0;
    for (const [k, g] of groups) {
      if (g.u && moved < 64) {
        // Moving an entry during iteration is safe for Maps: it is revisited at the end at most once.
        g.u = 0;
        groups.delete(k);
        groups.set(k, g);
        moved++;
        continue;
      }
      const w = kind.weight(g.s);
      if (w < best) {
        best = w;
        victim = g;
      }
      if (++seen === 8 || w <= 1) break;
    }
    if (victim !== null) {
      groups.delete(victim.k);
      victim.d = null;
      this.stats.evicted++;
    }
  }
}

/** Brings the state's rule entries in line with the rule set (new rules start empty; changed ones restart). */
function runsFor(set: RuleSet, state: EngineState, out: Signal[]): RuleRun[] {
  const ids = new Set<string>();
  const runs = set.rules.map((rule) => {
    ids.add(rule.id);
    let rs = state.rules.get(rule.id);
    if (!rs || rs.fingerprint !== rule.fingerprint) {
      rs = newRuleState(rule.fingerprint);
      state.rules.set(rule.id, rs);
    }
    return new RuleRun(rule, rs, out);
  });
  for (const id of [...state.rules.keys()]) if (!ids.has(id)) state.rules.delete(id);
  return runs;
}

let scratch: number[] = [];

/**
 * Evaluates a batch of events at clock time `now` (ms); answers the updated state (the same object, which
 * the engine owns until the call returns), the signals fired, and counters. Deterministic: the same state,
 * events and `now` give the same answer.
 *
 * @example
 * let state = createEngineState();
 * const r = evaluate(set, state, events, Date.now());
 * state = r.state;
 * for (const s of r.signals) alerts.raise(s); // s.id is stable across restarts: dedupe on it
 */
export function evaluate(set: RuleSet, state: EngineState, events: readonly VigilEvent[], now: number): EvalResult {
  const signals: Signal[] = [];
  const stats: EvalStats = { events: events.length, badTime: 0, candidates: 0, matched: 0, tooLate: 0, missingGroup: 0, evicted: 0, signals: 0 };
  const runs = runsFor(set, state, signals);
  if (Number.isFinite(now) && (state.clock === null || now > state.clock)) state.clock = now;
  if (scratch.length < runs.length) scratch = new Array<number>(runs.length).fill(0);
  const cands = scratch;
  const lateness = set.latenessMs;
  const maxGroups = set.maxGroups;
  const { groupKeys, keySlots } = set;
  // One mutable hit for the whole call: kinds copy what they keep, never the object.
  const hit: { t: number; id: string; event: VigilEvent } = { t: 0, id: '', event: events[0]! };

  for (let e = 0; e < events.length; e++) {
    const event = events[e]!;
    const t = Date.parse(event['@timestamp']);
    if (!Number.isFinite(t)) {
      stats.badTime++;
      continue;
    }
    const hi = state.maxTime === null ? (state.clock ?? t) : state.clock === null ? state.maxTime : Math.max(state.maxTime, state.clock);
    const id = typeof event.id === 'string' ? event.id : String(event.id);
    const n = set.index.candidates(event, cands);
    groupKeys.next();
    for (let c = 0; c < n; c++) {
      const ri = cands[c]!;
      const run = runs[ri]!;
      run.stats.candidates++;
      if (!run.rule.predicate(event)) continue;
      run.stats.matched++;
      const wm = hi - lateness[ri]!;
      if (t < wm) {
        run.stats.tooLate++;
        continue;
      }
      const key = groupKeys.keyOf(event, keySlots[ri]!);
      if (key === null) {
        run.stats.missingGroup++;
        continue;
      }
      run.watermark = wm;
      run.key = key;
      const groups = run.state.groups;
      const slot = groups.get(key);
      hit.t = t;
      hit.id = id;
      hit.event = event;
      const next = run.rule.kind.onHit(run.rule.config, slot?.s, hit, run);
      if (next === undefined) {
        if (slot) {
          groups.delete(key);
          slot.d = null;
        }
        continue;
      }
      if (slot) {
        slot.s = next;
        slot.u = 1;
        run.schedule(slot);
      } else {
        // New groups get no second chance: a flood of one-event keys is evicted before groups seen again.
        const s: GroupSlot = { k: key, s: next, d: null, u: 0 };
        groups.set(key, s);
        run.schedule(s);
        if (groups.size > maxGroups) run.evict();
      }
    }
    if (state.maxTime === null || t > state.maxTime) state.maxTime = t;
  }

  const hi = state.maxTime === null ? state.clock : state.clock === null ? state.maxTime : Math.max(state.maxTime, state.clock);
  const perRule: Record<string, RuleStats> = {};
  runs.forEach((run, ri) => {
    if (hi !== null) {
      run.watermark = hi - lateness[ri]!;
      run.runTimers();
    }
    const s = run.stats;
    stats.candidates += s.candidates;
    stats.matched += s.matched;
    stats.tooLate += s.tooLate;
    stats.missingGroup += s.missingGroup;
    stats.evicted += s.evicted;
    if (s.candidates || s.signals || s.evicted) perRule[run.rule.id] = s;
  });
  stats.signals = signals.length;
  return { state, signals, stats, perRule };
}

/**
 * Seeds groups from history (for `new_terms` and `absence`): each entry's values (in the order of the
 * rule's group fields) were last seen at `lastSeen` (ms). The server calls it at start with what the
 * store holds. Answers how many groups were seeded (0 for kinds without history).
 *
 * @example
 * seedGroups(set, state, 'new-admin-source', [{ values: ['alice', '203.0.113.9'], lastSeen: Date.parse('2026-12-01T10:00:00Z') }]);
 */
export function seedGroups(set: RuleSet, state: EngineState, ruleId: string, entries: readonly { values: readonly FieldValue[]; lastSeen: number }[]): number {
  const rule = set.rules.find((r) => r.id === ruleId);
  if (!rule?.kind.seed) return 0;
  const run = runsFor(set, state, [])[set.rules.indexOf(rule)]!;
  let n = 0;
  for (const { values, lastSeen } of entries) {
    if (values.length !== rule.groupBy.length || values.some((v) => v === null || v === undefined) || !Number.isFinite(lastSeen)) continue;
    const key = JSON.stringify(values);
    const slot: GroupSlot = run.state.groups.get(key) ?? { k: key, s: undefined, d: null, u: 1 };
    slot.s = rule.kind.seed(rule.config, slot.s, lastSeen);
    run.state.groups.set(key, slot);
    run.schedule(slot);
    n++;
  }
  while (run.state.groups.size > set.maxGroups) run.evict();
  return n;
}
