/**
 * @module detection/kinds/metric
 * `metric {field, op, value, for, group_by}`: a numeric field stays `op value` for at least `for`. Samples
 * are decided in time order once the watermark passes them (a late sample inside the run could break
 * it); a run is consecutive breaching samples, broken by a non-breaching sample or by a gap in samples
 * longer than `for` (stale data proves nothing). A run fires once, when its samples span `for`.
 * Non-numeric values are not samples; numeric text (`"93.5"`) is.
 */
import { METRIC_OPS, type FieldValue, type MetricOp } from '@vigil/contracts';
import type { RuleKind } from '../../rule-kind.ts';
import { addPending, takeFinal, type Pending } from '../../pending.ts';

/** The compiled `metric` block. */
export interface MetricConfig {
  field: string;
  op: MetricOp;
  value: number;
  forMs: number;
  groupBy: string[];
}

/** One group's pending samples (`pn` 1 = breach) and its current run. */
export interface MetricGroup extends Pending {
  /** Start time and first sample id of the current run, or null. */
  r: number | null;
  ri: string;
  /** Samples in the run, and whether it fired (0/1). */
  rn: number;
  rf: number;
  /** Time of the last final sample, or null. */
  lt: number | null;
}

const TEST: Record<MetricOp, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
};

function numeric(v: FieldValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

/** The metric kind. */
export const metricKind: RuleKind<MetricConfig, MetricGroup> = {
  name: 'metric',
  suppressible: false,
  compile(block) {
    if (!block) return undefined;
    block.onlyKeys(['field', 'op', 'value', 'for', 'group_by']);
    const field = block.field('field');
    const op = block.raw('op');
    if (!METRIC_OPS.includes(op as MetricOp)) block.problems.add(block.at('op'), `op must be one of ${METRIC_OPS.join(' ')}`);
    const value = block.number('value');
    const forMs = block.duration('for', { required: true });
    const groupBy = block.fields('group_by') ?? [];
    if (field === undefined || value === undefined || forMs === undefined || !METRIC_OPS.includes(op as MetricOp)) return undefined;
    return { field, op: op as MetricOp, value, forMs, groupBy };
  },
  groupBy: (c) => c.groupBy,
  onHit(c, g, hit, ctx) {
    const x = numeric(Object.hasOwn(hit.event, c.field) ? hit.event[c.field] : undefined);
    if (x === null) return g;
    const s = g ?? { pt: [], pi: [], r: null, ri: '', rn: 0, rf: 0, lt: null };
    addPending(s, hit.t, hit.id, TEST[c.op](x, c.value) ? 1 : 0, ctx.capture(hit.event));
    return s;
  },
  onTimer(c, s, ctx) {
    takeFinal(s, ctx.watermark, (t, id, breach, cap) => {
      if (s.lt !== null && t - s.lt > c.forMs) s.r = null;
      s.lt = t;
      if (!breach) {
        s.r = null;
        return;
      }
      if (s.r === null) {
        s.r = t;
        s.ri = id;
        s.rn = 0;
        s.rf = 0;
      }
      s.rn++;
      if (!s.rf && t - s.r >= c.forMs) {
        s.rf = 1;
        ctx.emit({ windowStart: s.r, first: s.r, last: t, count: s.rn, sampleIds: s.ri === id ? [id] : [s.ri, id], ...(cap ? { captured: cap } : {}) });
      }
    });
    return s.pt.length || (s.lt !== null && ctx.watermark <= s.lt + c.forMs) ? s : undefined;
  },
  deadline: (c, s) => (s.pt.length ? s.pt[0]! : s.lt === null ? null : s.lt + c.forMs),
  weight: (s) => 1 + s.pt.length,
};
