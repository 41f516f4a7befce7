/**
 * @module sigma/convert
 * Converts Sigma YAML (one rule, many documents, collections with `action: global|reset|repeat`,
 * correlation rules) to Vigil rules, in pySigma's stages: parse -> processing pipeline -> backend.
 * Every document yields a result; errors are collected with file, line and path, never thrown.
 */
import { LineCounter, parseAllDocuments, isMap, type Document } from 'yaml';
import { mapMatches, type SigmaExpr } from './sigma-expr.ts';
import { searchExpr, SigmaDetectionError } from './detection.ts';
import { parseCondition, SigmaConditionError } from './condition.ts';
import { SigmaModifierError } from './modifiers/modifier.ts';
import { BUILTIN_MODIFIERS, type ModifierRegistry } from './modifiers/builtin.ts';
import { describeLogsource, resolveLogsource, type SigmaLogsource, type SigmaPipeline } from './pipeline/pipeline.ts';
import { toQuery } from './to-query.ts';
import { parseQuery, printQuery } from '../query/index.ts';
import { isVigilError } from '@vigil/contracts';
import type { SigmaCorrelationCondition, SigmaCorrelationType, SigmaFailure, SigmaLocation, SigmaMeta, SigmaResult } from './sigma-rule.ts';

/** Options of a conversion. */
export interface SigmaConvertOptions {
  pipeline: SigmaPipeline;
  modifiers?: ModifierRegistry;
  /** Shown in locations. */
  file?: string;
}

type Dict = Record<string, unknown>;

function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Deep merge: `over` wins, maps merge recursively (Sigma collections' semantics). */
function merge(base: Dict, over: Dict): Dict {
  const out: Dict = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === '__proto__') continue;
    out[k] = isDict(v) && isDict(out[k]) ? merge(out[k] as Dict, v) : v;
  }
  return out;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return undefined;
}

function strList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((s): s is string => s !== undefined);
  const s = str(v);
  return s === undefined ? [] : [s];
}

function meta(d: Dict): SigmaMeta {
  return {
    id: str(d.id),
    name: str(d.name),
    title: str(d.title) ?? '(untitled)',
    description: str(d.description),
    author: str(d.author),
    references: strList(d.references),
    status: str(d.status),
    level: str(d.level),
    tags: strList(d.tags),
    falsepositives: strList(d.falsepositives),
    date: str(d.date),
    modified: str(d.modified),
  };
}

const DURATION = /^(\d+)(s|m|h|d|w|M|y)$/;
const UNIT_MS: Record<string, number> = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8, M: 2.592e9, y: 3.1536e10 };

/** Sigma timespans: `30s`, `5m`, `1h`, `7d`, `1w`, `1M`, `1y`. */
function timespan(v: unknown): number | undefined {
  const m = typeof v === 'string' ? DURATION.exec(v.trim()) : null;
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}

const CORRELATION_TYPES = new Set<SigmaCorrelationType>(['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg']);
const CONDITION_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;

class Failure extends Error {
  constructor(
    readonly code: SigmaFailure['code'],
    message: string,
    readonly path?: (string | number)[],
  ) {
    super(message);
  }
}

function logsourceOf(d: Dict): SigmaLogsource {
  const ls = isDict(d.logsource) ? d.logsource : {};
  const out: SigmaLogsource = {};
  for (const k of ['category', 'product', 'service'] as const) {
    const v = str(ls[k]);
    if (v) out[k] = v;
  }
  return out;
}

