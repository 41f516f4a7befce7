/**
 * @module sigma/sigma-expr
 * The intermediate form of a Sigma detection: a boolean tree of match items, still in Sigma's
 * field names. The processing pipeline rewrites it; `to-query.ts` lowers it to Vigil's query AST.
 */
import type { SigmaValue } from './sigma-value.ts';

/** One detection item: a field (or, without one, the message) against values. */
export interface SigmaMatch {
  op: 'match';
  /** Field name; undefined for keywords (full text of `message`). */
  field: string | undefined;
  values: SigmaValue[];
  /** Every value must match (`|all`), else any. */
  all: boolean;
  /** Case-sensitive (`|cased`); Sigma strings are case-insensitive by default. */
  cased: boolean;
}

/** A Sigma detection as a boolean tree. */
export type SigmaExpr =
  | { op: 'and'; items: SigmaExpr[] }
  | { op: 'or'; items: SigmaExpr[] }
  | { op: 'not'; item: SigmaExpr }
  | SigmaMatch
  /** Always true (an empty `and`), as a pipeline condition may produce. */
  | { op: 'true' };

/** `a AND b`, flattening nested ANDs. */
export function andOf(items: SigmaExpr[]): SigmaExpr {
  const flat: SigmaExpr[] = [];
  for (const i of items) {
    if (i.op === 'and') flat.push(...i.items);
    else if (i.op !== 'true') flat.push(i);
  }
  if (flat.length === 0) return { op: 'true' };
  return flat.length === 1 ? flat[0]! : { op: 'and', items: flat };
}

/** `a OR b`, flattening nested ORs. */
export function orOf(items: SigmaExpr[]): SigmaExpr {
  const flat: SigmaExpr[] = [];
  for (const i of items) {
    if (i.op === 'or') flat.push(...i.items);
    else flat.push(i);
  }
  return flat.length === 1 ? flat[0]! : { op: 'or', items: flat };
}

/** Rewrites every match item bottom-up (`f` may return a whole subtree). */
export function mapMatches(e: SigmaExpr, f: (m: SigmaMatch) => SigmaExpr): SigmaExpr {
  switch (e.op) {
    case 'and':
      return andOf(e.items.map((i) => mapMatches(i, f)));
    case 'or':
      return orOf(e.items.map((i) => mapMatches(i, f)));
    case 'not':
      return { op: 'not', item: mapMatches(e.item, f) };
    case 'match':
      return f(e);
    case 'true':
      return e;
  }
}

/** Every match item of the tree. */
export function matchesOf(e: SigmaExpr, out: SigmaMatch[] = []): SigmaMatch[] {
  if (e.op === 'and' || e.op === 'or') for (const i of e.items) matchesOf(i, out);
  else if (e.op === 'not') matchesOf(e.item, out);
  else if (e.op === 'match') out.push(e);
  return out;
}
