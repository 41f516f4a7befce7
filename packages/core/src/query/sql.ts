/**
 * @module query/sql
 * Compiles a query to a SQL WHERE clause for SQLite or PostgreSQL over the events table layout in
 * columns.ts. Every value is a parameter; field names are validated before they enter a JSON path.
 * Every leaf is wrapped so it is strictly true or false (never NULL), which keeps NOT exact.
 */
import { VigilError } from '@vigil/contracts';
import type { QueryNode } from './ast.ts';
import type { SqlTarget } from './columns.ts';
import { parseCidr } from './cidr.ts';
import { asciiLower, isNumericLiteral, severityLiteral, SEVERITY_FIELD, termValue, TIME_FIELDS, timeLiteral, LIT_STAR, LIT_QMARK } from './values.ts';
import { compileRe2 } from './predicate.ts';
import { assertQueryLimits } from './limits.ts';

const FIELD_RE = /^[A-Za-z0-9_.@-]{1,200}$/;

class Builder {
  params: unknown[] = [];
  constructor(readonly t: SqlTarget) {}

  get pg(): boolean {
    return this.t.dialect === 'postgres';
  }

  p(v: unknown): string {
    this.params.push(v);
    return this.pg ? `$${(this.t.paramOffset ?? 0) + this.params.length}` : '?';
  }

  /** Polarity of the node being compiled: true under an odd number of NOTs. */
  negated = false;

  /**
   * A leaf as a strict boolean. Only under an odd number of NOTs can a NULL change the answer
   * (NOT NULL is NULL, not TRUE); elsewhere the bare comparison is exact and keeps indexes usable.
   */
  bool(expr: string): string {
    if (!this.negated) return `(${expr})`;
    return this.pg ? `COALESCE((${expr}), FALSE)` : `COALESCE((${expr}), 0)`;
  }

  get FALSE(): string {
    return this.pg ? 'FALSE' : '0';
  }
  get TRUE(): string {
    return this.pg ? 'TRUE' : '1';
  }

  path(field: string): string {
    if (!FIELD_RE.test(field)) throw new VigilError('VIGIL_ERR_QUERY_SYNTAX', `"${field}" is not a valid field name`, { field });
    return field;
  }

  /** Value conditions over one JSON element: SQLite (value, type) from json_each; PostgreSQL jsonb v. */
  elemString(cond: (x: string) => string): string {
    return this.pg ? `(jsonb_typeof(v) = 'string' AND ${cond("(v #>> '{}')")})` : `(type = 'text' AND ${cond('value')})`;
  }
  elemNumber(cond: (x: string) => string): string {
    return this.pg ? `(jsonb_typeof(v) = 'number' AND ${cond("(v #>> '{}')::numeric")})` : `(type IN ('integer', 'real') AND ${cond('value')})`;
  }
  elemBool(word: 'true' | 'false'): string {
    return this.pg ? `(jsonb_typeof(v) = 'boolean' AND (v #>> '{}') = '${word}')` : `(type = '${word}')`;
  }

  /** EXISTS over the scalars of a document field. */
  anyDoc(field: string, cond: string): string {
    const f = this.path(field);
    const doc = this.t.doc;
    if (this.pg) {
      const ref = `${doc}->'${f}'`;
      return `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof(${ref}) WHEN 'array' THEN ${ref} ELSE jsonb_build_array(${ref}) END) AS x(v) WHERE ${cond})`;
    }
    const p = `'$."${f}"'`;
    return `(json_type(${doc}, ${p}) IN ('array', 'text', 'integer', 'real', 'true', 'false') AND EXISTS (SELECT 1 FROM json_each(${doc}, ${p}) WHERE type NOT IN ('object', 'array', 'null') AND ${cond}))`;
  }

  text(x: string): string {
    return this.pg ? `${x} COLLATE "C"` : x;
  }

  like(pattern: string, forText: boolean): string {
    let out = '';
    for (const ch of pattern) {
      if (ch === '*') out += '%';
      else if (ch === '?') out += '_';
      else if (ch === LIT_STAR) out += '*';
      else if (ch === LIT_QMARK) out += '?';
      else if (ch === '%' || ch === '_' || ch === '\\') out += `\\${ch}`;
      else out += ch;
    }
    return forText ? `%${out}%` : out;
  }

