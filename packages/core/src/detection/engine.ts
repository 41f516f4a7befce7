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
import { NO_DEADLINE, type EngineState, type GroupSlot, type RuleState } from './engine-state.ts';
import { eventTime } from './event-time.ts';
import { EventGroupKeys, engineKey, publicKey } from './group-key.ts';
import type { Fire, KindContext, RuleKind } from './rule-kind.ts';
import { RuleIndex } from './rule-index.ts';
import { ruleSignal } from './rule-signal.ts';
import { planUnits, shareFamilies, type UnitPlan } from './rule-units.ts';

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
  /** Rules that gather identical evidence and may run as one unit (rule-units.ts). */
  readonly families: readonly (readonly number[])[];
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
  const latenessMs = active.map((r) => r.latenessMs ?? def);
  return {
    rules: active,
    index: new RuleIndex(active.map((r) => r.filter)),
    latenessMs,
    maxGroups: Math.max(1, options.maxGroupsPerRule ?? 100_000),
    keySlots: active.map((r) => groupKeys.slotOf(r.groupBy)),
    groupKeys,
    families: shareFamilies(active, latenessMs),
  };
}

const zero = (): RuleStats => ({ candidates: 0, matched: 0, tooLate: 0, missingGroup: 0, evicted: 0, signals: 0 });

/** One rule of a unit in one call: its counters. */
interface Member {
  readonly rule: CompiledRule;
  readonly stats: RuleStats;
}

/**
 * A unit's working context for one call (a rule alone, or rules sharing evidence); reused across events
 * so a hit allocates nothing extra.
 */
class Unit implements KindContext {
  watermark = 0;
  key = '';
  /** What every rule of the unit counts alike (its members share one filter); handed to each at the end. */
  readonly counts = { candidates: 0, matched: 0, tooLate: 0, missingGroup: 0 };
  readonly suppressMs: number | null;
  readonly kind: RuleKind;
  readonly config: unknown;
  readonly state: RuleState;
  readonly members: Member[];
  /** The members' indexes in the rule set. */
  readonly indexes: readonly number[];
  constructor(
    plan: UnitPlan,
    rules: readonly CompiledRule[],
    readonly out: Signal[],
  ) {
    this.kind = plan.kind;
    this.config = plan.config;
    this.state = plan.state;
    this.indexes = plan.members;
    this.members = plan.members.map((i) => ({ rule: rules[i]!, stats: zero() }));
    this.suppressMs = this.members[0]!.rule.suppressMs;
  }

  capture(event: VigilEvent): FieldValue[] | undefined {
    // Only timer-driven kinds capture, and they never share: the unit is one rule.
    const f = this.members[0]!.rule.captureFields;
    if (!f.length) return undefined;
    return f.map((x) => (Object.hasOwn(event, x) ? (event[x] ?? null) : null));
  }

  emit(fire: Fire): void {
    const m = this.members[fire.member ?? 0]!;
    m.stats.signals++;
    this.out.push(ruleSignal(m.rule, publicKey(this.key), fire));
  }

  /** Schedules the group's timer when its deadline moved earlier than the one queued. */
  schedule(slot: GroupSlot): void {
    const d = this.kind.deadline(this.config, slot.s);
    if (d !== null && (Number.isNaN(slot.d) || d < slot.d)) {
      slot.d = d;
      this.state.timers.push(d, slot);
    }
  }

  /** Runs every due timer of the unit. */
  runTimers(): void {
    const { kind, config } = this;
    const timers = this.state.timers;
    const groups = this.state.groups;
    for (let top = timers.peek(); top !== null && top < this.watermark; top = timers.peek()) {
      const slot = timers.pop();
      if (slot.d !== top) continue; // stale entry: the group moved on or is gone
      slot.d = NO_DEADLINE;
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
    const kind = this.kind;
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
      victim.d = NO_DEADLINE;
      for (const m of this.members) m.stats.evicted++;
    }
  }
}

