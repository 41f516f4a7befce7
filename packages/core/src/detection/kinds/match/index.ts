/**
 * @module detection/kinds/match
 * The plain match: every matching event is a signal (its id keyed by the event id); with `suppress`,
 * at most one signal per group in each aligned suppression period. The block is optional
 * (`match: {group_by: [host.name]}`). Rules with the same filter, group_by and suppression share one
 * state (RuleKind.share) and each raises its own signals.
 */
import type { Fire, Hit, KindContext, RuleKind, SharedUnit } from '../../rule-kind.ts';
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

/**
 * Handles a hit for `members` identical rules (1: a rule alone): each fires what it would fire alone,
 * and their fired periods are the same, so one group state serves them all.
 */
function onHit(c: MatchConfig, g: MatchGroup | undefined, hit: Hit, ctx: KindContext, members: number): MatchGroup | undefined {
  if (c.suppressMs === null) {
    for (let m = 0; m < members; m++) ctx.emit(fire(hit, hit.t, hit.id, members, m));
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
  for (let m = 0; m < members; m++) ctx.emit(fire(hit, b * c.suppressMs, undefined, members, m));
  return s;
}

function fire(hit: Hit, windowStart: number, idKey: string | undefined, members: number, m: number): Fire {
  const f: Fire = { windowStart, first: hit.t, last: hit.t, count: 1, sampleIds: [hit.id], event: hit.event };
  if (idKey !== undefined) f.idKey = idKey;
  if (members > 1) f.member = m;
  return f;
}

/** The kind's timer, deadline and weight, which do not depend on how many rules share the state. */
const common = {
  onTimer(c: MatchConfig, g: MatchGroup, ctx: KindContext): MatchGroup | undefined {
    pruneFired(g.f, ctx.watermark, c.suppressMs!);
    return g.f.length ? g : undefined;
  },
  deadline: (c: MatchConfig, g: MatchGroup) => (g.f.length && c.suppressMs !== null ? (g.f[g.f.length - 1]! + 1) * c.suppressMs - 1 : null),
  weight: (g: MatchGroup) => g.f.length,
};

/** Rules with the same filter, group_by and suppression fire alike: one state, a signal for each. */
function share(configs: readonly MatchConfig[]): SharedUnit {
  const n = configs.length;
  const kind: RuleKind<MatchConfig, MatchGroup> = {
    name: 'match',
    suppressible: true,
    compile: () => undefined,
    groupBy: (c) => c.groupBy,
    onHit: (c, g, hit, ctx) => onHit(c, g, hit, ctx, n),
    ...common,
  };
  return {
    kind: kind as RuleKind,
    config: configs[0],
    part: (s) => s,
    join(parts) {
      const f = new Set<number>();
      for (const p of parts) for (const b of (p as MatchGroup | undefined)?.f ?? []) f.add(b);
      return f.size ? { f: [...f].sort((x, y) => x - y) } : undefined;
    },
  };
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
  onHit: (c, g, hit, ctx) => onHit(c, g, hit, ctx, 1),
  ...common,
  shareKey: (c) => String(c.suppressMs),
  share,
};