  glob(pattern: string): string {
    let out = '';
    for (const ch of pattern) {
      if (ch === LIT_STAR) out += '[*]';
      else if (ch === LIT_QMARK) out += '[?]';
      else if (ch === '[') out += '[[]';
      else out += ch;
    }
    return out;
  }

  wildcardCond(x: string, pattern: string, nocase = false): string {
    if (nocase) {
      // Both fold ASCII letters only: SQLite's LIKE by definition, PostgreSQL's lower() under the C collation.
      return this.pg ? `lower(${x} COLLATE "C") LIKE ${this.p(asciiLower(this.like(pattern, false)))} ESCAPE '\\'` : `${x} LIKE ${this.p(this.like(pattern, false))} ESCAPE '\\'`;
    }
    return this.pg ? `${x} LIKE ${this.p(this.like(pattern, false))} ESCAPE '\\'` : `${x} GLOB ${this.p(this.glob(pattern))}`;
  }

  /** Text equality; `nocase` folds ASCII letters only (SQLite's NOCASE collation, PostgreSQL's lower() under "C"). */
  equalsCond(x: string, value: string, nocase = false): string {
    if (!nocase) return `${x} = ${this.p(value)}`;
    return this.pg ? `lower(${x} COLLATE "C") = ${this.p(asciiLower(value))}` : `${x} = ${this.p(value)} COLLATE NOCASE`;
  }

  regexCond(x: string, pattern: string): string {
    compileRe2(pattern);
    return this.pg ? `${x} ~ ${this.p(pattern)}` : `vigil_regexp(${this.p(pattern)}, ${x})`;
  }

  cidrCond(x: string, cidr: string): string {
    return this.pg ? `vigil_try_inet(${x}) <<= ${this.p(cidr)}::inet` : `vigil_cidr(${x}, ${this.p(cidr)})`;
  }

  compile(n: QueryNode): string {
    switch (n.type) {
      case 'all':
        return this.TRUE;
      case 'and':
        return balanced(n.children.map((c) => this.compile(c)), 'AND');
      case 'or':
        return balanced(n.children.map((c) => this.compile(c)), 'OR');
      case 'not':
      {
        this.negated = !this.negated;
        const inner = this.compile(n.child);
        this.negated = !this.negated;
        return `(NOT ${inner})`;
      }
      case 'text': {
        const pat = this.like(n.wildcard ? n.value : n.value.replaceAll('*', LIT_STAR).replaceAll('?', LIT_QMARK), true);
        return this.pg
          ? // lower() under the C collation folds ASCII letters only — what SQLite's LIKE does — and is ~60x faster than translate().
            this.bool(`lower(message COLLATE "C") LIKE ${this.p(asciiLower(pat))} ESCAPE '\\'`)
          : this.bool(`message LIKE ${this.p(pat)} ESCAPE '\\'`);
      }
      case 'fieldref': {
        const cond = this.fieldrefCond(n.field, n.other);
        return this.bool(this.t.docGuard ? `CASE WHEN ${this.t.docGuard} THEN (${cond}) ELSE ${this.FALSE} END` : cond);
      }
      default:
        return this.bool(this.leaf(n));
    }
  }

  /**
   * Two fields hold an equal scalar of the same type: every scalar (or list element) of one against every
   * one of the other. Read from the document (which holds the hot fields too); `message` from its column.
   */
  fieldrefCond(a: string, b: string): string {
    const doc = this.t.doc;
    if (this.pg) {
      const elems = (f: string, alias: string) => {
        if (f === 'message') return `jsonb_array_elements(jsonb_build_array(message)) AS ${alias}_t(${alias})`;
        const ref = `${doc}->'${this.path(f)}'`;
        return `jsonb_array_elements(CASE jsonb_typeof(${ref}) WHEN 'array' THEN ${ref} ELSE jsonb_build_array(${ref}) END) AS ${alias}_t(${alias})`;
      };
      return `EXISTS (SELECT 1 FROM ${elems(a, 'x')}, ${elems(b, 'y')} WHERE jsonb_typeof(x) IN ('string', 'number', 'boolean') AND x = y)`;
    }
    const elems = (f: string, alias: string) => {
      if (f === 'message') return `json_each(json_array(message)) AS ${alias}`;
      const p = `'$."${this.path(f)}"'`;
      return `json_each(CASE WHEN json_type(${doc}, ${p}) IN ('array', 'text', 'integer', 'real', 'true', 'false') THEN ${doc} END, ${p}) AS ${alias}`;
    };
    // SQLite's json_each types: integer and real are one kind (5 = 5.0), true/false carry their type.
    return `EXISTS (SELECT 1 FROM ${elems(a, 'x')}, ${elems(b, 'y')} WHERE x.type IN ('text', 'integer', 'real', 'true', 'false') AND (CASE WHEN x.type IN ('integer', 'real') THEN y.type IN ('integer', 'real') ELSE x.type = y.type END) AND x.value = y.value)`;
  }

