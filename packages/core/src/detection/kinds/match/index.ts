/**
 * @module detection/kinds/match
 * The plain match: every matching event is a signal (its id keyed by the event id); with `suppress`,
 * at most one signal per group in each aligned suppression period. The block is optional
 * (`match: {group_by: [host.name]}`).
 */
import type { RuleKind } from '../../rule-kind.ts';
import { bucketOf, hasFired, markFired, pruneFired } from '../../fired-buckets.ts';

/** The compiled `match` block. */
export interface MatchConfig {
  groupBy: string[];
  suppressMs: number | null;
}

/** Fired suppression periods of one group (only with `suppress`). */
export interface MatchGroup {
  f: number[];
}

/** The plain match kind. */
export const matchKind: RuleKind<MatchConfig, MatchGroup> = {
  name: 'match',
  blockOptional: true,
  suppressible: true,
  compile(block, ctx) {
    block?.onlyKeys(['group_by']);
    const groupBy = block?.fields('group_by') ?? [];
    return { groupBy, suppressMs: ctx.suppressMs };
  },
  groupBy: (c) => c.groupBy,
  onHit(c, g, hit, ctx) {
    if (c.suppressMs === null) {
      ctx.emit({ windowStart: hit.t, idKey: hit.id, first: hit.t, last: hit.t, count: 1, sampleIds: [hit.id], event: hit.event });
      return undefined;
    }
    const b = bucketOf(hit.t, c.suppressMs);
    // A new group's array literal holds exactly its one period (inserting into `[]` reserved 17).
    const s = g ?? { f: [b] };
    if (g) {
      pruneFired(s.f, ctx.watermark, c.suppressMs);
      if (hasFired(s.f, b)) return s;
      markFired(s.f, b);
    }
    ctx.emit({ windowStart: b * c.suppressMs, first: hit.t, last: hit.t, count: 1, sampleIds: [hit.id], event: hit.event });
    return s;
  },
  onTimer(c, g, ctx) {
    pruneFired(g.f, ctx.watermark, c.suppressMs!);
    return g.f.length ? g : undefined;
  },
  deadline: (c, g) => (g.f.length && c.suppressMs !== null ? (g.f[g.f.length - 1]! + 1) * c.suppressMs - 1 : null),
  weight: (g) => g.f.length,
};
