/**
 * @module detection/sliding-window
 * The eager windowed kinds (threshold, value_count, sequence, temporal) as one rule kind built from a
 * spec: a rule alone keeps its groups' evidence and fired periods (window-evidence.ts); rules whose
 * evidence is identical run together over one (shared-windows.ts).
 */
import type { RuleKind } from './rule-kind.ts';
import { pruneFired } from './fired-buckets.ts';
import { sharedWindows } from './shared-windows.ts';
import { added, addEntry, checkWindows, entriesDeadline, entryValue, firedDeadline, isSingle, later, prune, type SlidingConfig, type SlidingSpec, type SlidingState } from './window-evidence.ts';

export type { SlidingConfig, SlidingGroup, SlidingSingle, SlidingSpec, SlidingState, WindowView } from './window-evidence.ts';

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
      const value = entryValue(spec, c, hit.event);
      if (value === null) return g;
      const s = addEntry(g, hit.t, hit.id, value, ctx.watermark, c.windowMs, spec.minEntries(c));
      if (added.at < 0 || isSingle(s)) return s;
      if (s.f) pruneFired(s.f, ctx.watermark, c.bucketMs);
      const f = checkWindows(spec, c, s, added.at, hit, s.f, undefined, ctx);
      if (f && !s.f) s.f = f;
      return s;
    },
    onTimer(c, s, ctx) {
      if (isSingle(s)) return s.t1 <= ctx.watermark - c.windowMs ? undefined : s;
      prune(s, ctx.watermark - c.windowMs);
      if (s.f) pruneFired(s.f, ctx.watermark, c.bucketMs);
      return s.t.length || s.f?.length ? s : undefined;
    },
    deadline: (c, s) => later(entriesDeadline(s, c.windowMs), isSingle(s) ? null : firedDeadline(s.f, c.bucketMs)),
    weight: (s) => (isSingle(s) ? 1 : s.t.length),
    ...(spec.shareKey ? { shareKey: spec.shareKey, share: (configs: readonly C[]) => sharedWindows(spec, configs) } : {}),
  };
  return kind as RuleKind;
}

