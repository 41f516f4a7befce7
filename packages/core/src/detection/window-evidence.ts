/**
 * @module detection/window-evidence
 * A windowed group's evidence and its window checks, shared by a rule alone (sliding-window.ts) and by
 * rules sharing evidence (shared-windows.ts). Each group keeps its evidence sorted by (event time, id).
 * When an event arrives — in order or late — only windows that contain it can change: those ending at an
 * entry in `[t, t + window)`. Each is checked, and the first qualifying window in a suppression period
 * fires that period once. "Which periods fire" depends only on the set of events, never on arrival order
 * or batching, which the property tests prove against a brute-force reference. Evidence at or before
 * `watermark - window` can no longer join any window and is dropped, so state stays bounded by what the
 * window can hold. A group holding one event that cannot fire yet — most groups: an address seen once —
 * is kept as a {@link SlidingSingle}, without arrays.
 */
import type { VigilEvent } from '@vigil/contracts';
import type { QueryNode } from '../query/ast.ts';
import type { BlockReader } from './block-reader.ts';
import type { Fire, Hit, KindCompileContext, KindContext } from './rule-kind.ts';
import { bucketOf, hasFired, markFired } from './fired-buckets.ts';
import { countAtOrBefore, dropFront, insertAt, insertionPoint, lowerBound, upperBound } from './sorted-entries.ts';

/** What every sliding-window config has. */
export interface SlidingConfig {
  windowMs: number;
  groupBy: string[];
  /** Suppression period: `suppress.window`, else the window. */
  bucketMs: number;
}

/** One group's evidence (parallel arrays, sorted by time then id) and its fired periods. */
export interface SlidingGroup<V> {
  t: number[];
  i: string[];
  /** Per-entry values (value_count: the field's value; sequence: the steps matched); absent for threshold. */
  v?: V[];
  /** Fired periods; absent until the group first fires (most groups never do). */
  f?: number[];
}

/**
 * A group of one entry that cannot fire yet (the rule needs more): three fields instead of an object, two
 * arrays and their stores. The mixed bench creates ~5 groups per event, most never seen again; holding
 * them this way made a group's life (insert, expire, delete, GC) ~40 % cheaper.
 */
export interface SlidingSingle<V> {
  t1: number;
  i1: string;
  v1?: V;
}

/** A group's state: one entry inline, or the arrays. */
export type SlidingState<V> = SlidingGroup<V> | SlidingSingle<V>;

/** True for a group kept as a single entry. */
export function isSingle<V>(g: SlidingState<V>): g is SlidingSingle<V> {
  return (g as SlidingGroup<V>).t === undefined;
}

/** A window of a group's evidence: entries `lo` (inclusive) to `hi` (exclusive). */
export interface WindowView<V> {
  readonly ts: readonly number[];
  readonly ids: readonly string[];
  readonly values: readonly V[];
  readonly lo: number;
  readonly hi: number;
}

/** What a windowed kind supplies; the rest is shared. */
export interface SlidingSpec<C extends SlidingConfig, V> {
  name: string;
  compile(block: BlockReader, ctx: KindCompileContext): C | undefined;
  filter?(config: C): QueryNode | undefined;
  /** The value kept per entry, or null to ignore the event; omit to keep none. */
  value?(config: C, event: VigilEvent): V | null;
  /**
   * When set, windows end at entries for which this is true (sequences end at their last step) and
   * hold the entries up to that one; otherwise they end at a time and hold every entry at that time.
   */
  isEnd?(config: C, value: V): boolean;
  /** Fewest entries a qualifying window holds: a group with fewer (most groups) checks no window at all. */
  minEntries(config: C): number;
  /** Evidence count when the window qualifies, else 0. */
  qualifies(config: C, w: WindowView<V>): number;
  /** Which events to cite (default: the window's first ten). */
  evidence?(config: C, w: WindowView<V>): { ids: string[]; first: number; last: number } | null;
  /**
   * What, besides filter and group_by, makes two rules' evidence identical (the kept value's source);
   * rules with equal keys share one evidence (shared-windows.ts). Omit to never share.
   */
  shareKey?(config: C): string;
}

const SAMPLE = 10;
const NO_VALUES: readonly never[] = [];

/** The value a spec keeps for an event: undefined when it keeps none, null when the event is ignored. */
export function entryValue<C extends SlidingConfig, V>(spec: SlidingSpec<C, V>, c: C, event: VigilEvent): V | null | undefined {
  return spec.value ? spec.value(c, event) : undefined;
}

/** Where the last {@link addEntry} put its event in the arrays (`at`); -1 when it added none (or kept a single). */
export const added = { at: -1 };

/**
 * Adds an event to a group's evidence, first dropping what no window reaches any more (at or before
 * `watermark - horizonMs`). A group below `min` entries stays a {@link SlidingSingle}. Answers the state;
 * {@link added} tells where the event went (-1: kept as a single, or already there — a re-delivered
 * event counts once).
 */
