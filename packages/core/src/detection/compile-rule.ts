/**
 * @module detection/compile-rule
 * Compiles a rule document (YAML text, JSON text or an already parsed object) once into what the engine
 * runs. Every problem is collected with its path (`threshold.window`) and a stable code; the compiler
 * never throws on any input.
 */
import { parseDocument } from 'yaml';
import { SEVERITIES, isSeverity, isVigilError, severityRank, type RuleDoc, type RuleProblem, type Severity } from '@vigil/contracts';
import type { QueryNode } from '../query/ast.ts';
import { parseQuery } from '../query/parser.ts';
import { compilePredicate, type Predicate } from '../query/predicate.ts';
import { BlockReader, MAX_DURATION_MS } from './block-reader.ts';
import { Problems, isRecord, own } from './problems.ts';
import type { KindCompileContext, RuleKind, RuleKindRegistry } from './rule-kind.ts';
import { hash64 } from './signal-id.ts';
import { compileTitle, type TitleTemplate } from './title-template.ts';

/** A rule compiled for the engine. Build with {@link compileRule}; treat as immutable. */
export interface CompiledRule {
  readonly id: string;
  /** The validated document (what the API stores and exports). */
  readonly doc: RuleDoc;
  /** Changes whenever the document changes: the engine resets a rule's state when it does. */
  readonly fingerprint: string;
  readonly enabled: boolean;
  readonly kind: RuleKind;
  readonly config: unknown;
  /** The rule's query ANDed with its kind's filter: what the prefilter index and predicate see. */
  readonly filter: QueryNode;
  readonly predicate: Predicate;
  readonly groupBy: readonly string[];
  /** `allowed_lateness` in ms, or null for the engine's default. */
  readonly latenessMs: number | null;
  readonly suppressMs: number | null;
  readonly title: TitleTemplate;
  readonly severity: Severity;
  readonly severityFrom: { field: string; map: ReadonlyMap<string, Severity> | null } | null;
  /** Fields timer-driven kinds keep per event for the title and severity (not in the group key). */
  readonly captureFields: readonly string[];
  readonly tags: readonly string[];
}

/** The compiler's answer: the rule, or every problem found. */
export type CompileResult = { ok: true; rule: CompiledRule } | { ok: false; errors: RuleProblem[] };

const BASE_KEYS = ['id', 'title', 'description', 'severity', 'tags', 'query', 'enabled', 'allowed_lateness', 'suppress', 'severity_from', 'source'] as const;
const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const MAX_TEXT = 1_000_000;

/** Parses YAML (or JSON, a subset) text to a plain value, recording syntax problems with line and column. */
function parseText(text: string, problems: Problems): unknown {
  if (text.length > MAX_TEXT) {
    problems.add('', `the rule is longer than ${MAX_TEXT} characters`, 'VIGIL_ERR_MALFORMED_BODY');
    return undefined;
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      problems.add('', `YAML: ${e.message.split('\n')[0]}`, 'VIGIL_ERR_MALFORMED_BODY', { line: pos?.line, column: pos?.col });
    }
    return undefined;
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Unresolved aliases and alias bombs surface only when the document is turned into values.
    problems.add('', `YAML: ${(err as Error).message.split('\n')[0]}`, 'VIGIL_ERR_MALFORMED_BODY');
    return undefined;
  }
}

