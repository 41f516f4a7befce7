/**
 * A tiny driver for the per-kind tests: feed batches (each at a clock time) through one rule set.
 */
import type { Signal, VigilEvent } from '@vigil/contracts';
import { createEngineState, createRuleSet, evaluate, stateFromJSON, stateToJSON, type CompiledRule, type EngineState, type EvalStats } from '../../src/detection/index.ts';
import { T0 } from './fixtures.ts';

/** Runs batches `[events, nowSec?]` (now in seconds after T0; omitted = 0, i.e. events drive time); restarts after each batch when asked. */
export function drive(rules: CompiledRule[], batches: [VigilEvent[], number?][], opts: { restart?: boolean; state?: EngineState } = {}): { signals: Signal[]; stats: EvalStats[]; state: EngineState } {
  const set = createRuleSet(rules);
  let state = opts.state ?? createEngineState();
  const signals: Signal[] = [];
  const stats: EvalStats[] = [];
  for (const [events, now] of batches) {
    const r = evaluate(set, state, events, now === undefined ? 0 : T0 + now * 1000);
    signals.push(...r.signals);
    stats.push(r.stats);
    state = opts.restart ? stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(r.state)))) : r.state;
  }
  return { signals, stats, state };
}

/** ISO time of T0 + sec. */
export const at = (sec: number) => new Date(T0 + sec * 1000).toISOString();