/** The units of one call, and each rule's unit (by rule index). */
function unitsFor(set: RuleSet, state: EngineState, out: Signal[]): { units: Unit[]; unitOf: number[] } {
  const units = planUnits(set.rules, set.families, state).map((p) => new Unit(p, set.rules, out));
  const unitOf = new Array<number>(set.rules.length);
  units.forEach((u, n) => {
    for (const i of u.indexes) unitOf[i] = n;
  });
  return { units, unitOf };
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
  const { units, unitOf } = unitsFor(set, state, signals);
  if (Number.isFinite(now) && (state.clock === null || now > state.clock)) state.clock = now;
  if (scratch.length < set.rules.length) scratch = new Array<number>(set.rules.length).fill(0);
  const cands = scratch;
  // The event a unit last ran on (+1): its rules are all candidates of an event, and it runs once for them.
  const ranOn = new Int32Array(units.length);
  const lateness = set.latenessMs;
  const maxGroups = set.maxGroups;
  const { groupKeys, keySlots } = set;
  // One mutable hit for the whole call: kinds copy what they keep, never the object.
  const hit: { t: number; id: string; event: VigilEvent } = { t: 0, id: '', event: events[0]! };

  for (let e = 0; e < events.length; e++) {
    const event = events[e]!;
    const t = eventTime(event['@timestamp']);
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
      const u = unitOf[ri]!;
      if (ranOn[u] === e + 1) continue;
      ranOn[u] = e + 1;
      const unit = units[u]!;
      const counts = unit.counts;
      counts.candidates++;
      // The unit's rules share one filter: one predicate answers for all.
      if (!unit.members[0]!.rule.predicate(event)) continue;
      counts.matched++;
      const wm = hi - lateness[ri]!;
      if (t < wm) {
        counts.tooLate++;
        continue;
      }
      const key = groupKeys.keyOf(event, keySlots[ri]!);
      if (key === null) {
        counts.missingGroup++;
        continue;
      }
      unit.watermark = wm;
      unit.key = key;
      const groups = unit.state.groups;
      const slot = groups.get(key);
      hit.t = t;
      hit.id = id;
      hit.event = event;
      const next = unit.kind.onHit(unit.config, slot?.s, hit, unit);
      if (next === undefined) {
        if (slot) {
          groups.delete(key);
          slot.d = NO_DEADLINE;
        }
        continue;
      }
      if (slot) {
        slot.s = next;
        slot.u = 1;
        unit.schedule(slot);
      } else {
        // New groups get no second chance: a flood of one-event keys is evicted before groups seen again.
        const s: GroupSlot = { k: key, s: next, d: NO_DEADLINE, u: 0 };
        groups.set(key, s);
        unit.schedule(s);
        if (groups.size > maxGroups) unit.evict();
      }
    }
    if (state.maxTime === null || t > state.maxTime) state.maxTime = t;
  }

  const hi = state.maxTime === null ? state.clock : state.clock === null ? state.maxTime : Math.max(state.maxTime, state.clock);
  const perRule: Record<string, RuleStats> = {};
  for (const unit of units) {
    if (hi !== null) {
      unit.watermark = hi - lateness[unit.indexes[0]!]!;
      unit.runTimers();
    }
    for (const { rule, stats: s } of unit.members) {
      Object.assign(s, unit.counts);
      stats.candidates += s.candidates;
      stats.matched += s.matched;
      stats.tooLate += s.tooLate;
      stats.missingGroup += s.missingGroup;
      stats.evicted += s.evicted;
      if (s.candidates || s.signals || s.evicted) perRule[rule.id] = s;
    }
  }
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
  const { units, unitOf } = unitsFor(set, state, []);
  // Kinds with history (new_terms, absence) never share evidence: the rule's unit is the rule alone.
  const run = units[unitOf[set.rules.indexOf(rule)]!]!;
  let n = 0;
  for (const { values, lastSeen } of entries) {
    if (values.length !== rule.groupBy.length || values.some((v) => v === null || v === undefined) || !Number.isFinite(lastSeen)) continue;
    const key = engineKey(JSON.stringify(values));
    const slot: GroupSlot = run.state.groups.get(key) ?? { k: key, s: undefined, d: NO_DEADLINE, u: 1 };
    slot.s = rule.kind.seed(rule.config, slot.s, lastSeen);
    run.state.groups.set(key, slot);
    run.schedule(slot);
    n++;
  }
  while (run.state.groups.size > set.maxGroups) run.evict();
  return n;
}
