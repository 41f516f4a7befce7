/**
 * @module sigma/condition
 * The Sigma condition grammar: `and`, `or`, `not`, parentheses, `1 of x*`, `all of x*`, `N of them`.
 * `not` binds tightest, then `and`, then `or` (as in the Sigma specification).
 */
import { andOf, orOf, type SigmaExpr } from './sigma-expr.ts';
import { SigmaModifierError } from './modifiers/modifier.ts';

type Token = { kind: 'word'; text: string; at: number } | { kind: '(' | ')'; at: number } | { kind: 'pipe'; at: number };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ kind: ch, at: i });
      i++;
    } else if (ch === '|') {
      out.push({ kind: 'pipe', at: i });
      i++;
    } else {
      const start = i;
      while (i < text.length && !/[\s()|]/.test(text[i]!)) i++;
      out.push({ kind: 'word', text: text.slice(start, i), at: start });
    }
  }
  return out;
}

/** Thrown for a condition that does not parse or names an unknown identifier. */
export class SigmaConditionError extends SigmaModifierError {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
    this.name = 'SigmaConditionError';
  }
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * Parses a condition against the rule's search identifiers (already converted to expressions).
 * Aggregations after `|` (the deprecated `count() by … > n`) are refused with a clear reason.
 */
export function parseCondition(text: string, searches: ReadonlyMap<string, SigmaExpr>): SigmaExpr {
  const tokens = tokenize(text);
  let pos = 0;
  const peekWord = (): string | undefined => {
    const t = tokens[pos];
    return t && t.kind === 'word' ? t.text.toLowerCase() : undefined;
  };
  const fail = (message: string): never => {
    throw new SigmaConditionError(message, (tokens[pos]?.at ?? text.length) + 1);
  };
  const quantified = (q: string): SigmaExpr => {
    pos++; // quantifier
    if (peekWord() !== 'of') fail(`expected 'of' after '${q}'`);
    pos++;
    const target = tokens[pos];
    if (!target || target.kind !== 'word') return fail(`expected an identifier pattern or 'them' after 'of'`);
    pos++;
    const names =
      target.text === 'them'
        ? [...searches.keys()].filter((n) => !n.startsWith('_'))
        : [...searches.keys()].filter((n) => globToRegExp(target.text).test(n));
    if (names.length === 0) fail(`'${target.text}' matches no search identifier`);
    const exprs = names.map((n) => searches.get(n)!);
    if (q === 'all') return andOf(exprs);
    const n = q === 'any' ? 1 : Number(q);
    if (n === 1) return orOf(exprs);
    if (n >= exprs.length) return andOf(exprs);
    // N of M: any N-subset all true.
    const subsets: SigmaExpr[] = [];
    const pick = (start: number, chosen: SigmaExpr[]): void => {
      if (chosen.length === n) {
        subsets.push(andOf(chosen));
        return;
      }
      for (let i = start; i < exprs.length; i++) pick(i + 1, [...chosen, exprs[i]!]);
    };
    if (exprs.length > 12) fail(`'${q} of' over ${exprs.length} identifiers is too large`);
    pick(0, []);
    return orOf(subsets);
  };
  const primary = (): SigmaExpr => {
    const t = tokens[pos];
    if (!t) return fail('condition ends unexpectedly');
    if (t.kind === '(') {
      pos++;
      const e = or();
      if (tokens[pos]?.kind !== ')') fail("expected ')'");
      pos++;
      return e;
    }
    if (t.kind !== 'word') return fail(`unexpected '${t.kind === 'pipe' ? '|' : t.kind}'`);
    const w = t.text.toLowerCase();
    if (w === 'all' || w === 'any' || /^\d+$/.test(w)) {
      const next = tokens[pos + 1];
      if (next && next.kind === 'word' && next.text.toLowerCase() === 'of') return quantified(w);
    }
    const e = searches.get(t.text);
    if (!e) return fail(`unknown search identifier '${t.text}'`);
    pos++;
    return e;
  };
  const not = (): SigmaExpr => {
    if (peekWord() === 'not') {
      pos++;
      return { op: 'not', item: not() };
    }
    return primary();
  };
  const and = (): SigmaExpr => {
    const items = [not()];
    while (peekWord() === 'and') {
      pos++;
      items.push(not());
    }
    return items.length === 1 ? items[0]! : { op: 'and', items };
  };
  const or = (): SigmaExpr => {
    const items = [and()];
    while (peekWord() === 'or') {
      pos++;
      items.push(and());
    }
    return items.length === 1 ? items[0]! : { op: 'or', items };
  };
  if (tokens.length === 0) fail('the condition is empty');
  const expr = or();
  if (pos < tokens.length) {
    if (tokens[pos]!.kind === 'pipe') fail("aggregations after '|' (count() by …) are deprecated in Sigma; use a correlation rule");
    fail(`unexpected '${(tokens[pos] as { text?: string }).text ?? tokens[pos]!.kind}'`);
  }
  return expr;
}
