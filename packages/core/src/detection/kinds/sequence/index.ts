/**
 * @module detection/kinds/sequence
 * `sequence {steps: [{query, count?}], window, group_by}`: the steps happen in order — by event time,
 * ties broken by the time-sortable event id — within one sliding window, per group. Each event serves
 * one step. A window qualifies when the greedy leftmost assignment (each event to the earliest step
 * still short of its count) completes every step; greedy-leftmost is optimal for ordered matching, so
 * no arrival order can hide a match. Up to 30 steps.
 */
import type { Predicate } from '../../../query/predicate.ts';
import type { QueryNode } from '../../../query/ast.ts';
import { BlockReader } from '../../block-reader.ts';
import { pathOf } from '../../problems.ts';
import type { RuleKind } from '../../rule-kind.ts';
import { slidingWindowKind, type SlidingConfig, type WindowView } from '../../sliding-window.ts';

/** The compiled `sequence` block. */
export interface SequenceConfig extends SlidingConfig {
  steps: { predicate: Predicate; ast: QueryNode; count: number }[];
  /** Sum of the step counts: events a match uses. */
  need: number;
}

const MAX_STEPS = 30;

/** Assigns the window's events to steps greedily; answers the ids used, or null when a step falls short. */
function greedy(c: SequenceConfig, w: WindowView<number>): { ids: string[]; first: number; last: number } | null {
  let step = 0;
  let have = 0;
  const ids: string[] = [];
  let first = 0;
  let last = 0;
  for (let k = w.lo; k < w.hi; k++) {
    if ((w.values[k]! & (1 << step)) === 0) continue;
    if (ids.length === 0) first = w.ts[k]!;
    ids.push(w.ids[k]!);
    last = w.ts[k]!;
    if (++have === c.steps[step]!.count) {
      step++;
      have = 0;
      if (step === c.steps.length) return { ids, first, last };
    }
  }
  return null;
}

/** The sequence kind. */
export const sequenceKind: RuleKind = slidingWindowKind<SequenceConfig, number>({
  name: 'sequence',
  compile(block, ctx) {
    block.onlyKeys(['steps', 'window', 'group_by']);
    const windowMs = block.duration('window', { required: true });
    const groupBy = block.fields('group_by') ?? [];
    const raw = block.raw('steps');
    const steps: SequenceConfig['steps'] = [];
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
    return { steps, need: steps.reduce((s, x) => s + x.count, 0), windowMs, groupBy, bucketMs: ctx.suppressMs ?? windowMs };
  },
  filter: (c) => ({ type: 'or', children: c.steps.map((s) => s.ast) }),
  value(c, e) {
    let mask = 0;
    for (let k = 0; k < c.steps.length; k++) if (c.steps[k]!.predicate(e)) mask |= 1 << k;
    return mask === 0 ? null : mask;
  },
  isEnd: (c, mask) => (mask & (1 << (c.steps.length - 1))) !== 0,
  minEntries: (c) => c.need,
  // The kept value is which steps an event matches, in step order.
  shareKey: (c) => JSON.stringify(c.steps.map((s) => s.ast)),
  qualifies(c, w) {
    return greedy(c, w) ? c.need : 0;
  },
  evidence: (c, w) => greedy(c, w),
});