/** Stable JSON (sorted keys) for fingerprints. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (isRecord(x)) return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonical(x[k])}`).join(',')}}`;
  return JSON.stringify(x) ?? 'null';
}

function compileQueryAt(text: string, path: string, problems: Problems): { ast: QueryNode; predicate: Predicate } | undefined {
  try {
    const ast = parseQuery(text);
    return { ast, predicate: compilePredicate(ast) };
  } catch (err) {
    if (!isVigilError(err)) throw err;
    const d = (err.details ?? {}) as { line?: number; column?: number };
    problems.add(path, err.message, err.code === 'VIGIL_ERR_QUERY_SYNTAX' ? 'VIGIL_ERR_QUERY_SYNTAX' : 'VIGIL_ERR_RULE_INVALID', { line: d.line, column: d.column });
    return undefined;
  }
}

function compileDoc(input: unknown, registry: RuleKindRegistry, problems: Problems): CompiledRule | undefined {
  const doc = typeof input === 'string' ? parseText(input, problems) : input;
  if (!problems.ok) return undefined;
  const r = BlockReader.open(doc, '', problems);
  if (!r) return undefined;
  const kindNames = [...registry.keys()];
  r.onlyKeys([...BASE_KEYS, ...kindNames]);

  const id = r.string('id', { required: true, max: 100 });
  if (id !== undefined && !ID.test(id)) problems.add('id', 'id must be a slug: lower-case letters, digits and "-", starting with a letter or digit, at most 100 characters');
  const titleText = r.string('title', { required: true, max: 500 });
  const title = titleText === undefined ? undefined : compileTitle(titleText);
  if (typeof title === 'string') problems.add('title', title);
  r.string('description', { max: 20_000, allowEmpty: true });
  const sevRaw = r.raw('severity');
  if (sevRaw === undefined || sevRaw === null) problems.add('severity', `severity is required (${SEVERITIES.join('|')})`);
  else if (!isSeverity(sevRaw)) problems.add('severity', `severity must be one of ${SEVERITIES.join('|')}`);
  const tagsRaw = r.raw('tags');
  const tags: string[] = [];
  if (tagsRaw !== undefined && tagsRaw !== null) {
    if (!Array.isArray(tagsRaw)) problems.add('tags', 'tags must be a list of text');
    else if (tagsRaw.length > 100) problems.add('tags', 'at most 100 tags');
    else tagsRaw.forEach((t, i) => (typeof t === 'string' && t.length > 0 && t.length <= 200 ? tags.push(t) : problems.add(`tags.${i}`, 'a tag must be text of 1-200 characters')));
  }
  const queryText = r.string('query', { max: 20_000, allowEmpty: true }) ?? '';
  const query = r.has('query') && typeof r.raw('query') !== 'string' ? undefined : compileQueryAt(queryText, 'query', problems);
  const enabled = r.bool('enabled') ?? true;
  const latenessMs = r.duration('allowed_lateness', { allowZero: true }) ?? null;

  let suppressMs: number | null = null;
  if (r.has('suppress')) {
    const s = BlockReader.open(r.raw('suppress'), 'suppress', problems);
    if (s) {
      s.onlyKeys(['window']);
      suppressMs = s.duration('window', { required: true }) ?? null;
    }
  }

  if (r.has('source')) {
    // Import provenance: kept as given, but it must be a small map (it is shown, never evaluated).
    const src = r.raw('source');
    if (typeof src !== 'object' || src === null || Array.isArray(src)) problems.add('source', 'source must be a map (format, id, author, references)');
    else if (JSON.stringify(src).length > 10_000) problems.add('source', 'source is larger than 10000 characters');
  }

  let severityFrom: CompiledRule['severityFrom'] = null;
  if (r.has('severity_from')) {
    const s = BlockReader.open(r.raw('severity_from'), 'severity_from', problems);
    if (s) {
      s.onlyKeys(['field', 'map']);
      const field = s.field('field');
      let map: Map<string, Severity> | null = null;
      if (s.has('map')) {
        const m = BlockReader.open(s.raw('map'), 'severity_from.map', problems);
        if (m) {
          map = new Map();
          for (const k of Object.keys(m.block)) {
            const v = own(m.block, k);
            if (isSeverity(v)) map.set(k, v);
            else problems.add(`severity_from.map.${k}`, `must be one of ${SEVERITIES.join('|')}`);
          }
        }
      }
      if (field !== undefined) severityFrom = { field, map };
    }
  }

  const present = kindNames.filter((k) => r.has(k));
  if (present.length > 1) problems.add(present[1]!, `a rule has one kind; found ${present.join(' and ')}`);
  const kindName = present[0] ?? kindNames.find((k) => registry.get(k)!.blockOptional);
  const kind: RuleKind | undefined = kindName === undefined ? undefined : registry.get(kindName);
  if (!kind) {
    problems.add('', `the rule names no kind (one of: ${kindNames.join(', ')})`);
    return undefined;
  }
  const ctx: KindCompileContext = { query: (text, path) => compileQueryAt(text, path, problems), suppressMs };
  const block = present[0] === undefined ? undefined : BlockReader.open(r.raw(kind.name), kind.name, problems);
  if (present[0] !== undefined && !block) return undefined;
  const config = kind.compile(block, ctx);
  if (suppressMs !== null && !kind.suppressible) problems.add('suppress', `suppress does not apply to ${kind.name} rules (they fire once per episode)`);
  if (!problems.ok || config === undefined || query === undefined || typeof title !== 'object' || title === undefined || id === undefined) {
    if (problems.ok) problems.add('', 'the rule is incomplete');
    return undefined;
  }

  const extra = kind.filter?.(config);
  const filter: QueryNode = extra === undefined ? query.ast : query.ast.type === 'all' ? extra : { type: 'and', children: [query.ast, extra] };
  const groupBy = kind.groupBy(config);
  const captureFields = [...title.fields, ...(severityFrom ? [severityFrom.field] : [])].filter((f, i, a) => !groupBy.includes(f) && a.indexOf(f) === i);
  return {
    id,
    doc: doc as RuleDoc,
    fingerprint: hash64(canonical(doc)),
    enabled,
    kind,
    config,
    filter,
    predicate: extra === undefined ? query.predicate : compilePredicate(filter),
    groupBy,
    latenessMs: latenessMs !== null && latenessMs > MAX_DURATION_MS ? MAX_DURATION_MS : latenessMs,
    suppressMs,
    title,
    severity: sevRaw as Severity,
    severityFrom,
    captureFields,
    tags,
  };
}

/**
 * Compiles a rule document: YAML or JSON text, or an already parsed object (the API's JSON body).
 * Never throws; answers every problem located by path and coded (`VIGIL_ERR_RULE_INVALID`,
 * `VIGIL_ERR_QUERY_SYNTAX`, `VIGIL_ERR_MALFORMED_BODY`).
 *
 * @example
 * const r = compileRule(`
 * id: ssh-brute-force
 * title: SSH brute force from {{source.ip}}
 * severity: high
 * query: 'event.dataset:sshd AND event.outcome:failure'
 * threshold: {count: 5, window: 10m, group_by: [source.ip]}
 * `, BUILTIN_RULE_KINDS);
 * if (!r.ok) console.log(r.errors); // [{ code, path: 'threshold.window', message }]
 */
export function compileRule(input: unknown, registry: RuleKindRegistry): CompileResult {
  const problems = new Problems();
  let rule: CompiledRule | undefined;
  try {
    rule = compileDoc(input, registry, problems);
  } catch (err) {
    // A compiler bug must still answer with a code (the fuzz test asserts this path is never taken).
    problems.add('', `unexpected compiler failure: ${(err as Error)?.message ?? String(err)}`);
  }
  return rule && problems.ok ? { ok: true, rule } : { ok: false, errors: problems.list };
}

/** The severity a signal gets: the rule's, raised (never lowered) by `severity_from`. */
export function signalSeverity(rule: CompiledRule, value: unknown): Severity {
  const sf = rule.severityFrom;
  if (!sf || value === undefined || value === null) return rule.severity;
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  const mapped = sf.map ? (sf.map.get(text) ?? sf.map.get(text.toLowerCase())) : text.toLowerCase();
  return mapped !== undefined && severityRank(mapped) > severityRank(rule.severity) ? (mapped as Severity) : rule.severity;
}
