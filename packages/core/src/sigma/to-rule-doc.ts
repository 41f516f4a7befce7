/**
 * @module sigma/to-rule-doc
 * Converted Sigma rules as Vigil rule documents: a detection rule is a plain `match` rule on its query;
 * correlation rules become `threshold` (event_count) and `value_count` when the condition reaches a
 * bound (gte, gt), `aggregate` otherwise and for value_sum / value_avg, `sequence` (temporal_ordered)
 * and `temporal`, over the queries of the rules they reference. Each document keeps where it came from in
 * `source` (Sigma id, author, references: DRL-1.1 asks that a match show the author).
 */
import type { RuleDoc, RuleSource, Severity } from '@vigil/contracts';
import type { SigmaCorrelationRule, SigmaDetectionRule, SigmaFailure, SigmaResult } from './sigma-rule.ts';

const LEVELS: Record<string, Severity> = { informational: 'info', info: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** Sigma's `level` as a Vigil severity (medium when absent or unknown). */
export function sigmaSeverity(level: string | undefined): Severity {
  return (level && Object.hasOwn(LEVELS, level.toLowerCase()) ? LEVELS[level.toLowerCase()] : undefined) ?? 'medium';
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** The Vigil rule id of a Sigma rule: `sigma-<id>` (UUIDs are slugs already), else from its name or title. */
export function sigmaRuleId(r: { id?: string; name?: string; title: string }): string {
  const base = r.id ? slug(r.id) : r.name ? slug(r.name) : slug(r.title);
  return `sigma-${base || 'rule'}`.slice(0, 100);
}

function sourceOf(r: SigmaDetectionRule | SigmaCorrelationRule): RuleSource {
  return {
    format: 'sigma',
    ...(r.id ? { id: r.id } : {}),
    ...(r.author ? { author: r.author } : {}),
    references: r.references,
    ...(r.status ? { status: r.status } : {}),
    license: 'DRL-1.1',
    ...(r.location.file ? { file: r.location.file } : {}),
  };
}

function base(r: SigmaDetectionRule | SigmaCorrelationRule): RuleDoc {
  return {
    id: sigmaRuleId(r),
    title: r.title.replace(/\{\{/g, '{ {'),
    ...(r.description ? { description: r.description } : {}),
    severity: sigmaSeverity(r.level),
    tags: r.tags.slice(0, 100),
    enabled: r.status !== 'deprecated' && r.status !== 'unsupported',
    source: sourceOf(r),
  };
}

class Unsupported extends Error {}

/** Sigma correlation condition operators as the `aggregate` kind's. */
const SIGMA_OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '==', neq: '!=' } as const;

function correlationDoc(c: SigmaCorrelationRule, byRef: Map<string, SigmaDetectionRule>): RuleDoc {
  const refs = c.rules.map((name) => {
    const r = byRef.get(name);
    if (!r) throw new Unsupported(`correlation references '${name}', which is not a converted detection rule in this import`);
    return { name, rule: r };
  });
  // group-by: each field (or alias) must name the same Vigil field in every referenced rule.
  const groupBy = c.groupBy.map((g) => {
    const fields = new Set(
      refs.map(({ name, rule }) => {
        const alias = Object.hasOwn(c.aliases, g) ? c.aliases[g]! : undefined;
        const sigmaField = alias ? (alias[name] ?? (rule.name ? alias[rule.name] : undefined) ?? (rule.id ? alias[rule.id] : undefined)) : g;
        const f = sigmaField === undefined ? undefined : rule.fieldOf(sigmaField);
        if (f === undefined) throw new Unsupported(`group-by '${g}' has no Vigil field in rule '${name}'`);
        return f;
      }),
    );
    if (fields.size > 1) throw new Unsupported(`group-by '${g}' maps to different fields (${[...fields].join(', ')}) in the referenced rules`);
    return [...fields][0]!;
  });
  const window = `${Math.max(1, Math.round(c.timespanMs / 1000))}s`;
  const doc = base(c);
  const queries = refs.map(({ rule }) => rule.queryText);
  const anyOf = queries.length === 1 ? queries[0]! : queries.map((q) => `(${q})`).join(' OR ');
  const cond = c.condition;
  /** `gte`/`gt` reach a bound (sliding windows fire at once); anything else is decided per aligned window. */
  const reaches = cond !== undefined && (cond.op === 'gte' || cond.op === 'gt');
  const atLeast = (): number => Math.max(1, cond!.op === 'gte' ? Math.ceil(cond!.value) : Math.floor(cond!.value) + 1);
  const aggregate = (fn: 'count' | 'distinct' | 'sum' | 'avg', field?: string): RuleDoc => ({
    ...doc,
    query: anyOf,
    aggregate: { function: fn, ...(field ? { field } : {}), op: SIGMA_OPS[cond!.op], value: cond!.value, window, group_by: groupBy },
  });
  const conditionField = (): string => {
    const field = refs[0]!.rule.fieldOf(cond!.field!);
    if (!field) throw new Unsupported(`${c.type} field '${cond!.field}' has no Vigil field`);
    return field;
  };
  switch (c.type) {
    case 'event_count':
      return reaches ? { ...doc, query: anyOf, threshold: { count: atLeast(), window, group_by: groupBy } } : aggregate('count');
    case 'value_count':
      return reaches ? { ...doc, query: anyOf, value_count: { field: conditionField(), count: atLeast(), window, group_by: groupBy } } : aggregate('distinct', conditionField());
    case 'value_sum':
      return aggregate('sum', conditionField());
    case 'value_avg':
      return aggregate('avg', conditionField());
    case 'temporal_ordered':
      return { ...doc, sequence: { steps: queries.map((q) => ({ query: q })), window, group_by: groupBy } };
    case 'temporal':
      if (queries.length === 1) return { ...doc, query: anyOf, threshold: { count: 1, window, group_by: groupBy } };
      return { ...doc, temporal: { steps: queries.map((q) => ({ query: q })), window, group_by: groupBy } };
    default:
      throw new Unsupported(`${String(c.type)} correlation is not supported yet`);
  }
}

/**
 * Rule documents for the converted Sigma results. Detection rules referenced by a correlation with
 * `generate: false` are folded into it rather than raising alerts of their own.
 */
export function sigmaRuleDocs(results: SigmaResult[]): { docs: RuleDoc[]; failures: SigmaFailure[] } {
  const detections = results.filter((r): r is SigmaDetectionRule => r.kind === 'detection');
  const failures = results.filter((r): r is SigmaFailure => r.kind === 'failure');
  const byRef = new Map<string, SigmaDetectionRule>();
  for (const r of detections) {
    if (r.name) byRef.set(r.name, r);
    if (r.id) byRef.set(r.id, r);
  }
  const folded = new Set<SigmaDetectionRule>();
  const correlations: RuleDoc[] = [];
  for (const c of results) {
    if (c.kind !== 'correlation') continue;
    try {
      correlations.push(correlationDoc(c, byRef));
      if (!c.generate) for (const n of c.rules) if (byRef.has(n)) folded.add(byRef.get(n)!);
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      failures.push({ kind: 'failure', title: c.title, ...(c.id ? { id: c.id } : {}), ...(c.author ? { author: c.author } : {}), code: 'VIGIL_ERR_SIGMA_UNSUPPORTED', reason: err.message, location: c.location });
    }
  }
  const docs = detections.filter((r) => !folded.has(r)).map((r): RuleDoc => ({ ...base(r), query: r.queryText }));
  return { docs: [...docs, ...correlations], failures };
}
