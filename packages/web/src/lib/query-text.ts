/**
 * @module query-text
 * Text helpers for the query language as typed in the UI: what is being typed at the cursor (a field
 * name or a field's value), applying a completion, and adding include/exclude filters. The server
 * parses and validates queries; this only needs to be right about the token under the cursor.
 */

/** What the cursor is in. */
export type CursorContext =
  | { kind: 'field'; start: number; end: number; prefix: string; negated: boolean }
  | { kind: 'value'; start: number; end: number; field: string; prefix: string; operator: string }
  | { kind: 'none' };

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'TO']);

/** Boundaries of the whitespace/paren-delimited token that contains `cursor` (quotes keep spaces). */
function tokenBounds(query: string, cursor: number): { start: number; end: number } {
  // Scan from the left to find the token containing the cursor, honouring quotes and [ranges].
  let i = 0;
  let inQuote = false;
  let inRange = false;
  let tokStart = -1;
  const tokens: { start: number; end: number }[] = [];
  while (i <= query.length) {
    const ch = query[i];
    const boundary = i === query.length || (!inQuote && !inRange && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '(' || ch === ')'));
    if (boundary) {
      if (tokStart >= 0) tokens.push({ start: tokStart, end: i });
      tokStart = -1;
    } else {
      if (tokStart < 0) tokStart = i;
      if (ch === '\\' && inQuote) i++;
      else if (ch === '"') inQuote = !inQuote;
      else if (ch === '[' && !inQuote) inRange = true;
      else if (ch === ']' && !inQuote) inRange = false;
    }
    i++;
  }
  for (const t of tokens) if (cursor >= t.start && cursor <= t.end) return t;
  return { start: cursor, end: cursor };
}

/** The completion context at `cursor`: a field name being typed, a value after `field:`, or none. */
export function cursorContext(query: string, cursor: number): CursorContext {
  const { start, end } = tokenBounds(query, cursor);
  const text = query.slice(start, cursor);
  if (text.startsWith('"') || text.startsWith('/')) return { kind: 'none' };
  const colon = text.indexOf(':');
  if (colon < 0) {
    if (KEYWORDS.has(text)) return { kind: 'none' };
    const negated = text.startsWith('-');
    const colonAfter = query.slice(cursor, end).indexOf(':');
    const fieldEnd = colonAfter >= 0 ? cursor + colonAfter + 1 : end;
    return { kind: 'field', start: start + (negated ? 1 : 0), end: fieldEnd, prefix: negated ? text.slice(1) : text, negated };
  }
  const field = text.slice(0, colon).replace(/^-/, '');
  if (!field) return { kind: 'none' };
  let rest = text.slice(colon + 1);
  const op = /^(>=|<=|>|<)/.exec(rest)?.[0] ?? '';
  rest = rest.slice(op.length);
  if (rest.startsWith('[') || rest.startsWith('/')) return { kind: 'none' };
  const prefix = rest.replace(/^"/, '').replace(/\\(.)/g, '$1');
  return { kind: 'value', start: start + colon + 1 + op.length, end, field, prefix, operator: op };
}

/** Quotes a value for the query language unless it is a plain number. */
export function quoteValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value ?? '');
  if (/^-?\d+(\.\d+)?$/.test(s)) return s;
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Replaces the context's token with a completion; returns the new query and cursor. */
export function applyCompletion(query: string, ctx: CursorContext, completion: string): { query: string; cursor: number } {
  if (ctx.kind === 'none') return { query, cursor: query.length };
  const before = query.slice(0, ctx.start);
  let after = query.slice(ctx.end);
  let insert: string;
  if (ctx.kind === 'field') {
    insert = `${completion}:`;
  } else {
    insert = completion;
    if (!after.startsWith(' ') && !after.startsWith(')')) insert += ' ';
    else if (after.startsWith(' ')) {
      insert += ' ';
      after = after.slice(1);
    }
  }
  return { query: before + insert + after, cursor: before.length + insert.length };
}

/** True when the query has a top-level OR, so appending `AND …` needs parentheses. */
function hasTopLevelOr(query: string): boolean {
  let depth = 0;
  let inQuote = false;
  const tokens = query.split(/(\s+|[()"])/);
  for (const t of tokens) {
    if (t === '"') inQuote = !inQuote;
    else if (inQuote) continue;
    else if (t === '(') depth++;
    else if (t === ')') depth--;
    else if (depth === 0 && t === 'OR') return true;
  }
  return false;
}

/** Adds `field:value` (or `NOT field:value`) to a query with AND. */
export function addFilter(query: string, field: string, value: unknown, exclude = false): string {
  const clause = value === null || value === undefined
    ? `${exclude ? 'NOT ' : ''}${field}:*`
    : `${exclude ? 'NOT ' : ''}${field}:${quoteValue(value)}`;
  const q = query.trim();
  if (!q) return clause;
  if (q.includes(clause)) return q;
  return `${hasTopLevelOr(q) ? `(${q})` : q} AND ${clause}`;
}