function convertDetection(d: Dict, opts: SigmaConvertOptions, location: SigmaLocation): SigmaResult {
  const ls = logsourceOf(d);
  if (!isDict(d.detection)) throw new Failure('VIGIL_ERR_SIGMA_INVALID', 'the rule has no detection section', ['detection']);
  const resolved = resolveLogsource(opts.pipeline, ls);
  if (!resolved) throw new Failure('VIGIL_ERR_SIGMA_UNSUPPORTED', `Vigil does not parse the log source ${describeLogsource(ls)}`, ['logsource']);
  const registry = opts.modifiers ?? BUILTIN_MODIFIERS;
  const placeholders = opts.pipeline.placeholders ?? {};
  const searches = new Map<string, SigmaExpr>();
  let condition: unknown;
  for (const [name, def] of Object.entries(d.detection)) {
    if (name === 'condition') condition = def;
    else if (name === 'timeframe') continue;
    else searches.set(name, searchExpr(def, registry, placeholders, ['detection', name]));
  }
  const conditions = Array.isArray(condition) ? condition : [condition];
  if (condition === undefined || conditions.some((c) => typeof c !== 'string')) {
    throw new Failure('VIGIL_ERR_SIGMA_INVALID', 'detection.condition must be a string (or a list of strings)', ['detection', 'condition']);
  }
  let expr: SigmaExpr;
  try {
    const parsed = conditions.map((c) => parseCondition(c as string, searches));
    expr = parsed.length === 1 ? parsed[0]! : { op: 'or', items: parsed };
  } catch (err) {
    if (err instanceof SigmaConditionError) {
      const unsupported = err.message.includes('deprecated');
      throw new Failure(unsupported ? 'VIGIL_ERR_SIGMA_UNSUPPORTED' : 'VIGIL_ERR_SIGMA_INVALID', `condition, column ${err.column}: ${err.message}`, ['detection', 'condition']);
    }
    throw err;
  }
  const mapped = mapMatches(expr, (m) => {
    if (m.field === undefined) return m;
    const f = resolved.field(m.field);
    if (f === undefined) throw new Failure('VIGIL_ERR_SIGMA_UNSUPPORTED', `field '${m.field}' has no Vigil name for the log source ${describeLogsource(ls)}`, ['detection']);
    // `|fieldref` values name a field too: the same pipeline maps it.
    const values = m.values.map((v) => {
      if (v.kind !== 'fieldref') return v;
      const o = resolved.field(v.field);
      if (o === undefined) throw new Failure('VIGIL_ERR_SIGMA_UNSUPPORTED', `field '${v.field}' (fieldref of '${m.field}') has no Vigil name for the log source ${describeLogsource(ls)}`, ['detection']);
      return { ...v, field: o };
    });
    return { ...m, field: f, values };
  });
  const detection = toQuery(mapped);
  const query = resolved.query.type === 'all' ? detection : { type: 'and' as const, children: [resolved.query, detection] };
  // The rule must also be a valid search: written out and read back (limits, typed values, field names).
  let queryText: string;
  try {
    queryText = printQuery(query);
    parseQuery(queryText);
  } catch (err) {
    if (isVigilError(err)) throw new Failure('VIGIL_ERR_SIGMA_UNSUPPORTED', `as a Vigil query: ${err.message}`, ['detection']);
    throw err;
  }
  return { kind: 'detection', ...meta(d), logsource: ls, query, detection, queryText, fieldOf: (n) => resolved.field(n), location };
}

function convertCorrelation(d: Dict, location: SigmaLocation): SigmaResult {
  const c = d.correlation as Dict;
  const type = str(c.type) as SigmaCorrelationType | undefined;
  if (!type || !CORRELATION_TYPES.has(type)) {
    throw new Failure('VIGIL_ERR_SIGMA_INVALID', `correlation.type must be one of ${[...CORRELATION_TYPES].join(', ')}`, ['correlation', 'type']);
  }
  const rules = strList(c.rules);
  if (rules.length === 0) throw new Failure('VIGIL_ERR_SIGMA_INVALID', 'correlation.rules must name at least one rule', ['correlation', 'rules']);
  const span = timespan(c.timespan ?? c.timeframe);
  if (span === undefined) throw new Failure('VIGIL_ERR_SIGMA_INVALID', 'correlation.timespan must be a duration like 5m, 1h or 1d', ['correlation', 'timespan']);
  let condition: SigmaCorrelationCondition | undefined;
  if (c.condition !== undefined) {
    if (!isDict(c.condition)) throw new Failure('VIGIL_ERR_SIGMA_INVALID', 'correlation.condition must be a map like {gte: 10}', ['correlation', 'condition']);
    const cond = c.condition;
    const ops = CONDITION_OPS.filter((o) => cond[o] !== undefined);
    if (ops.length !== 1 || typeof cond[ops[0]!] !== 'number') {
      throw new Failure('VIGIL_ERR_SIGMA_INVALID', 'correlation.condition needs exactly one of gt, gte, lt, lte, eq, neq with a number', ['correlation', 'condition']);
    }
    condition = { op: ops[0]!, value: cond[ops[0]!] as number, ...(str(cond.field) ? { field: str(cond.field) } : {}) };
  }
  const needsCondition = type !== 'temporal' && type !== 'temporal_ordered';
  if (needsCondition && !condition) throw new Failure('VIGIL_ERR_SIGMA_INVALID', `a ${type} correlation needs a condition`, ['correlation', 'condition']);
  if ((type === 'value_count' || type === 'value_sum' || type === 'value_avg') && !condition?.field) {
    throw new Failure('VIGIL_ERR_SIGMA_INVALID', `a ${type} correlation's condition needs a field`, ['correlation', 'condition', 'field']);
  }
  const aliases: Record<string, Record<string, string>> = {};
  if (isDict(c.aliases)) {
    for (const [alias, map] of Object.entries(c.aliases)) {
      if (!isDict(map)) throw new Failure('VIGIL_ERR_SIGMA_INVALID', `correlation.aliases.${alias} must map rule names to fields`, ['correlation', 'aliases', alias]);
      aliases[alias] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, str(v) ?? '']));
    }
  }
  return {
    kind: 'correlation',
    ...meta(d),
    type,
    rules,
    groupBy: strList(c['group-by']),
    timespanMs: span,
    ...(condition ? { condition } : {}),
    aliases,
    generate: c.generate === true,
    location,
  };
}

function withoutAction(d: Dict): Dict {
  const out = { ...d };
  delete out.action;
  return out;
}

