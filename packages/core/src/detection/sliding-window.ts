/**
 * @module detection/kinds/sliding-window
 * The machinery shared by the eager windowed kinds (threshold, value_count, sequence). Each group keeps
 * its evidence sorted by (event time, id). When an event arrives — in order or late — only windows that
 * contain it can change: those ending at an entry in `[t, t + window)`. Each is checked, and the first
 * qualifying window in a suppression period fires that period once. "Which periods fire" depends only on
 * the set of events, never on arrival order or batching, which the property tests prove against a
 * brute-force reference. Evidence at or before `watermark - window` can no longer join any window and is
 * dropped, so state stays bounded by what the window can hold. A group holding one event and no fired
 * period — most groups: an address seen once — is kept as a {@link SlidingSingle}, without arrays.
 */
import type { VigilEvent } from '@vigil/contracts';
import type { QueryNode } from '../query/ast.ts';
import type { BlockReader } from './block-reader.ts';
import type { Fire, KindCompileContext, RuleKind } from './rule-kind.ts';
import { bucketOf, hasFired, markFired, pruneFired } from './fired-buckets.ts';
import { countAtOrBefore, dropFront, insertionPoint, lowerBound, upperBound } from './sorted-entries.ts';

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

function isSingle<V>(g: SlidingState<V>): g is SlidingSingle<V> {
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
}

const SAMPLE = 10;
const NO_VALUES: readonly never[] = [];

/** Builds a rule kind from a sliding-window spec. */
export function slidingWindowKind<C extends SlidingConfig, V = string>(spec: SlidingSpec<C, V>): RuleKind {
  const kind: RuleKind<C, SlidingState<V>> = {
    name: spec.name,
    suppressible: true,
    compile(block, ctx) {
      if (!block) return undefined;
      return spec.compile(block, ctx);
    },
    groupBy: (c) => c.groupBy,
    filter: spec.filter,
    onHit(c, g, hit, ctx) {
      let value: V | null = null;
      if (spec.value) {
        value = spec.value(c, hit.event);
        if (value === null) return g;
      }
      const min = spec.minEntries(c);
      let s: SlidingGroup<V>;
      let at = 0;
      if (g === undefined || (isSingle(g) && g.t1 <= ctx.watermark - c.windowMs)) {
        // A new group, or a single whose entry no window can reach any more: this event starts afresh.
        if (min > 1) return spec.value ? { t1: hit.t, i1: hit.id, v1: value as V } : { t1: hit.t, i1: hit.id };
        s = newGroup(hit.t, hit.id, spec.value ? (value as V) : undefined);
      } else if (isSingle(g)) {
        if (g.t1 === hit.t && g.i1 === hit.id) return g;
        s = newGroup(g.t1, g.i1, spec.value ? g.v1 : undefined);
        at = insertionPoint(s.t, s.i, hit.t, hit.id);
        s.t.splice(at, 0, hit.t);
        s.i.splice(at, 0, hit.id);
        if (s.v) s.v.splice(at, 0, value as V);
      } else {
        s = g;
        prune(s, ctx.watermark - c.windowMs);
        if (s.f) pruneFired(s.f, ctx.watermark, c.bucketMs);
        at = insertionPoint(s.t, s.i, hit.t, hit.id);
        if (at < 0) return s;
        s.t.splice(at, 0, hit.t);
        s.i.splice(at, 0, hit.id);
        if (s.v) s.v.splice(at, 0, value as V);
      }
      if (s.t.length < min) return s;
      const values = (s.v ?? NO_VALUES) as V[];
      const end = hit.t + c.windowMs;
      let j = spec.isEnd ? at : lowerBound(s.t, hit.t);
      while (j < s.t.length && s.t[j]! < end) {
        const T = s.t[j]!;
        const b = bucketOf(T, c.bucketMs);
        if (s.f && hasFired(s.f, b)) {
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
          if (s.f) markFired(s.f, b);
          else s.f = [b];
          const ev = spec.evidence ? spec.evidence(c, w) : null;
          const fire: Fire = ev
            ? { windowStart: b * c.bucketMs, first: ev.first, last: ev.last, count: n, sampleIds: ev.ids.slice(0, SAMPLE), eventIds: ev.ids, event: hit.event }
            : { windowStart: b * c.bucketMs, first: s.t[w.lo]!, last: s.t[hi - 1]!, count: n, sampleIds: s.i.slice(w.lo, Math.min(w.lo + SAMPLE, hi)), event: hit.event };
          ctx.emit(fire);
        }
        j = spec.isEnd ? j + 1 : hi;
      }
      return s;
    },
    onTimer(c, s, ctx) {
      if (isSingle(s)) return s.t1 <= ctx.watermark - c.windowMs ? undefined : s;
      prune(s, ctx.watermark - c.windowMs);
      if (s.f) pruneFired(s.f, ctx.watermark, c.bucketMs);
      return s.t.length || s.f?.length ? s : undefined;
    },
    deadline(c, s) {
      if (isSingle(s)) return s.t1 + c.windowMs - 1;
      const a = s.t.length ? s.t[s.t.length - 1]! + c.windowMs - 1 : null;
      const b = s.f?.length ? (s.f[s.f.length - 1]! + 1) * c.bucketMs - 1 : null;
      return a === null ? b : b === null ? a : Math.max(a, b);
    },
    weight: (s) => (isSingle(s) ? 1 : s.t.length),
  };
  return kind as RuleKind;
}

/**
 * A group's first entry. Array literals get exactly one slot; starting from `[]` and inserting gave each
 * array 17 slots, most of a one-event group's ~780 bytes (the common group: a source address seen once).
 */
function newGroup<V>(t: number, id: string, value: V | undefined): SlidingGroup<V> {
  return value === undefined ? { t: [t], i: [id] } : { t: [t], i: [id], v: [value] };
}

/** Drops entries at or before `t`: no window that can still change reaches them. */
function prune<V>(s: SlidingGroup<V>, t: number): void {
  const n = countAtOrBefore(s.t, t);
  if (!n) return;
  dropFront(s.t, n);
  dropFront(s.i, n);
  if (s.v) dropFront(s.v, n);
}
