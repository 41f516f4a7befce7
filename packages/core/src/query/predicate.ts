/**
 * @module query/predicate
 * Compiles a query to an in-memory matcher (streaming detection). Regexes are RE2 and compiled once;
 * it answers exactly what the SQL compilers answer on the same events.
 */
import RE2 from 're2';
import type { VigilEvent } from '@vigil/contracts';
import type { QueryNode, CompareOp } from './ast.ts';
import { parseCidr, inCidr } from './cidr.ts';
import { compileGlob } from './glob-matcher.ts';
import { literalAlternatives } from './regex-literals.ts';
import { assertQueryLimits } from './limits.ts';
import { compareCodePoints } from './text-order.ts';
import { asciiFoldIncludes, asciiLower, isNumericLiteral, severityLiteral, SEVERITY_FIELD, termValue, TIME_FIELDS, timeLiteral } from './values.ts';
import { severityRank } from '@vigil/contracts';
import { VigilError } from '@vigil/contracts';

export type Predicate = (event: VigilEvent) => boolean;

/** Orders numbers numerically and text by code point (the UTF-8 byte order SQLite and PostgreSQL "C" use). */
function order(a: number | string, b: number | string): number {
  return typeof a === 'string' && typeof b === 'string' ? compareCodePoints(a, b) : a < b ? -1 : a > b ? 1 : 0;
}

const cmp = (op: CompareOp) =>
  op === '>'
    ? (a: number | string, b: number | string) => order(a, b) > 0
    : op === '>='
      ? (a: number | string, b: number | string) => order(a, b) >= 0
      : op === '<'
        ? (a: number | string, b: number | string) => order(a, b) < 0
        : (a: number | string, b: number | string) => order(a, b) <= 0;

/** A value a comparison can look at. */
type Scalar = string | number | boolean;

function isScalar(x: unknown): x is Scalar {
  return typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
}

/** Matches when the field's value, or any scalar element of its list, passes; never allocates. */
function anyElement(field: string, test: (x: Scalar) => boolean): Predicate {
  return (e) => {
    // Inherited properties (`constructor`, `toString`) are functions, which are never scalars.
    const v = e[field];
    if (isScalar(v)) return test(v);
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (isScalar(x) && test(x)) return true;
    }
    return false;
  };
}

/** True when `text` contains one of `literals`. */
function includesAny(text: string, literals: readonly string[]): boolean {
  for (let i = 0; i < literals.length; i++) if (text.includes(literals[i]!)) return true;
  return false;
}

/** The RE2 flags of query regexes: `s` so `.` matches a newline as in PostgreSQL's `~`, `u` for code points. */
export const RE2_FLAGS = 'su';

/** Compiles a regex with RE2, or throws a coded error naming it. */
export function compileRe2(pattern: string): RE2 {
  try {
    return new RE2(pattern, RE2_FLAGS);
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
      // Plain loops: `every`/`some` with an arrow allocated a closure per call, on every event and rule.
      const ps = n.children.map(compileNode);
      return (e) => {
        for (let i = 0; i < ps.length; i++) if (!ps[i]!(e)) return false;
        return true;
      };
    }
    case 'or': {
      const ps = n.children.map(compileNode);
      return (e) => {
        for (let i = 0; i < ps.length; i++) if (ps[i]!(e)) return true;
        return false;
      };
    }
    case 'not': {
      const p = compileNode(n.child);
      return (e) => !p(e);
    }
    case 'text': {
      if (!n.wildcard) {
        const contains = asciiFoldIncludes(n.value);
        return (e) => typeof e.message === 'string' && contains(e.message);
      }
      const matches = compileGlob(asciiLower(n.value), false);
      return (e) => typeof e.message === 'string' && matches(asciiLower(e.message));
    }
    case 'exists':
      // Own properties only: `constructor:*` must not find Object.prototype's.
      return (e) => e[n.field] !== undefined && e[n.field] !== null && Object.hasOwn(e, n.field);
    case 'term': {
      const f = n.field;
      const t = termValue(f, n.value);
      if (f === SEVERITY_FIELD) {
        const r = severityLiteral(t);
        return anyElement(f, (x) => r >= 0 && typeof x === 'string' && severityRank(x) === r);
      }
      if (TIME_FIELDS.has(f)) {
        const ms = timeLiteral(t);
        return anyElement(f, (x) => typeof x === 'string' && Date.parse(x) === ms);
      }
      const num = isNumericLiteral(t) ? Number(t) : null;
      if (n.nocase) {
        const lt = asciiLower(t);
        return anyElement(f, (x) => (typeof x === 'string' ? x === lt || (x.length === lt.length && asciiLower(x) === lt) : typeof x === 'number' ? num !== null && x === num : String(x) === lt));
      }
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
      if (probe === null) return anyElement(n.field, () => true);
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
      if (n.nocase) {
        const folded = compileGlob(asciiLower(n.pattern), true);
        return anyElement(n.field, (x) => typeof x === 'string' && folded(asciiLower(x)));
      }
      const matches = compileGlob(n.pattern, true);
      return anyElement(n.field, (x) => typeof x === 'string' && matches(x));
    }
    case 'regex': {
      const re = compileRe2(n.pattern);
      const literals = literalAlternatives(n.pattern);
      if (literals) return anyElement(n.field, (x) => typeof x === 'string' && includesAny(x, literals));
      return anyElement(n.field, (x) => typeof x === 'string' && re.test(x));
    }
    case 'fieldref': {
      const { field, other } = n;
      // Same type and value (=== on scalars); lists: any element of one equals any of the other.
      return (e) => {
        const a = e[field];
        const b = e[other];
        if (isScalar(a)) return isScalar(b) ? a === b : Array.isArray(b) && b.includes(a);
        if (!Array.isArray(a)) return false;
        for (const x of a) if (isScalar(x) && (isScalar(b) ? x === b : Array.isArray(b) && b.includes(x))) return true;
        return false;
      };
    }
    case 'cidr': {
      const c = parseCidr(n.cidr);
      if (!c) return () => false;
      return anyElement(n.field, (x) => typeof x === 'string' && inCidr(x, c));
    }
  }
}

/** Compiles a query AST to a predicate over events (VIGIL_ERR_QUERY_TOO_COMPLEX over the limits). */
export function compilePredicate(ast: QueryNode): Predicate {
  assertQueryLimits(ast);
  return compileNode(ast);
}
