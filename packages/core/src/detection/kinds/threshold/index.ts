/**
 * @module detection/kinds/threshold
 * `threshold {count, window, group_by}`: fires when some window of length `window` (event time,
 * `(T - window, T]` ending at an event) holds at least `count` matching events of one group — a sliding
 * window, so a burst straddling any boundary is caught — then at most once per group per aligned
 * suppression period (`suppress.window`, else `window`).
 */
import type { RuleKind } from '../../rule-kind.ts';
import { slidingWindowKind, type SlidingConfig } from '../../sliding-window.ts';

/** The compiled `threshold` block. */
export interface ThresholdConfig extends SlidingConfig {
  count: number;
}

/** The threshold kind. */
export const thresholdKind: RuleKind = slidingWindowKind<ThresholdConfig>({
  name: 'threshold',
  compile(block, ctx) {
    block.onlyKeys(['count', 'window', 'group_by']);
    const count = block.int('count', { required: true, min: 1, max: 1_000_000 });
    const windowMs = block.duration('window', { required: true });
    const groupBy = block.fields('group_by') ?? [];
    if (count === undefined || windowMs === undefined) return undefined;
    return { count, windowMs, groupBy, bucketMs: ctx.suppressMs ?? windowMs };
  },
  minEntries: (c) => c.count,
  // Counts keep no value: rules with the same filter and group_by gather the same evidence.
  shareKey: () => '',
  qualifies(c, w) {
    const n = w.hi - w.lo;
    return n >= c.count ? n : 0;
  },
});
