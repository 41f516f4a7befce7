/**
 * @module detection/kinds/aggregate
 * `aggregate {function, field?, op, value, window, group_by}`: per group and per aligned window
 * (`[k·window, (k+1)·window)` of event time), the number of events (`count`), of distinct values of
 * `field` (`distinct`), or the sum or average of a numeric `field` (`sum`, `avg`) is compared with
 * `value` — and the window fires once when the comparison holds. Decided when the watermark passes the
 * window's end, so `<`, `<=`, `==` and `!=` are exact too (a late event inside the allowed lateness still
 * counts); a group with no event in a window has no value there and never fires. Sigma's correlation
 * conditions that are not "reaches a bound" (`lt`, `eq`, …) and `value_sum` / `value_avg` land here;
 * `threshold` and `value_count` (sliding windows, firing as soon as the bound is reached) stay the
 * choice for `>=`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { RuleKind } from '../../rule-kind.ts';
import { insertAt } from '../../sorted-entries.ts';

/** Aggregate functions. */
export const AGGREGATE_FUNCTIONS = ['count', 'distinct', 'sum', 'avg'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];
/** Comparisons. */
export const AGGREGATE_OPS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type AggregateOp = (typeof AGGREGATE_OPS)[number];

/** The compiled `aggregate` block. */
export interface AggregateConfig {
  fn: AggregateFunction;
  field: string | null;
  op: AggregateOp;
  value: number;
  windowMs: number;
  groupBy: string[];
}

/** One open window of a group: first/last time, events, sum, the earliest sample ids, distinct values, captured title values. */
interface Bucket {
  f: number;
  l: number;
  n: number;
  s: number;
  /** Up to SAMPLE earliest [time, id] pairs. */
  i: [number, string][];
  d?: string[];
  c?: FieldValue[];
}

/** A group's open windows by start time. */
export interface AggregateGroup {
  b: Record<string, Bucket>;
}

const SAMPLE = 10;
/** Distinct values kept per window; more count as this many (state stays bounded). */
const MAX_DISTINCT = 10_000;

const TEST: Record<AggregateOp, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function numeric(v: FieldValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

function valueKey(v: FieldValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const earlier = (a: [number, string], b: [number, string]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** The aggregate kind. */
export const aggregateKind: RuleKind<AggregateConfig, AggregateGroup> = {
  name: 'aggregate',
  suppressible: false,
  compile(block) {
    if (!block) return undefined;
    block.onlyKeys(['function', 'field', 'op', 'value', 'window', 'group_by']);
    const fn = block.raw('function');
    if (!AGGREGATE_FUNCTIONS.includes(fn as AggregateFunction)) block.problems.add(block.at('function'), `function must be one of ${AGGREGATE_FUNCTIONS.join(', ')}`);
    const needsField = fn !== 'count';
    const field = needsField ? block.field('field') : block.has('field') ? block.field('field') : null;
    const op = block.raw('op');
    if (!AGGREGATE_OPS.includes(op as AggregateOp)) block.problems.add(block.at('op'), `op must be one of ${AGGREGATE_OPS.join(' ')}`);
    const value = block.number('value');
    const windowMs = block.duration('window', { required: true });
    const groupBy = block.fields('group_by') ?? [];
    if (!AGGREGATE_FUNCTIONS.includes(fn as AggregateFunction) || !AGGREGATE_OPS.includes(op as AggregateOp) || field === undefined || value === undefined || windowMs === undefined) return undefined;
    return { fn: fn as AggregateFunction, field, op: op as AggregateOp, value, windowMs, groupBy };
  },
  groupBy: (c) => c.groupBy,
  onHit(c, g, hit, ctx) {
    const raw = c.field !== null && Object.hasOwn(hit.event, c.field) ? hit.event[c.field] : undefined;
    let v = 0;
    let key: string | null = null;
    if (c.fn === 'sum' || c.fn === 'avg') {
      const x = numeric(raw);
      if (x === null) return g;
      v = x;
    } else if (c.fn === 'distinct') {
      key = valueKey(raw);
      if (key === null) return g;
    }
    const s = g ?? { b: {} };
    const start = Math.floor(hit.t / c.windowMs) * c.windowMs;
    const k = String(start);
    let x = s.b[k];
    if (!x) {
      x = { f: hit.t, l: hit.t, n: 0, s: 0, i: [] };
      if (c.fn === 'distinct') x.d = [];
      s.b[k] = x;
    }
    const pair: [number, string] = [hit.t, hit.id];
    // The title's values come from the earliest event, whatever the arrival order.
    if (x.n === 0 || earlier(pair, [x.f, x.i[0]?.[1] ?? ''])) {
      const cap = ctx.capture(hit.event);
      if (cap) x.c = cap;
    }
    x.n++;
    x.s += v;
    if (hit.t < x.f) x.f = hit.t;
    if (hit.t > x.l) x.l = hit.t;
    if (x.i.length < SAMPLE || earlier(pair, x.i[x.i.length - 1]!)) {
      let at = x.i.length;
      while (at > 0 && earlier(pair, x.i[at - 1]!)) at--;
      insertAt(x.i, at, pair);
      if (x.i.length > SAMPLE) x.i.pop();
    }
    if (key !== null && x.d!.length < MAX_DISTINCT && !x.d!.includes(key)) x.d!.push(key);
    return s;
  },
  onTimer(c, s, ctx) {
    let open = false;
    for (const k of Object.keys(s.b)) {
      const start = Number(k);
      if (start + c.windowMs > ctx.watermark) {
        open = true;
        continue;
      }
      const x = s.b[k]!;
      delete s.b[k];
      const measure = c.fn === 'count' ? x.n : c.fn === 'distinct' ? x.d!.length : c.fn === 'sum' ? x.s : x.s / x.n;
      if (TEST[c.op](measure, c.value)) ctx.emit({ windowStart: start, first: x.f, last: x.l, count: x.n, sampleIds: x.i.map((p) => p[1]), ...(x.c ? { captured: x.c } : {}) });
    }
    return open ? s : undefined;
  },
  deadline(c, s) {
    let min: number | null = null;
    for (const k of Object.keys(s.b)) {
      const d = Number(k) + c.windowMs - 1;
      if (min === null || d < min) min = d;
    }
    return min;
  },
  weight: (s) => {
    let n = 0;
    for (const k in s.b) n += s.b[k]!.n;
    return n;
  },
};
