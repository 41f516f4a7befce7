/**
 * @module sigma/to-query
 * The backend: lowers a Sigma expression (fields already mapped by the pipeline) to Vigil's query AST,
 * so a Sigma rule runs on the streaming predicate and as a search on SQLite and PostgreSQL alike.
 * Sigma strings match case-insensitively (ASCII folding, `nocase`) unless `|cased`.
 */
import type { QueryNode } from '../query/index.ts';
import { parseCidr } from '../query/index.ts';
import { LIT_QMARK, LIT_STAR } from '../query/values.ts';
import type { SigmaExpr, SigmaMatch } from './sigma-expr.ts';
import { hasWildcard, plainText, type SigmaString, type SigmaValue } from './sigma-value.ts';
import { SigmaModifierError } from './modifiers/modifier.ts';

/** A Sigma string as a query glob: wildcards stay, literal `*`/`?` become the AST's literal markers. */
function globOf(s: SigmaString): string {
  return s.parts
    .map((p) => (typeof p === 'string' ? p.replace(/\*/g, LIT_STAR).replace(/\?/g, LIT_QMARK) : p.wildcard))
    .join('');
}

function keyword(v: SigmaValue, cased: boolean): QueryNode {
  if (v.kind === 'number') return { type: 'text', value: String(v.value), wildcard: false };
  if (v.kind === 'regex') return { type: 'regex', field: 'message', pattern: v.flags ? `(?${v.flags})${v.pattern}` : v.pattern };
  if (v.kind !== 'string') throw new SigmaModifierError(`a keyword cannot be a ${v.kind} value`);
  if (cased) {
    // Bare words fold case; a cased keyword is a case-sensitive glob over the whole message.
    const inner = { ...v, parts: [{ wildcard: '*' as const }, ...v.parts, { wildcard: '*' as const }] };
    return { type: 'wildcard', field: 'message', pattern: globOf(inner) };
  }
  // Sigma keywords are substrings of the message; the query's bare words are already unanchored.
  const isAny = (p: SigmaString['parts'][number] | undefined): boolean => p !== undefined && typeof p !== 'string' && p.wildcard === '*';
  const parts = [...v.parts];
  while (isAny(parts[0])) parts.shift();
  while (isAny(parts[parts.length - 1])) parts.pop();
  const trimmed: SigmaString = { kind: 'string', parts };
  const text = plainText(trimmed);
  return text !== undefined ? { type: 'text', value: text, wildcard: false } : { type: 'text', value: globOf(trimmed), wildcard: true };
}

function fieldValue(field: string, v: SigmaValue, cased: boolean): QueryNode {
  switch (v.kind) {
    case 'string': {
      if (!hasWildcard(v)) return { type: 'term', field, value: v.parts.join(''), ...(cased ? {} : { nocase: true }) };
      return { type: 'wildcard', field, pattern: globOf(v), ...(cased ? {} : { nocase: true }) };
    }
    case 'number':
      return { type: 'term', field, value: String(v.value) };
    case 'bool':
      return { type: 'term', field, value: String(v.value) };
    case 'null':
      return { type: 'not', child: { type: 'exists', field } };
    case 'regex':
      return { type: 'regex', field, pattern: v.flags ? `(?${v.flags})${v.pattern}` : v.pattern };
    case 'cidr':
      if (!parseCidr(v.cidr)) throw new SigmaModifierError(`'${v.cidr}' is not a CIDR block`);
      return { type: 'cidr', field, cidr: v.cidr };
    case 'compare':
      return { type: 'compare', field, op: v.op, value: String(v.value) };
    case 'exists':
      return v.value ? { type: 'exists', field } : { type: 'not', child: { type: 'exists', field } };
    case 'fieldref':
      // The referenced field was mapped by the pipeline with the item's own (convert.ts).
      return { type: 'fieldref', field, other: v.field };
    case 'bytes':
      throw new SigmaModifierError("an encoding modifier (utf16le, utf16be, wide) must be followed by 'base64' or 'base64offset'");
  }
}

function lowerMatch(m: SigmaMatch): QueryNode {
  const nodes = m.values.map((v) => (m.field === undefined ? keyword(v, m.cased) : fieldValue(m.field, v, m.cased)));
  if (nodes.length === 1) return nodes[0]!;
  return m.all ? { type: 'and', children: nodes } : { type: 'or', children: nodes };
}

/** Lowers a Sigma expression to a query AST. Throws `SigmaModifierError` for what the AST cannot express. */
export function toQuery(e: SigmaExpr): QueryNode {
  switch (e.op) {
    case 'and':
      return { type: 'and', children: e.items.map(toQuery) };
    case 'or':
      return { type: 'or', children: e.items.map(toQuery) };
    case 'not':
      return { type: 'not', child: toQuery(e.item) };
    case 'match':
      return lowerMatch(e);
    case 'true':
      return { type: 'all' };
  }
}
