/**
 * @module query/limits
 * How big a query may be. A query is untrusted input that every engine walks recursively and SQLite
 * parses with a bounded expression stack (1,000 `NOT`s answered 500), so size and nesting are checked
 * once, on the AST, before any engine sees it — whether the AST came from the parser or from a rule
 * compiler (Sigma).
 */
import { VigilError } from '@vigil/contracts';
import type { QueryNode } from './ast.ts';

/** The limits every query must keep (docs/security.md, "Search limits"). */
export const QUERY_LIMITS = {
  /** Most leaf conditions (terms, wildcards, ranges, CIDR blocks, full-text words). */
  maxTerms: 1024,
  /** Deepest nesting of AND/OR/NOT and value groups; a chain of NOTs counts one level each. */
  maxDepth: 64,
} as const;

function tooComplex(message: string, details: Record<string, unknown>): VigilError {
  return new VigilError('VIGIL_ERR_QUERY_TOO_COMPLEX', message, { ...details, limits: QUERY_LIMITS });
}

/** Throws VIGIL_ERR_QUERY_TOO_COMPLEX when the AST is over a limit; iterative, so any AST is safe to check. */
export function assertQueryLimits(ast: QueryNode): void {
  let terms = 0;
  const stack: Array<[QueryNode, number]> = [[ast, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (depth > QUERY_LIMITS.maxDepth) throw tooComplex(`the query nests more than ${QUERY_LIMITS.maxDepth} levels of AND/OR/NOT: simplify it (NOT NOT x is x)`, { depth });
    if (n.type === 'and' || n.type === 'or') for (const c of n.children) stack.push([c, depth + 1]);
    else if (n.type === 'not') stack.push([n.child, depth + 1]);
    else if (n.type !== 'all' && ++terms > QUERY_LIMITS.maxTerms) {
      throw tooComplex(`the query has more than ${QUERY_LIMITS.maxTerms} conditions: split it, or use a CIDR block, wildcard or regex for a set of values`, { terms });
    }
  }
}