export function addEntry<V>(g: SlidingState<V> | undefined, t: number, id: string, value: V | undefined, watermark: number, horizonMs: number, min: number): SlidingState<V> {
  added.at = -1;
  if (g === undefined || (isSingle(g) && g.t1 <= watermark - horizonMs)) {
    // A new group, or a single whose entry no window can reach any more: this event starts afresh.
    if (min > 1) return value === undefined ? { t1: t, i1: id } : { t1: t, i1: id, v1: value };
    added.at = 0;
    return newGroup(t, id, value);
  }
  let s: SlidingGroup<V>;
  if (isSingle(g)) {
    if (g.t1 === t && g.i1 === id) return g;
    s = newGroup(g.t1, g.i1, g.v1);
  } else {
    s = g;
    prune(s, watermark - horizonMs);
  }
  const at = insertionPoint(s.t, s.i, t, id);
  if (at < 0) return s;
  insertAt(s.t, at, t);
  insertAt(s.i, at, id);
  if (s.v) insertAt(s.v, at, value as V);
  added.at = at;
  return s;
}

/**
 * Checks, for one rule (config `c`, fired periods `fired`), every window the entry at `at` can change,
 * and fires each qualifying period once (as `member` of a shared unit, when given). Answers the fired
 * periods (a new array the first time a period fires).
 */
export function checkWindows<C extends SlidingConfig, V>(spec: SlidingSpec<C, V>, c: C, s: SlidingGroup<V>, at: number, hit: Hit, fired: number[] | undefined, member: number | undefined, ctx: KindContext): number[] | undefined {
  const min = spec.minEntries(c);
  if (s.t.length < min) return fired;
  const values = (s.v ?? NO_VALUES) as V[];
  const end = hit.t + c.windowMs;
  let j = spec.isEnd ? at : lowerBound(s.t, hit.t);
  while (j < s.t.length && s.t[j]! < end) {
    const T = s.t[j]!;
    const b = bucketOf(T, c.bucketMs);
    if (fired && hasFired(fired, b)) {
      // The whole period already fired: skip to the next one.
      j = Math.max(j + 1, lowerBound(s.t, (b + 1) * c.bucketMs));
      continue;
    }
    if (spec.isEnd && !spec.isEnd(c, values[j]!)) {
      j++;
      continue;
    }
    const hi = spec.isEnd ? j + 1 : upperBound(s.t, T);
    const lo = upperBound(s.t, T - c.windowMs);
    const w: WindowView<V> = { ts: s.t, ids: s.i, values, lo, hi };
    const n = hi - lo < min ? 0 : spec.qualifies(c, w);
    if (n > 0) {
      if (fired) markFired(fired, b);
      else fired = [b];
      const ev = spec.evidence ? spec.evidence(c, w) : null;
      const fire: Fire = ev
        ? { windowStart: b * c.bucketMs, first: ev.first, last: ev.last, count: n, sampleIds: ev.ids.slice(0, SAMPLE), eventIds: ev.ids, event: hit.event }
        : { windowStart: b * c.bucketMs, first: s.t[lo]!, last: s.t[hi - 1]!, count: n, sampleIds: s.i.slice(lo, Math.min(lo + SAMPLE, hi)), event: hit.event };
      if (member !== undefined) fire.member = member;
      ctx.emit(fire);
    }
    j = spec.isEnd ? j + 1 : hi;
  }
  return fired;
}

/** The deadline of a group's evidence: its last entry leaves the last window `horizonMs` after it. */
export function entriesDeadline<V>(s: SlidingState<V>, horizonMs: number): number | null {
  if (isSingle(s)) return s.t1 + horizonMs - 1;
  return s.t.length ? s.t[s.t.length - 1]! + horizonMs - 1 : null;
}

/** The deadline of fired periods: the end of the last one. */
export function firedDeadline(f: readonly number[] | undefined, bucketMs: number): number | null {
  return f?.length ? (f[f.length - 1]! + 1) * bucketMs - 1 : null;
}

/** The later of two deadlines (null = none). */
export function later(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/**
 * A group's first entry. Array literals get exactly one slot; starting from `[]` and inserting gave each
 * array 17 slots, most of a one-event group's ~780 bytes (the common group: a source address seen once).
 */
export function newGroup<V>(t: number, id: string, value: V | undefined): SlidingGroup<V> {
  return value === undefined ? { t: [t], i: [id] } : { t: [t], i: [id], v: [value] };
}

/** Drops entries at or before `t`: no window that can still change reaches them. */
export function prune<V>(s: SlidingGroup<V>, t: number): void {
  const n = countAtOrBefore(s.t, t);
  if (!n) return;
  dropFront(s.t, n);
  dropFront(s.i, n);
  if (s.v) dropFront(s.v, n);
}