function locate(doc: Document, lc: LineCounter, path: (string | number)[] | undefined, file: string | undefined): SigmaLocation {
  let node: unknown = undefined;
  for (let n = path?.length ?? 0; n > 0 && !node; n--) node = doc.getIn(path!.slice(0, n), true);
  const range = (node as { range?: [number, number, number] } | undefined)?.range ?? doc.contents?.range;
  const line = range ? lc.linePos(range[0]).line : 1;
  return { ...(file ? { file } : {}), line, ...(path && path.length ? { path: path.join('.') } : {}) };
}

/**
 * Converts Sigma YAML text: one result per rule document (global/reset documents of a collection
 * yield none). Never throws for any input text.
 *
 * @example
 * const results = convertSigma(yamlText, { pipeline: builtinPipeline() });
 * for (const r of results) if (r.kind === 'failure') console.log(r.location.line, r.reason);
 */
export function convertSigma(text: string, opts: SigmaConvertOptions): SigmaResult[] {
  const lc = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs];
  } catch (err) {
    return [{ kind: 'failure', code: 'VIGIL_ERR_SIGMA_INVALID', reason: `not YAML: ${(err as Error).message}`, location: { ...(opts.file ? { file: opts.file } : {}), line: 1 } }];
  }
  const out: SigmaResult[] = [];
  let global: Dict = {};
  let previous: Dict | undefined;
  for (const doc of docs) {
    const here = (path?: (string | number)[]): SigmaLocation => locate(doc, lc, path, opts.file);
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      out.push({ kind: 'failure', code: 'VIGIL_ERR_SIGMA_INVALID', reason: `YAML: ${e.message.split('\n')[0]}`, location: { ...(opts.file ? { file: opts.file } : {}), line: e.linePos?.[0]?.line ?? 1 } });
      continue;
    }
    if (doc.contents === null) continue;
    let raw: unknown;
    try {
      raw = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      out.push({ kind: 'failure', code: 'VIGIL_ERR_SIGMA_INVALID', reason: `YAML: ${(err as Error).message}`, location: here() });
      continue;
    }
    if (!isDict(raw) || !isMap(doc.contents)) {
      out.push({ kind: 'failure', code: 'VIGIL_ERR_SIGMA_INVALID', reason: 'a Sigma document must be a map', location: here() });
      continue;
    }
    const action = str(raw.action);
    if (action === 'global') {
      global = merge(global, withoutAction(raw));
      continue;
    }
    if (action === 'reset') {
      global = {};
      continue;
    }
    let d: Dict;
    if (action === 'repeat') {
      if (!previous) {
        out.push({ kind: 'failure', code: 'VIGIL_ERR_SIGMA_INVALID', reason: "'action: repeat' has no previous document", location: here(['action']) });
        continue;
      }
      d = merge(previous, withoutAction(raw));
    } else if (action !== undefined) {
      out.push({ kind: 'failure', code: 'VIGIL_ERR_SIGMA_INVALID', reason: `unknown action '${action}' (global, reset or repeat)`, location: here(['action']) });
      continue;
    } else d = merge(global, raw);
    previous = d;
    try {
      if (d.correlation !== undefined) {
        if (!isDict(d.correlation)) throw new Failure('VIGIL_ERR_SIGMA_INVALID', 'correlation must be a map', ['correlation']);
        out.push(convertCorrelation(d, here()));
      } else {
        if (typeof d.title !== 'string') throw new Failure('VIGIL_ERR_SIGMA_INVALID', 'the rule has no title', ['title']);
        out.push(convertDetection(d, opts, here()));
      }
    } catch (err) {
      const m = meta(d);
      const base = { kind: 'failure' as const, ...(m.title !== '(untitled)' ? { title: m.title } : {}), ...(m.id ? { id: m.id } : {}), ...(m.author ? { author: m.author } : {}) };
      if (err instanceof Failure) out.push({ ...base, code: err.code, reason: err.message, location: here(err.path) });
      else if (err instanceof SigmaDetectionError) {
        const unsupported = /needs a field-to-field|has no values in the processing pipeline|would expand/.test(err.message);
        out.push({ ...base, code: unsupported ? 'VIGIL_ERR_SIGMA_UNSUPPORTED' : 'VIGIL_ERR_SIGMA_INVALID', reason: `${err.path.join('.')}: ${err.message}`, location: here(err.path) });
      } else if (err instanceof SigmaModifierError) {
        const unsupported = /needs a field-to-field|does not have/.test(err.message);
        out.push({ ...base, code: unsupported ? 'VIGIL_ERR_SIGMA_UNSUPPORTED' : 'VIGIL_ERR_SIGMA_INVALID', reason: err.message, location: here(['detection']) });
      } else {
        out.push({ ...base, code: 'VIGIL_ERR_SIGMA_INVALID', reason: `could not convert: ${(err as Error)?.message ?? String(err)}`, location: here() });
      }
    }
  }
  return out;
}
