/**
 * @module detection/shared-windows
 * Windowed rules that gather identical evidence — same kind, filter, group_by, allowed lateness and kept
 * value, differing only in counts, windows or suppression (a fast and a slow brute force; tiered
 * thresholds) — run as one unit: each group keeps its evidence once, pruned at the longest window, and
 * each rule keeps only its own fired periods. A hit is added once and every rule checks its own windows,
 * so each fires exactly what it would fire alone. Checkpoints hold each rule's own part, so they read the
 * same whichever rules happen to share.
 */
import type { RuleKind, SharedUnit } from './rule-kind.ts';
import { pruneFired } from './fired-buckets.ts';
import { insertAt, insertionPoint } from './sorted-entries.ts';
import { added, addEntry, checkWindows, entriesDeadline, entryValue, firedDeadline, isSingle, later, prune, type SlidingConfig, type SlidingGroup, type SlidingSpec, type SlidingState } from './window-evidence.ts';

/** The unit's rules: their configs, the longest window (how long evidence is kept) and the fewest entries any can fire on. */
interface UnitConfig<C> {
  readonly cs: readonly C[];
  readonly horizonMs: number;
  readonly min: number;
}

/** A unit group: the evidence once, and each rule's fired periods (by member; absent until one fires). */
interface UnitGroup<V> extends SlidingGroup<V> {
  fs?: (number[] | undefined)[];
}

type UnitState<V> = UnitGroup<V> | Exclude<SlidingState<V>, SlidingGroup<V>>;

/** Runs `configs` (rules of one sliding kind with equal evidence) as one unit. */
export function sharedWindows<C extends SlidingConfig, V>(spec: SlidingSpec<C, V>, configs: readonly C[]): SharedUnit {
  const config: UnitConfig<C> = {
    cs: configs,
    horizonMs: Math.max(...configs.map((c) => c.windowMs)),
    min: Math.min(...configs.map((c) => spec.minEntries(c))),
  };
  const kind: RuleKind<UnitConfig<C>, UnitState<V>> = {
    name: spec.name,
    suppressible: true,
    compile: () => undefined,
    groupBy: (u) => u.cs[0]!.groupBy,
    onHit(u, g, hit, ctx) {
      // Equal share keys mean equal values: the first rule's config computes it for all.
      const value = entryValue(spec, u.cs[0]!, hit.event);
      if (value === null) return g;
      const s = addEntry(g, hit.t, hit.id, value, ctx.watermark, u.horizonMs, u.min) as UnitState<V>;
      const at = added.at;
      if (at < 0 || isSingle(s)) return s;
      for (let m = 0; m < u.cs.length; m++) {
        const c = u.cs[m]!;
        const f = s.fs?.[m];
        if (f) pruneFired(f, ctx.watermark, c.bucketMs);
        const next = checkWindows(spec, c, s, at, hit, f, m, ctx);
        if (next && !f) (s.fs ??= configs.map(() => undefined))[m] = next;
      }
      return s;
    },
    onTimer(u, s, ctx) {
      if (isSingle(s)) return s.t1 <= ctx.watermark - u.horizonMs ? undefined : s;
      prune(s, ctx.watermark - u.horizonMs);
      let fired = false;
      if (s.fs) {
        for (let m = 0; m < u.cs.length; m++) {
          const f = s.fs[m];
          if (f) pruneFired(f, ctx.watermark, u.cs[m]!.bucketMs);
          if (f?.length) fired = true;
        }
      }
      return s.t.length || fired ? s : undefined;
    },
    deadline(u, s) {
      let d = entriesDeadline(s, u.horizonMs);
      if (!isSingle(s) && s.fs) for (let m = 0; m < u.cs.length; m++) d = later(d, firedDeadline(s.fs[m], u.cs[m]!.bucketMs));
      return d;
    },
    weight: (s) => (isSingle(s) ? 1 : s.t.length),
  };
  return { kind: kind as RuleKind, config, part: (s, m) => part(s as UnitState<V>, m), join: (parts) => join(parts as (SlidingState<V> | undefined)[]) };
}

/** Rule `m`'s own group state: the evidence (shared arrays, not copied) and its fired periods. */
function part<V>(s: UnitState<V>, m: number): SlidingState<V> {
  if (isSingle(s)) return s;
  const out: SlidingGroup<V> = { t: s.t, i: s.i };
  if (s.v) out.v = s.v;
  const f = s.fs?.[m];
  if (f?.length) out.f = f;
  return out;
}

/** A unit group from its rules' own states: the union of their evidence, each rule's fired periods. */
function join<V>(parts: readonly (SlidingState<V> | undefined)[]): UnitState<V> | undefined {
  const first = parts.find((p) => p !== undefined);
  if (first === undefined) return undefined;
  // Rules that all kept the same single could not fire on it; the unit keeps it as they did.
  if (isSingle(first) && parts.every((p) => p === undefined || (isSingle(p) && p.t1 === first.t1 && p.i1 === first.i1))) return first;
  const withValues = parts.some((p) => p !== undefined && (isSingle(p) ? 'v1' in p : p.v !== undefined));
  const s: UnitGroup<V> = withValues ? { t: [], i: [], v: [] } : { t: [], i: [] };
  const add = (t: number, id: string, v: V | undefined) => {
    const at = insertionPoint(s.t, s.i, t, id);
    if (at < 0) return;
    insertAt(s.t, at, t);
    insertAt(s.i, at, id);
    if (s.v) insertAt(s.v, at, v as V);
  };
  parts.forEach((p, m) => {
    if (!p) return;
    if (isSingle(p)) return add(p.t1, p.i1, p.v1);
    for (let k = 0; k < p.t.length; k++) add(p.t[k]!, p.i[k]!, p.v?.[k]);
    if (p.f?.length) (s.fs ??= parts.map(() => undefined))[m] = [...p.f];
  });
  return s;
}