  leaf(n: Exclude<QueryNode, { type: 'all' | 'and' | 'or' | 'not' | 'text' | 'fieldref' }>): string {
    // Own keys only: `constructor:*` must not find Object.prototype's "column".
    const col = Object.hasOwn(this.t.columns, n.field) ? this.t.columns[n.field] : undefined;
    const f = n.field;
    // Hot columns first; what a column cannot answer falls through to the document.
    if (col) {
      const c = col.column;
      if (n.type === 'exists') return `${c} IS NOT NULL`;
      if (col.type === 'ts' || col.type === 'severity') {
        const conv = (v: string) => (col.type === 'ts' ? timeLiteral(v) : severityLiteral(v));
        if (n.type === 'term') return `${c} = ${this.p(conv(n.value))}`;
        if (n.type === 'compare') {
          const v = conv(n.value);
          if (v === null || (col.type === 'severity' && v < 0)) return this.FALSE;
          return `${c} ${n.op} ${this.p(v)}`;
        }
        if (n.type === 'range') return this.rangeCond(c, n.lo === null ? null : conv(n.lo), n.hi === null ? null : conv(n.hi), n.loInclusive, n.hiInclusive);
      } else if (col.type === 'text' || (col.type === 'ip' && !this.pg)) {
        if (n.type === 'term') return this.equalsCond(c, termValue(f, n.value), n.nocase);
        if (n.type === 'compare') return isNumericLiteral(n.value) ? this.FALSE : `${this.text(c)} ${n.op} ${this.p(n.value)}`;
        if (n.type === 'range') {
          const numeric = (n.lo === null || isNumericLiteral(n.lo)) && (n.hi === null || isNumericLiteral(n.hi)) && (n.lo ?? n.hi) !== null;
          if (numeric) return this.FALSE;
          return this.rangeCond(this.text(c), n.lo, n.hi, n.loInclusive, n.hiInclusive);
        }
        if (n.type === 'wildcard') return this.wildcardCond(c, n.pattern, n.nocase);
        if (n.type === 'regex') return this.regexCond(c, n.pattern);
        if (n.type === 'cidr') return parseCidr(n.cidr) ? this.cidrCond(c, n.cidr) : this.FALSE;
      } else if (col.type === 'ip' && n.type === 'cidr') {
        return parseCidr(n.cidr) ? `${c} <<= ${this.p(n.cidr)}::inet` : this.FALSE;
      }
    }
    if (!this.t.docGuard) return this.docLeaf(f, n);
    // CASE, not AND: SQLite evaluates both sides of an AND inside an expression (under NOT), and CASE is lazy.
    return `CASE WHEN ${this.t.docGuard} THEN (${this.docLeaf(f, n)}) ELSE ${this.FALSE} END`;
  }

  rangeCond(x: string, lo: unknown, hi: unknown, loInc: boolean, hiInc: boolean): string {
    const parts = [`${x} IS NOT NULL`];
    if (lo !== null) parts.push(`${x} ${loInc ? '>=' : '>'} ${this.p(lo)}`);
    if (hi !== null) parts.push(`${x} ${hiInc ? '<=' : '<'} ${this.p(hi)}`);
    return parts.join(' AND ');
  }

