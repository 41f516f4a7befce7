/**
 * @module detection/kinds/value-count
 * `value_count {field, count, window, group_by}`: fires when some sliding window of one group holds at
 * least `count` distinct values of `field` (port scans, password sprays). Values compare by their JSON
 * text, so the port `22` and the text `"22"` are one value; events without the field are ignored.
 */
import type { FieldValue } from '@vigil/contracts';
import type { RuleKind } from '../../rule-kind.ts';
import { slidingWindowKind, type SlidingConfig } from '../../sliding-window.ts';

/** The compiled `value_count` block. */
export interface ValueCountConfig extends SlidingConfig {
  field: string;
  count: number;
}

function valueKey(v: FieldValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The value_count kind. */
export const valueCountKind: RuleKind = slidingWindowKind<ValueCountConfig>({
  name: 'value_count',
  compile(block, ctx) {
    block.onlyKeys(['field', 'count', 'window', 'group_by']);
    const field = block.field('field');
    const count = block.int('count', { required: true, min: 1, max: 100_000 });
    const windowMs = block.duration('window', { required: true });
    const groupBy = block.fields('group_by') ?? [];
    if (field !== undefined && groupBy.includes(field)) block.problems.add(block.at('field'), `field "${field}" is also in group_by: every group would hold one value`);
    if (field === undefined || count === undefined || windowMs === undefined) return undefined;
    return { field, count, windowMs, groupBy, bucketMs: ctx.suppressMs ?? windowMs };
  },
  value: (c, e) => valueKey(Object.hasOwn(e, c.field) ? e[c.field] : undefined),
  minEntries: (c) => c.count,
  shareKey: (c) => c.field,
  qualifies(c, w) {
    // Distinct values of the window; a window holds few events once a period fired, so this stays cheap.
    const seen = new Set<string>();
    for (let k = w.lo; k < w.hi; k++) {
      seen.add(w.values[k]!);
      if (seen.size >= c.count) break;
    }
    if (seen.size < c.count) return 0;
    for (let k = w.lo; k < w.hi; k++) seen.add(w.values[k]!);
    return seen.size;
  },
});
