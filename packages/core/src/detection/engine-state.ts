/**
 * @module detection/engine-state
 * The engine's state: per rule, the groups (kind state + scheduled deadline) in least-recently-used
 * order, and the timers. In memory it uses Maps for speed; `stateToJSON`/`stateFromJSON` turn it into
 * plain JSON, which the server checkpoints together with the event-log position it reflects.
 */
import { VigilError } from '@vigil/contracts';
import type { SharedUnit } from './rule-kind.ts';
import { engineKey, publicKey } from './group-key.ts';
import { TimerHeap } from './timer-heap.ts';

/**
 * One group: its key, the kind's state, the deadline its timer entry holds ({@link NO_DEADLINE} = none: a
 * timer entry naming it is stale), and whether it was touched since the eviction clock last passed (1/0).
 */
export interface GroupSlot {
  /** The engine key of the group (group-key.ts `engineKeyOf`); the timer heap holds slots, so a due group needs no map lookup. */
  readonly k: string;
  s: unknown;
  d: number;
  u: number;
}

/**
 * No deadline queued. NaN rather than null keeps `d` a number field, which V8 updates in place; a field
 * that also held null got a new heap number on every assignment (several per group's life).
 */
export const NO_DEADLINE = NaN;

/** The state of one rule. */
export interface RuleState {
  /** The compiled rule's fingerprint: state of an older version of the rule is discarded. */
  fingerprint: string;
  /** Groups in the eviction clock's order (second chance: touched groups move to the back when it passes). */
  groups: Map<string, GroupSlot>;
  timers: TimerHeap<GroupSlot>;
  /** Set while the rule shares evidence with others: all of them hold the same groups, timers and link. */
  share?: ShareLink;
  /** The unit the rule shared with when checkpointed (restored state, not joined yet). */
  tag?: string;
}

/** Rules sharing one evidence (shared-windows.ts): which, in member order, and how to split and join it. */
export interface ShareLink {
  /** Names this unit's lineage: only rules that shared from the start (or since a restart) join again. */
  readonly tag: string;
  readonly ids: readonly string[];
  readonly unit: SharedUnit;
}

/** The whole engine state. Owned by the caller; `evaluate` updates it and hands it back. */
export interface EngineState {
  /** The latest clock reading seen (ms), or null. */
  clock: number | null;
  /** The latest event time seen (ms), or null. */
  maxTime: number | null;
  rules: Map<string, RuleState>;
  /** Units formed so far (names the next one's tag). */
  units: number;
}

/** The JSON form of {@link EngineState}. */
export interface EngineStateJSON {
  v: 1;
  clock: number | null;
  maxTime: number | null;
  /** Units formed so far (absent in checkpoints older than evidence sharing). */
  units?: number;
  /** `share`: the tag of the unit the rule shared evidence with; its groups are the rule's own part. */
  rules: { id: string; fingerprint: string; share?: string; groups: [string, unknown, number | null][] }[];
}

/** A fresh, empty state. */
export function createEngineState(): EngineState {
  return { clock: null, maxTime: null, rules: new Map(), units: 0 };
}

/** A fresh state for one rule. */
export function newRuleState(fingerprint: string): RuleState {
  return { fingerprint, groups: new Map(), timers: new TimerHeap() };
}

/**
 * The state as plain JSON (deep: later evaluation does not change it once stringified).
 *
 * @example
 * const checkpoint = JSON.stringify({ position, state: stateToJSON(state) });
 */
export function stateToJSON(state: EngineState): EngineStateJSON {
  return {
    v: 1,
    clock: state.clock,
    maxTime: state.maxTime,
    units: state.units,
    rules: [...state.rules].map(([id, r]) => {
      const share = r.share;
      if (!share) return { id, fingerprint: r.fingerprint, groups: [...r.groups].map(([k, g]): [string, unknown, number | null] => [publicKey(k), g.s, deadlineJSON(g.d)]) };
      // A sharing rule is written as it would be alone: its part of each group.
      const m = share.ids.indexOf(id);
      return { id, fingerprint: r.fingerprint, share: share.tag, groups: [...r.groups].map(([k, g]): [string, unknown, number | null] => [publicKey(k), share.unit.part(g.s, m), deadlineJSON(g.d)]) };
    }),
  };
}

const deadlineJSON = (d: number): number | null => (Number.isNaN(d) ? null : d);

function bad(message: string): never {
  throw new VigilError('VIGIL_ERR_VALIDATION', `detection state: ${message}`);
}

/** Rebuilds a state from {@link stateToJSON}'s output (after JSON.parse); throws VIGIL_ERR_VALIDATION when malformed. */
export function stateFromJSON(json: unknown): EngineState {
  const j = json as EngineStateJSON;
  if (typeof j !== 'object' || j === null || j.v !== 1 || !Array.isArray(j.rules)) bad('not a version 1 state');
  const num = (x: unknown) => (x === null || typeof x === 'number' ? x : bad('clock and maxTime must be numbers or null'));
  const units = j.units === undefined ? 0 : typeof j.units === 'number' && Number.isSafeInteger(j.units) && j.units >= 0 ? j.units : bad('units must be a count');
  const state: EngineState = { clock: num(j.clock), maxTime: num(j.maxTime), rules: new Map(), units };
  for (const r of j.rules) {
    if (typeof r?.id !== 'string' || typeof r.fingerprint !== 'string' || !Array.isArray(r.groups)) bad('a rule entry is malformed');
    const rs = newRuleState(r.fingerprint);
    if (r.share !== undefined) rs.tag = typeof r.share === 'string' ? r.share : bad(`rule ${r.id} names a malformed unit`);
    for (const g of r.groups) {
      if (!Array.isArray(g) || typeof g[0] !== 'string' || (g[2] !== null && typeof g[2] !== 'number')) bad(`a group of rule ${r.id} is malformed`);
      const key = engineKey(g[0]);
      const slot: GroupSlot = { k: key, s: g[1], d: g[2] ?? NO_DEADLINE, u: 1 };
      rs.groups.set(key, slot);
      if (g[2] !== null) rs.timers.push(g[2], slot);
    }
    state.rules.set(r.id, rs);
  }
  return state;
}