  docLeaf(f: string, n: Exclude<QueryNode, { type: 'all' | 'and' | 'or' | 'not' | 'text' | 'fieldref' }>): string {
    if (n.type === 'exists') {
      const fp = this.path(f);
      return this.pg ? `jsonb_typeof(${this.t.doc}->'${fp}') IS NOT NULL AND jsonb_typeof(${this.t.doc}->'${fp}') <> 'null'` : `json_type(${this.t.doc}, '$."${fp}"') IS NOT NULL AND json_type(${this.t.doc}, '$."${fp}"') <> 'null'`;
    }
    const isTime = TIME_FIELDS.has(f);
    const isSev = f === SEVERITY_FIELD;
    // Time and severity held as text in the document compare by instant / rank: ISO UTC text from
    // the normalizer sorts like time; severities are mapped through a CASE.
    const sevRank = (x: string) => `(CASE ${x} WHEN 'info' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END)`;
    const iso = (v: string) => new Date(timeLiteral(v)!).toISOString();
    switch (n.type) {
      case 'term': {
        if (isSev) return this.anyDoc(f, this.elemString((x) => `${sevRank(x)} = ${this.p(severityLiteral(n.value))}`));
        if (isTime) return this.anyDoc(f, this.elemString((x) => `${x} = ${this.p(iso(n.value))}`));
        const alts = [this.elemString((x) => this.equalsCond(x, termValue(f, n.value), n.nocase))];
        if (isNumericLiteral(n.value)) alts.push(this.elemNumber((x) => `${x} = ${this.p(Number(n.value))}${this.pg ? '::numeric' : ''}`));
        const word = n.nocase ? asciiLower(n.value) : n.value;
        if (word === 'true' || word === 'false') alts.push(this.elemBool(word));
        return this.anyDoc(f, `(${alts.join(' OR ')})`);
      }
      case 'compare': {
        if (isSev) {
          const r = severityLiteral(n.value);
          return r < 0 ? this.FALSE : this.anyDoc(f, this.elemString((x) => `${sevRank(x)} ${n.op} ${this.p(r)}`));
        }
        if (isTime) return this.anyDoc(f, this.elemString((x) => `${this.text(x)} ${n.op} ${this.p(iso(n.value))}`));
        if (isNumericLiteral(n.value)) return this.anyDoc(f, this.elemNumber((x) => `${x} ${n.op} ${this.p(Number(n.value))}${this.pg ? '::numeric' : ''}`));
        return this.anyDoc(f, this.elemString((x) => `${this.text(x)} ${n.op} ${this.p(n.value)}`));
      }
      case 'range': {
        if (n.lo === null && n.hi === null) return this.anyDoc(f, this.pg ? `jsonb_typeof(v) IN ('string', 'number', 'boolean')` : '1');
        const numeric = (n.lo === null || isNumericLiteral(n.lo)) && (n.hi === null || isNumericLiteral(n.hi));
        const conds = (x: string, conv: (v: string) => unknown, cast = '') => {
          const parts: string[] = [];
          if (n.lo !== null) parts.push(`${x} ${n.loInclusive ? '>=' : '>'} ${this.p(conv(n.lo))}${cast}`);
          if (n.hi !== null) parts.push(`${x} ${n.hiInclusive ? '<=' : '<'} ${this.p(conv(n.hi))}${cast}`);
          return parts.join(' AND ');
        };
        if (isSev) return this.anyDoc(f, this.elemString((x) => `${sevRank(x)} IS NOT NULL AND ${conds(sevRank(x), severityLiteral)}`));
        if (isTime) return this.anyDoc(f, this.elemString((x) => conds(this.text(x), iso)));
        if (numeric) return this.anyDoc(f, this.elemNumber((x) => conds(x, Number, this.pg ? '::numeric' : '')));
        return this.anyDoc(f, this.elemString((x) => conds(this.text(x), String)));
      }
      case 'wildcard':
        return this.anyDoc(f, this.elemString((x) => this.wildcardCond(x, n.pattern, n.nocase)));
      case 'regex':
        return this.anyDoc(f, this.elemString((x) => this.regexCond(x, n.pattern)));
      case 'cidr':
        return parseCidr(n.cidr) ? this.anyDoc(f, this.elemString((x) => this.cidrCond(x, n.cidr))) : this.FALSE;
    }
  }
}

/**
 * Joins conditions as a balanced tree: SQLite parses `a AND b AND c …` left-deep and refuses an
 * expression deeper than 1,000, so 1,000 ORed terms would fail; balanced, the depth is log2(n).
 */
function balanced(parts: string[], op: 'AND' | 'OR'): string {
  if (parts.length <= 8) return `(${parts.join(` ${op} `)})`;
  const mid = parts.length >> 1;
  return `(${balanced(parts.slice(0, mid), op)} ${op} ${balanced(parts.slice(mid), op)})`;
}

/** Compiles a query to a WHERE clause and its parameters. */
export function compileSql(ast: QueryNode, target: SqlTarget): { where: string; params: unknown[] } {
  assertQueryLimits(ast);
  const b = new Builder(target);
  const where = b.compile(ast);
  return { where, params: b.params };
}
