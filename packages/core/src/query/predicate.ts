/**
 * @module query/predicate
 * Compiles a query to an in-memory matcher (streaming detection). Regexes are RE2 and compiled once;
 * it answers exactly what the SQL compilers answer on the same events.
 */
import RE2 from 're2';
import type { VigilEvent } from '@vigil/contracts';
import type { QueryNode, CompareOp } from './ast.ts';
import { elementsOf, type Scalar } from './elements.ts';
import { parseCidr, inCidr } from './cidr.ts';
import { asciiLower, globToRegexSource, isNumericLiteral, severityLiteral, SEVERITY_FIELD, TIME_FIELDS, timeLiteral, LIT_STAR, LIT_QMARK } from './values.ts';
import { severityRank } from '@vigil/contracts';
import { VigilError } from '@vigil/contracts';

export type Predicate = (event: VigilEvent) => boolean;

const cmp = (op: CompareOp) =>
  op === '>' ? (a: number | string, b: number | string) => a > b : op === '>=' ? (a: number | string, b: number | string) => a >= b : op === '<' ? (a: number | string, b: number | string) => a < b : (a: number | string, b: number | string) => a <= b;

function anyElement(field: string, test: (x: Scalar) => boolean): Predicate {
  return (e) => {
    const v = e[field];
    if (v === undefined || v === null) return false;
    if (typeof v !== 'object') return test(v);
    for (const x of elementsOf(v)) if (test(x)) return true;
    return false;
  };
}

function literalRegex(pattern: string): string {
  return globToRegexSource(pattern).replaceAll(LIT_STAR, '\\*').replaceAll(LIT_QMARK, '\\?');
}

/** Compiles a regex with RE2, or throws a coded error naming it. */
export function compileRe2(pattern: string): RE2 {
  try {
    return new RE2(pattern, 'u');
  } catch (err) {
    throw new VigilError('VIGIL_ERR_QUERY_SYNTAX', `invalid regular expression /${pattern}/: ${(err as Error).message}`, { pattern });
  }
}

function scalarOrder(field: string, value: string): ((x: Scalar) => number | string | null) | null {
  if (field === SEVERITY_FIELD) return (x) => (typeof x === 'string' && severityRank(x) >= 0 ? severityRank(x) : null);
  if (TIME_FIELDS.has(field)) return (x) => (typeof x === 'string' ? (Number.isFinite(Date.parse(x)) ? Date.parse(x) : null) : null);
  if (isNumericLiteral(value)) return (x) => (typeof x === 'number' ? x : null);
  return (x) => (typeof x === 'string' ? x : null);
}

function boundValue(field: string, value: string): number | string {
  if (field === SEVERITY_FIELD) return severityLiteral(value);
  if (TIME_FIELDS.has(field)) return timeLiteral(value)!;
  return isNumericLiteral(value) ? Number(value) : value;
}

function compileNode(n: QueryNode): Predicate {
  switch (n.type) {
    case 'all':
      return () => true;
    case 'and': {
      const ps = n.children.map(compileNode);
      return (e) => ps.every((p) => p(e));
    }
    case 'or': {
      const ps = n.children.map(compileNode);
      return (e) => ps.some((p) => p(e));
    }
    case 'not': {
      const p = compileNode(n.child);
      return (e) => !p(e);
    }
    case 'text': {
      if (!n.wildcard) {
        const needle = asciiLower(n.value);
        return (e) => typeof e.message === 'string' && asciiLower(e.message).includes(needle);
      }
      const src = literalRegex(asciiLower(n.value)).slice(1, -1);
      const re = new RegExp(src);
      return (e) => typeof e.message === 'string' && re.test(asciiLower(e.message));
    }
    case 'exists':
      return (e) => e[n.field] !== undefined && e[n.field] !== null;
    case 'term': {
      const f = n.field;
      const t = n.value;
      if (f === SEVERITY_FIELD) {
        const r = severityLiteral(t);
        return anyElement(f, (x) => r >= 0 && typeof x === 'string' && severityRank(x) === r);
      }
      if (TIME_FIELDS.has(f)) {
        const ms = timeLiteral(t);
        return anyElement(f, (x) => typeof x === 'string' && Date.parse(x) === ms);
      }
      const num = isNumericLiteral(t) ? Number(t) : null;
      return anyElement(f, (x) => (typeof x === 'string' ? x === t : typeof x === 'number' ? num !== null && x === num : String(x) === t));
    }
    case 'compare': {
      const order = scalarOrder(n.field, n.value)!;
      const b = boundValue(n.field, n.value);
      const c = cmp(n.op);
      if (typeof b === 'number' && b < 0 && n.field === SEVERITY_FIELD) return () => false;
      return anyElement(n.field, (x) => {
        const o = order(x);
        return o !== null && c(o, b);
      });
    }
    case 'range': {
      const probe = n.lo ?? n.hi;
      if (probe === null) return (e) => elementsOf(e[n.field]).length > 0;
      const numeric = (n.lo === null || isNumericLiteral(n.lo)) && (n.hi === null || isNumericLiteral(n.hi));
      const order = scalarOrder(n.field, numeric ? '0' : 'x')!;
      const lo = n.lo === null ? null : boundValue(n.field, numeric || n.field === SEVERITY_FIELD || TIME_FIELDS.has(n.field) ? n.lo : n.lo);
      const hi = n.hi === null ? null : boundValue(n.field, n.hi);
      const loFn = n.loInclusive ? cmp('>=') : cmp('>');
      const hiFn = n.hiInclusive ? cmp('<=') : cmp('<');
      const loV = numeric && !TIME_FIELDS.has(n.field) && n.field !== SEVERITY_FIELD && n.lo !== null ? Number(n.lo) : lo;
      const hiV = numeric && !TIME_FIELDS.has(n.field) && n.field !== SEVERITY_FIELD && n.hi !== null ? Number(n.hi) : hi;
      return anyElement(n.field, (x) => {
        const o = order(x);
        return o !== null && (loV === null || loFn(o, loV)) && (hiV === null || hiFn(o, hiV));
      });
    }
    case 'wildcard': {
      const re = new RegExp(literalRegex(n.pattern));
      return anyElement(n.field, (x) => typeof x === 'string' && re.test(x));
    }
    case 'regex': {
      const re = compileRe2(n.pattern);
      return anyElement(n.field, (x) => typeof x === 'string' && re.test(x));
    }
    case 'cidr': {
      const c = parseCidr(n.cidr);
      if (!c) return () => false;
      return anyElement(n.field, (x) => typeof x === 'string' && inCidr(x, c));
    }
  }
}

/** Compiles a query AST to a predicate over events. */
export function compilePredicate(ast: QueryNode): Predicate {
  return compileNode(ast);
}
