/**
 * A brute-force reference for the streaming engine: it sees every event at once (full knowledge, no
 * arrival order, no state) and recomputes from the definitions in docs/rules.md. Deliberately naive —
 * quadratic scans, no pruning — so it shares no cleverness (and no bugs) with the engine.
 */
import type { FieldValue, VigilEvent } from '@vigil/contracts';
import { groupKeyOf, signalId, type CompiledRule } from '../../src/detection/index.ts';

/** A signal as the reference knows it: identity only. */
export interface RefSignal {
  id: string;
  ruleId: string;
  groupKey: string;
  windowStart: number;
}

interface Hit {
  t: number;
  id: string;
  e: VigilEvent;
}

const before = (a: Hit, b: Hit) => a.t < b.t || (a.t === b.t && a.id < b.id);
const byTimeId = (a: Hit, b: Hit) => (a.t - b.t) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function groupsOf(rule: CompiledRule, events: readonly VigilEvent[]): Map<string, Hit[]> {
  const out = new Map<string, Hit[]>();
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.id) || !rule.predicate(e)) continue;
    seen.add(e.id);
    const k = groupKeyOf(e, rule.groupBy);
    if (k === null) continue;
    const list = out.get(k) ?? [];
    list.push({ t: Date.parse(e['@timestamp']), id: e.id, e });
    out.set(k, list);
  }
  for (const l of out.values()) l.sort(byTimeId);
  return out;
}

const sig = (rule: CompiledRule, key: string, start: number, idKey?: string): RefSignal => ({ id: signalId(rule.id, key, idKey ?? String(start)), ruleId: rule.id, groupKey: key, windowStart: start });

/** Periods (as window starts) in which some window ending at an end time qualifies. */
function periods(rule: CompiledRule, key: string, ends: number[], bucket: number, out: RefSignal[]): void {
  const fired = new Set<number>();
  for (const T of ends) fired.add(Math.floor(T / bucket));
  for (const b of [...fired].sort((a, c) => a - c)) out.push(sig(rule, key, b * bucket));
}

type Cfg = Record<string, unknown> & { windowMs: number; bucketMs: number };

