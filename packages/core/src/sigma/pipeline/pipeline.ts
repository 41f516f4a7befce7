/**
 * @module sigma/pipeline/pipeline
 * The processing pipeline (pySigma's `ProcessingPipeline`, as data): which Vigil events a Sigma
 * `logsource` means, and how Sigma field names map to Vigil's. Pipelines are YAML documents; see
 * `vigil-pipeline.ts` for the built-in one and docs/sigma.md for the format.
 */
import { parseQuery, type QueryNode } from '../../query/index.ts';

/** A Sigma rule's `logsource`. */
export interface SigmaLogsource {
  category?: string;
  product?: string;
  service?: string;
}

/** One log source the pipeline knows: the events it means, and field names specific to it. */
export interface PipelineLogsource {
  match: SigmaLogsource;
  /** Query (Vigil's language) selecting the events of this log source. */
  query: string;
  fields?: Record<string, string>;
  /** Prefix for fields no map names (Windows: `winlog.event_data.`). */
  prefix?: string;
}

/** Field names for every log source whose keys include `match`'s. */
export interface PipelineFieldMap {
  match: SigmaLogsource;
  map: Record<string, string>;
  prefix?: string;
}

/** A processing pipeline, as written in YAML. */
export interface SigmaPipeline {
  name: string;
  logsources: PipelineLogsource[];
  fields?: PipelineFieldMap[];
  /** Values of `%placeholder%`s for the `expand` modifier. */
  placeholders?: Record<string, string[]>;
}

/** A pipeline resolved for one rule's log source. */
export interface ResolvedLogsource {
  /** The events of the log source. */
  query: QueryNode;
  queryText: string;
  /** Maps a Sigma field name to Vigil's, or undefined when the pipeline has no name for it. */
  field(name: string): string | undefined;
}

const KEYS = ['category', 'product', 'service'] as const;

function norm(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v.toLowerCase();
}

function sameLogsource(a: SigmaLogsource, b: SigmaLogsource): boolean {
  return KEYS.every((k) => norm(a[k]) === norm(b[k]));
}

function covers(general: SigmaLogsource, rule: SigmaLogsource): boolean {
  return KEYS.every((k) => norm(general[k]) === undefined || norm(general[k]) === norm(rule[k]));
}

/** A readable form of a log source: `product:windows category:process_creation`. */
export function describeLogsource(ls: SigmaLogsource): string {
  return KEYS.filter((k) => ls[k]).map((k) => `${k}:${ls[k]}`).join(' ') || '(empty)';
}

/** Resolves the log source of a rule, or undefined when the pipeline does not know it. */
export function resolveLogsource(pipeline: SigmaPipeline, ls: SigmaLogsource): ResolvedLogsource | undefined {
  const entry = pipeline.logsources.find((e) => sameLogsource(e.match, ls));
  if (!entry) return undefined;
  const maps = (pipeline.fields ?? []).filter((f) => covers(f.match, ls));
  const own = (o: Record<string, string> | undefined, k: string): string | undefined =>
    o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
  const prefix = entry.prefix ?? maps.find((m) => m.prefix)?.prefix;
  return {
    query: parseQuery(entry.query),
    queryText: entry.query,
    field(name) {
      const direct = own(entry.fields, name);
      if (direct !== undefined) return direct;
      for (const m of maps) {
        const v = own(m.map, name);
        if (v !== undefined) return v;
      }
      return prefix !== undefined ? prefix + name : undefined;
    },
  };
}

/** Checks a parsed YAML document is a pipeline; returns the problems found (empty when valid). */
export function pipelineProblems(doc: unknown): string[] {
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null) return ['a pipeline must be a map'];
  const p = doc as Record<string, unknown>;
  if (typeof p.name !== 'string') problems.push('name: a string is required');
  if (!Array.isArray(p.logsources)) problems.push('logsources: a list is required');
  else
    p.logsources.forEach((e: unknown, i) => {
      const entry = e as Record<string, unknown> | null;
      if (!entry || typeof entry.match !== 'object' || entry.match === null) problems.push(`logsources[${i}].match: a map is required`);
      if (!entry || typeof entry.query !== 'string') problems.push(`logsources[${i}].query: a query is required`);
      else {
        try {
          parseQuery(entry.query);
        } catch (err) {
          problems.push(`logsources[${i}].query: ${(err as Error).message}`);
        }
      }
    });
  return problems;
}
