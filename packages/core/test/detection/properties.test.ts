/**
 * The engine is exact: for random events delivered in random orders (late within and beyond the allowed
 * lateness), cut into random batches each read at its own clock time, with the state serialised and restored at random points (a
 * restart), every rule raises exactly the signals a brute-force reference computes from all events at
 * once — none lost, none doubled — and counts the too-late events.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Signal, VigilEvent } from '@vigil/contracts';
import { createEngineState, createRuleSet, evaluate, stateFromJSON, stateToJSON, type CompiledRule, type EngineState } from '../../src/detection/index.ts';
import { SHARING_RULES, T0, ev, propertyRules, rule as compile } from './fixtures.ts';
import { referenceSignals, type RefSignal } from './reference.ts';

const LATENESS = 60_000;
/** More runs for a deeper search: VIGIL_PROPERTY_RUNS=5000. */
const RUNS = Number(process.env.VIGIL_PROPERTY_RUNS ?? 150);

const eventArb = fc.record({
  sec: fc.oneof(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 180 }).map((x) => x * 5)),
  dataset: fc.constantFrom('sshd', 'nginx'),
  outcome: fc.constantFrom('failure', 'failure', 'success'),
  ip: fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3', null),
  host: fc.constantFrom('h1', 'h2', 'h3'),
  user: fc.constantFrom('alice', 'bob'),
  port: fc.constantFrom(22, 80, 443, 8080, '22', null),
  cpu: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null), fc.constant('75.5')),
  delay: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: LATENESS / 1000 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: (3 * LATENESS) / 1000 }) }),
});

interface Arrival {
  e: VigilEvent;
  /** Clock time (ms) at which it arrives: event time + delay. */
  at: number;
}

type RawEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function build(raw: RawEvent[]): Arrival[] {
  const events = raw.map((r, i) => ({
    e: ev(`e${String(i).padStart(4, '0')}`, r.sec, {
      'event.dataset': r.dataset,
      'event.outcome': r.outcome,
      'host.name': r.host,
      'user.name': r.user,
      ...(r.ip === null ? {} : { 'source.ip': r.ip }),
      ...(r.port === null ? {} : { 'destination.port': r.port }),
      ...(r.cpu === null ? {} : { 'system.cpu.pct': r.cpu }),
    }),
    at: T0 + (r.sec + r.delay) * 1000,
    i,
  }));
  events.sort((a, b) => a.at - b.at || a.i - b.i);
  return events;
}

/** Batches (by cut points) and which events the engine must call too late: older than max(newest event time so far, clock) - lateness. */
function plan(arrival: Arrival[], cuts: number[]): { batches: { events: VigilEvent[]; now: number }[]; tooLate: Set<string> } {
  const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, arrival.length)), arrival.length])].sort((a, b) => a - b);
  const batches = [];
  const tooLate = new Set<string>();
  let max = -Infinity;
  for (let b = 0; b + 1 < bounds.length; b++) {
    const part = arrival.slice(bounds[b], bounds[b + 1]);
    // The clock reads the arrival time of the batch's first event (the engine sees it before the batch).
    const now = part[0]!.at;
    for (const { e } of part) {
      const t = Date.parse(e['@timestamp']);
      if (t < Math.max(max, now) - LATENESS) tooLate.add(e.id);
      max = Math.max(max, t);
    }
    batches.push({ events: part.map((x) => x.e), now });
  }
  return { batches, tooLate };
}

function restart(state: EngineState): EngineState {
  return stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(state))));
}

const identity = (s: Signal | RefSignal) => `${s.ruleId} ${s.groupKey} ${typeof s.windowStart === 'number' ? s.windowStart : Date.parse(s.windowStart)} ${s.id}`;

function run(rules: CompiledRule[], batches: { events: VigilEvent[]; now: number }[], restarts: Set<number>, flushAt: number) {
  const set = createRuleSet(rules);
  let state = createEngineState();
  const signals: Signal[] = [];
  let tooLate = 0;
  batches.forEach((b, n) => {
    const r = evaluate(set, state, b.events, b.now);
    signals.push(...r.signals);
    tooLate += r.stats.tooLate;
    state = restarts.has(n) ? restart(r.state) : r.state;
  });
  const last = evaluate(set, state, [], flushAt);
  signals.push(...last.signals);
  return { signals, tooLate };
}

describe('streaming engine equals the brute-force reference', () => {
  const rules = propertyRules();
  for (const rule of rules) {
    it(`${rule.id}: same signals for any arrival order, batching and restart points`, () => {
      fc.assert(
        fc.property(fc.array(eventArb, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 8 }), fc.array(fc.nat(8), { maxLength: 4 }), (raw, cuts, restarts) => {
          const arrival = build(raw);
          const { batches, tooLate } = plan(arrival, cuts);
          const flushAt = T0 + 3_600_000;
          const got = run([rule], batches, new Set(restarts), flushAt);
          const all = arrival.map((a) => a.e);
          const want = referenceSignals(rule, all.filter((e) => !tooLate.has(e.id)), flushAt - LATENESS);
          const ids = got.signals.map((s) => s.id);
          expect(new Set(ids).size, 'no signal is doubled').toBe(ids.length);
          expect(got.signals.map(identity).sort()).toEqual(want.map(identity).sort());
          expect(got.tooLate).toBe(all.filter((e) => tooLate.has(e.id) && rule.predicate(e)).length);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('all rules in one set: the shared index and state change nothing', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 80 }), fc.array(fc.nat(80), { maxLength: 6 }), fc.array(fc.nat(6), { maxLength: 3 }), (raw, cuts, restarts) => {
        const arrival = build(raw);
        const { batches, tooLate } = plan(arrival, cuts);
        const flushAt = T0 + 3_600_000;
        const got = run(rules, batches, new Set(restarts), flushAt);
        const kept = arrival.map((a) => a.e).filter((e) => !tooLate.has(e.id));
        const want = rules.flatMap((r) => referenceSignals(r, kept, flushAt - LATENESS));
        expect(got.signals.map(identity).sort()).toEqual(want.map(identity).sort());
      }),
      { numRuns: Math.ceil(RUNS / 1.5) },
    );
  });

  it('rules sharing evidence: each raises what it raises alone, across restarts', () => {
    const sharing = Object.values(SHARING_RULES).map(compile);
    const set = createRuleSet(sharing);
    expect(set.families.length, 'the twins form families').toBe(7);
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 80 }), fc.array(fc.nat(80), { maxLength: 6 }), fc.array(fc.nat(6), { maxLength: 3 }), (raw, cuts, restarts) => {
        const arrival = build(raw);
        const { batches, tooLate } = plan(arrival, cuts);
        const flushAt = T0 + 3_600_000;
        const got = run(sharing, batches, new Set(restarts), flushAt);
        const kept = arrival.map((a) => a.e).filter((e) => !tooLate.has(e.id));
        const want = sharing.flatMap((r) => referenceSignals(r, kept, flushAt - LATENESS));
        const ids = got.signals.map((s) => s.id);
        expect(new Set(ids).size, 'no signal is doubled').toBe(ids.length);
        expect(got.signals.map(identity).sort()).toEqual(want.map(identity).sort());
      }),
      { numRuns: RUNS },
    );
  });
});