function valueKey(v: FieldValue | undefined): string | null {
  return v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The signals the rule must raise for these events, with `watermark` the final watermark (only timer
 * kinds — absence, new_terms, metric — use it: what lies at or beyond it is not final yet).
 */
export function referenceSignals(rule: CompiledRule, events: readonly VigilEvent[], watermark: number): RefSignal[] {
  const out: RefSignal[] = [];
  const c = rule.config as Cfg;
  for (const [key, hits] of groupsOf(rule, events)) {
    switch (rule.kind.name) {
      case 'match': {
        if (rule.suppressMs === null) for (const h of hits) out.push(sig(rule, key, h.t, h.id));
        else periods(rule, key, hits.map((h) => h.t), rule.suppressMs, out);
        break;
      }
      case 'threshold': {
        const count = c.count as number;
        const ends = hits.filter((h) => hits.filter((x) => x.t > h.t - c.windowMs && x.t <= h.t).length >= count).map((h) => h.t);
        periods(rule, key, ends, c.bucketMs, out);
        break;
      }
      case 'value_count': {
        const field = c.field as string;
        const count = c.count as number;
        const vh = hits.filter((h) => valueKey(h.e[field]) !== null);
        const ends = vh.filter((h) => new Set(vh.filter((x) => x.t > h.t - c.windowMs && x.t <= h.t).map((x) => valueKey(x.e[field]))).size >= count).map((h) => h.t);
        periods(rule, key, ends, c.bucketMs, out);
        break;
      }
      case 'sequence': {
        const steps = c.steps as { predicate: (e: VigilEvent) => boolean; count: number }[];
        const sh = hits.filter((h) => steps.some((s) => s.predicate(h.e)));
        const ends: number[] = [];
        for (const end of sh) {
          if (!steps[steps.length - 1]!.predicate(end.e)) continue;
          const win = sh.filter((x) => x.t > end.t - c.windowMs && !before(end, x));
          // The engine assigns greedily; the reference searches every assignment (inputs are small).
          if (embeds(win, steps, 0, 0, 0)) ends.push(end.t);
        }
        periods(rule, key, ends, c.bucketMs, out);
        break;
      }
      case 'absence': {
        const ts = [...new Set(hits.map((h) => h.t))].sort((a, b) => a - b);
        ts.forEach((a, i) => {
          const next = ts[i + 1];
          if (next === undefined ? watermark > a + c.windowMs : next - a > c.windowMs) out.push(sig(rule, key, a));
        });
        break;
      }
      case 'new_terms': {
        const h = c.historyMs as number;
        for (const x of hits) {
          if (x.t >= watermark) continue;
          if (!hits.some((y) => before(y, x) && x.t - y.t <= h)) out.push(sig(rule, key, x.t));
        }
        break;
      }
      case 'metric': {
        const { field, op, value, forMs } = c as unknown as { field: string; op: string; value: number; forMs: number };
        const samples = hits.filter((x) => x.t < watermark).map((x) => ({ ...x, v: num(x.e[field]) })).filter((x) => x.v !== null);
        const test = (v: number) => (op === '>' ? v > value : op === '<' ? v < value : op === '>=' ? v >= value : v <= value);
        // Runs: maximal stretches of breaching samples with no gap longer than `for`; each fires once.
        let start = -1;
        let fired = false;
        samples.forEach((s, i) => {
          if (!test(s.v!) || (i > 0 && s.t - samples[i - 1]!.t > forMs)) start = -1;
          if (!test(s.v!)) return;
          if (start < 0) {
            start = i;
            fired = false;
          }
          if (!fired && s.t - samples[start]!.t >= forMs) {
            fired = true;
            out.push(sig(rule, key, samples[start]!.t));
          }
        });
        break;
      }
      case 'temporal': {
        const steps = c.steps as { predicate: (e: VigilEvent) => boolean; count: number }[];
        const sh = hits.filter((h) => steps.some((s) => s.predicate(h.e)));
        // Every window ending at an event time: each step counted on its own (an event may serve two).
        const ends = sh.filter((h) => {
          const win = sh.filter((x) => x.t > h.t - c.windowMs && x.t <= h.t);
          return steps.every((s) => win.filter((x) => s.predicate(x.e)).length >= s.count);
        });
        periods(rule, key, ends.map((h) => h.t), c.bucketMs, out);
        break;
      }
      case 'aggregate': {
        const { fn, field, op, value } = c as unknown as { fn: string; field: string | null; op: string; value: number };
        const used = hits.filter((h) => (fn === 'sum' || fn === 'avg' ? num(h.e[field!]) !== null : fn === 'distinct' ? valueKey(h.e[field!]) !== null : true));
        const starts = [...new Set(used.map((h) => Math.floor(h.t / c.windowMs) * c.windowMs))].sort((a, b) => a - b);
        for (const start of starts) {
          if (start + c.windowMs > watermark) continue;
          const inW = used.filter((h) => h.t >= start && h.t < start + c.windowMs);
          const sum = inW.reduce((a, h) => a + (fn === 'sum' || fn === 'avg' ? num(h.e[field!])! : 0), 0);
          const m = fn === 'count' ? inW.length : fn === 'distinct' ? new Set(inW.map((h) => valueKey(h.e[field!]))).size : fn === 'sum' ? sum : sum / inW.length;
          const ok = op === '>' ? m > value : op === '>=' ? m >= value : op === '<' ? m < value : op === '<=' ? m <= value : op === '==' ? m === value : m !== value;
          if (ok) out.push(sig(rule, key, start));
        }
        break;
      }
      default:
        throw new Error(`no reference for ${rule.kind.name}`);
    }
  }
  return out;
}

function num(v: FieldValue | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

/** Exhaustive search: can the steps (with counts) be matched by distinct events in order from `from`? */
function embeds(win: Hit[], steps: { predicate: (e: VigilEvent) => boolean; count: number }[], step: number, have: number, from: number, memo = new Map<string, boolean>()): boolean {
  if (step === steps.length) return true;
  const m = `${step},${have},${from}`;
  if (memo.has(m)) return memo.get(m)!;
  const r = search(win, steps, step, have, from, memo);
  memo.set(m, r);
  return r;
}

function search(win: Hit[], steps: { predicate: (e: VigilEvent) => boolean; count: number }[], step: number, have: number, from: number, memo: Map<string, boolean>): boolean {
  for (let k = from; k < win.length; k++) {
    if (!steps[step]!.predicate(win[k]!.e)) continue;
    const done = have + 1 === steps[step]!.count;
    if (embeds(win, steps, done ? step + 1 : step, done ? 0 : have + 1, k + 1, memo)) return true;
  }
  return false;
}
