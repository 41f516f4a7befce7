/**
 * @module detection/kinds/temporal
 * `temporal {steps: [{query, count?}], window, group_by}`: every step happens, in any order, within one
 * sliding window per group — Sigma's unordered `temporal` correlation. Steps are counted independently
 * (an event matching two steps counts for both, as two Sigma rules would each match it); a window
 * qualifies when each step has at least its `count` events in it. Up to 30 steps; `sequence` is the
 * ordered form.
 */
import type { Predicate } from '../../../query/predicate.ts';
import type { QueryNode } from '../../../query/ast.ts';
import { BlockReader } from '../../block-reader.ts';
import { pathOf } from '../../problems.ts';
import type { RuleKind } from '../../rule-kind.ts';
import { slidingWindowKind, type SlidingConfig } from '../../sliding-window.ts';

/** The compiled `temporal` block. */
export interface TemporalConfig extends SlidingConfig {
  steps: { predicate: Predicate; ast: QueryNode; count: number }[];
}

const MAX_STEPS = 30;

/** The temporal kind. */
export const temporalKind: RuleKind = slidingWindowKind<TemporalConfig, number>({
  name: 'temporal',
  compile(block, ctx) {
    block.onlyKeys(['steps', 'window', 'group_by']);
    const windowMs = block.duration('window', { required: true });
    const groupBy = block.fields('group_by') ?? [];
    const raw = block.raw('steps');
    const steps: TemporalConfig['steps'] = [];
    let bad = false;
    if (!Array.isArray(raw) || raw.length < 2 || raw.length > MAX_STEPS) {
      block.problems.add(block.at('steps'), `steps must be a list of 2 to ${MAX_STEPS} steps ({query, count?})`);
      bad = true;
    } else {
      raw.forEach((s, n) => {
        const r = BlockReader.open(s, pathOf(block.at('steps'), n), block.problems);
        if (!r) return void (bad = true);
        r.onlyKeys(['query', 'count']);
        const text = r.string('query', { required: true, max: 20_000 });
        const count = r.int('count', { min: 1, max: 10_000 }) ?? (r.has('count') ? undefined : 1);
        const q = text === undefined ? undefined : ctx.query(text, r.at('query'));
        if (!q || count === undefined) bad = true;
        else steps.push({ ...q, count });
      });
    }
    if (bad || windowMs === undefined) return undefined;
    return { steps, windowMs, groupBy, bucketMs: ctx.suppressMs ?? windowMs };
  },
  filter: (c) => ({ type: 'or', children: c.steps.map((s) => s.ast) }),
  value(c, e) {
    let mask = 0;
    for (let k = 0; k < c.steps.length; k++) if (c.steps[k]!.predicate(e)) mask |= 1 << k;
    return mask === 0 ? null : mask;
  },
  // One event may serve every step, so the largest step count is the floor.
  shareKey: (c) => JSON.stringify(c.steps.map((s) => s.ast)),
  minEntries(c) {
    let most = 1;
    for (let k = 0; k < c.steps.length; k++) most = Math.max(most, c.steps[k]!.count);
    return most;
  },
  qualifies(c, w) {
    for (let k = 0; k < c.steps.length; k++) {
      const need = c.steps[k]!.count;
      let have = 0;
      for (let j = w.lo; j < w.hi && have < need; j++) if (w.values[j]! & (1 << k)) have++;
      if (have < need) return 0;
    }
    return w.hi - w.lo;
  },
});
