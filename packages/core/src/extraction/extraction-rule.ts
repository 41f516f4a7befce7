/**
 * @module extraction/extraction-rule
 * Custom extraction rules users write: a grok pattern (compiled to RE2) run on one field of the
 * events a query selects, adding the fields it captures. Pure: compile once, apply per event.
 */
import { VigilError, type FieldValue } from '@vigil/contracts';
import { compileGrok } from '../parsers/grok/index.ts';
import { parseQuery } from '../query/parser.ts';
import { compilePredicate } from '../query/predicate.ts';

/** A rule as users write it (API body, YAML). */
export interface ExtractionRuleDef {
  name: string;
  /** Grok pattern, e.g. `user=%{USERNAME:user.name} src=%{IP:source.ip}`. */
  pattern: string;
  /** Query selecting the events the rule applies to; empty = every event. */
  query?: string;
  /** Field the pattern runs on (default `message`). */
  field?: string;
  /** User patterns the pattern may reference by name. */
  library?: Record<string, string>;
  /** Captured fields replace existing ones (default: existing values win). */
  overwrite?: boolean;
}

/** A compiled rule. */
export interface ExtractionRule {
  readonly name: string;
  /** Adds captured fields to `fields` when the rule applies; answers whether it matched. */
  apply(fields: Record<string, FieldValue | undefined>): boolean;
}

/** Compiles a rule; throws a coded VigilError locating the fault (`details.field`). */
export function compileExtractionRule(def: ExtractionRuleDef): ExtractionRule {
  if (typeof def.name !== 'string' || !/^[A-Za-z0-9_.-]{1,100}$/.test(def.name)) {
    throw new VigilError('VIGIL_ERR_VALIDATION', 'name must be 1-100 letters, digits, _ . -', { field: 'name' });
  }
  if (typeof def.pattern !== 'string' || !def.pattern) throw new VigilError('VIGIL_ERR_VALIDATION', 'pattern is required', { field: 'pattern' });
  let matcher;
  try {
    matcher = compileGrok(def.pattern, def.library ?? {});
  } catch (err) {
    const e = err as VigilError;
    throw new VigilError(e.code ?? 'VIGIL_ERR_VALIDATION', `pattern: ${e.message}`, { field: 'pattern', ...(typeof e.details === 'object' ? (e.details as object) : {}) });
  }
  let scope: (f: Record<string, FieldValue | undefined>) => boolean = () => true;
  if (def.query?.trim()) {
    try {
      const p = compilePredicate(parseQuery(def.query));
      scope = (f) => p(f as never);
    } catch (err) {
      const e = err as VigilError;
      throw new VigilError('VIGIL_ERR_QUERY_SYNTAX', `query: ${e.message}`, { field: 'query', ...(typeof e.details === 'object' ? (e.details as object) : {}) });
    }
  }
  const source = def.field ?? 'message';
  const overwrite = !!def.overwrite;
  return {
    name: def.name,
    apply(fields) {
      const text = fields[source];
      if (typeof text !== 'string' || !scope(fields)) return false;
      const got = matcher.match(text);
      if (!got) return false;
      for (const k of Object.keys(got)) if (overwrite || fields[k] === undefined) fields[k] = got[k];
      return true;
    },
  };
}

/** Applies rules in order; answers the names of those that matched. */
export function applyExtractionRules(fields: Record<string, FieldValue | undefined>, rules: readonly ExtractionRule[]): string[] {
  const hit: string[] = [];
  for (const r of rules) if (r.apply(fields)) hit.push(r.name);
  return hit;
}
