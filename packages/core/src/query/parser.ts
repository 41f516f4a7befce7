/**
 * @module query/parser
 * Recursive-descent parser of the query language. Precedence: NOT binds tightest, then AND (also
 * implicit, by juxtaposition), then OR. Errors are VIGIL_ERR_QUERY_SYNTAX with the 1-based column
 * (and a `hint` in details where a common mistake would otherwise silently match nothing).
 */
import { SEVERITIES, VigilError, fieldType } from '@vigil/contracts';
import type { QueryNode, CompareOp } from './ast.ts';
import { parseCidr } from './cidr.ts';
import { assertQueryLimits, QUERY_LIMITS } from './limits.ts';
import { isIP } from '../ip/index.ts';
import { isNumericLiteral, LIT_QMARK, LIT_STAR, SEVERITY_FIELD, severityLiteral, TIME_FIELDS, timeLiteral } from './values.ts';

const FIELD_CHAR = /[A-Za-z0-9_.@-]/;

/** Field modifiers (`field|i:value`) by name: what each does to the node the value parses to. */
const FIELD_MODIFIERS: Record<string, (node: QueryNode, fail: (message: string) => never) => QueryNode> = {
  i: (node, fail) => {
    if (node.type === 'term' || node.type === 'wildcard') return { ...node, nocase: true };
    if (node.type === 'exists' || node.type === 'cidr') return node;
    return fail(`|i (case-insensitive) applies to values and wildcards, not to ${node.type === 'regex' ? 'regular expressions (write the cases out: /[Aa]dmin/)' : 'comparisons and ranges'}`);
  },
  fieldref: (node, fail) => {
    if (node.type !== 'term' || node.nocase || !/^[A-Za-z0-9_.@-]{1,200}$/.test(node.value)) return fail('|fieldref takes a field name as its value (user.name|fieldref:target.user.name)');
    return { type: 'fieldref', field: node.field, other: node.value };
  },
};

/** Lucene/Kibana spellings that would otherwise be read as a field or a word and match nothing. */
const FOREIGN_FIELDS: Record<string, (value: string) => string> = {
  _exists_: (v) => `use ${v || 'field'}:* to ask whether a field is present`,
  _missing_: (v) => `use NOT ${v || 'field'}:* to ask whether a field is absent`,
};

/** The value group being parsed (`field:(a OR b)`): bare values inside it belong to this field. */
interface Group {
  field: string;
  modifiers: string[];
}

class Parser {
  pos = 0;
  depth = 0;
  group: Group | null = null;
  constructor(readonly src: string) {}

  fail(message: string, at = this.pos, hint?: string): never {
    const column = at + 1;
    throw new VigilError('VIGIL_ERR_QUERY_SYNTAX', `${message} at column ${column}${hint ? `: ${hint}` : ''}`, { position: at, line: 1, column, ...(hint ? { hint } : {}) });
  }

  /** Nesting (parentheses and NOT) is bounded while parsing, so a deep query cannot overflow the stack. */
  enter(at: number): void {
    if (++this.depth > QUERY_LIMITS.maxDepth) {
      throw new VigilError('VIGIL_ERR_QUERY_TOO_COMPLEX', `the query nests more than ${QUERY_LIMITS.maxDepth} levels of parentheses and NOT at column ${at + 1}: simplify it (NOT NOT x is x)`, { position: at, line: 1, column: at + 1, limits: QUERY_LIMITS });
    }
  }

  ws(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  peekKeyword(word: string): boolean {
    this.ws();
    if (!this.src.startsWith(word, this.pos)) return false;
    const after = this.src[this.pos + word.length];
    return after === undefined || /[\s()]/.test(after);
  }

  atEnd(): boolean {
    this.ws();
    return this.pos >= this.src.length;
  }

  parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peekKeyword('OR')) {
      this.pos += 2;
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  parseAnd(): QueryNode {
    const children = [this.parseNot()];
    for (;;) {
      if (this.peekKeyword('AND')) {
        this.pos += 3;
        children.push(this.parseNot());
        continue;
      }
      this.ws();
      if (this.atEnd() || this.src[this.pos] === ')' || this.peekKeyword('OR')) break;
      children.push(this.parseNot()); // implicit AND
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  parseNot(): QueryNode {
    if (this.peekKeyword('NOT')) {
      this.enter(this.pos);
      this.pos += 3;
      const child = this.parseNot();
      this.depth--;
      return { type: 'not', child };
    }
    return this.parsePrimary();
  }

  parsePrimary(): QueryNode {
    this.ws();
    const start = this.pos;
    const ch = this.src[this.pos];
    if (ch === undefined) this.fail('expected a term, "(" or NOT but the query ended');
    if (ch === ')') this.fail('unexpected ")"');
    if (ch === '(') {
      this.enter(start);
      this.pos++;
      this.ws();
      if (this.src[this.pos] === ')') this.fail('empty parentheses');
      const inner = this.parseOr();
      this.ws();
      if (this.src[this.pos] !== ')') this.fail(`expected ")" to close the "(" at column ${start + 1}`);
      this.pos++;
      this.depth--;
      return inner;
    }
    for (const kw of ['AND', 'OR']) if (this.peekKeyword(kw)) this.fail(`expected a term before ${kw}`);
    if (this.group) return this.withModifiers(this.group.field, this.group.modifiers, start);
    if (ch === '"') return { type: 'text', value: this.quoted(), wildcard: false };
    if (this.src.startsWith('&&', start) || this.src.startsWith('||', start)) this.fail(`"${this.src.slice(start, start + 2)}" is not an operator`, start, `use ${ch === '&' ? 'AND' : 'OR'}`);
    // field(|modifier)*:value?
    let i = this.pos;
    while (i < this.src.length && FIELD_CHAR.test(this.src[i]!)) i++;
    const modifiers: string[] = [];
    const fieldEnd = i;
    while (i > this.pos && this.src[i] === '|') {
      const m = /^\|([A-Za-z]*)/.exec(this.src.slice(i))!;
      if (!Object.hasOwn(FIELD_MODIFIERS, m[1]!)) this.fail(`unknown field modifier "|${m[1]}"`, i, `known modifiers: ${Object.keys(FIELD_MODIFIERS).map((k) => `|${k}`).join(', ')}`);
      modifiers.push(m[1]!);
      i += m[0].length;
    }
    if (fieldEnd > this.pos && this.src[i] === ':') {
      const field = this.src.slice(this.pos, fieldEnd);
      this.checkField(field, start, i + 1);
      this.pos = i + 1;
      return this.withModifiers(field, modifiers, i + 1);
    }
    if (modifiers.length) this.fail(`expected ":" after the field modifiers`, i);
    if (/^[-+!]/.test(ch) && /^[-+!][A-Za-z0-9_.@]+(\|[A-Za-z]+)*:/.test(this.src.slice(start))) {
      this.fail(`"${ch}" before a field is not an operator`, start, ch === '+' ? 'terms are required by default: drop the "+"' : 'use NOT field:value');
    }
    const word = this.bareValue();
    if (!word.text) this.fail('expected a term');
    const wildcard = word.wild;
    return { type: 'text', value: wildcard ? word.text : unmark(word.text), wildcard };
  }

  quoted(): string {
    const open = this.pos;
    this.pos++;
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '\\' && this.pos + 1 < this.src.length) {
        out += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '"') {
        this.pos++;
        return out;
      }
      out += c;
      this.pos++;
    }
    return this.fail('unterminated quoted string (missing closing ")', open);
  }

  /** A bare value up to whitespace or ")"; backslash escapes. Unescaped * and ? are wildcards. */
  bareValue(): { text: string; wild: boolean } {
    let out = '';
    let wild = false;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (/\s/.test(c) || c === ')' || c === '(') break;
      if (c === '\\' && this.pos + 1 < this.src.length) {
        const n = this.src[this.pos + 1]!;
        out += n === '*' ? LIT_STAR : n === '?' ? LIT_QMARK : n;
        this.pos += 2;
        continue;
      }
      if (c === '*' || c === '?') wild = true;
      if (c === '"') this.fail('unexpected " inside a word: quote the whole value');
      out += c;
      this.pos++;
    }
    return { text: out, wild };
  }

  /** Field names that are Lucene syntax elsewhere and would silently match nothing here. */
  checkField(field: string, at: number, valueAt: number): void {
    if (field.startsWith('-')) this.fail('"-" before a field is not an operator', at, 'use NOT field:value');
    const foreign = Object.hasOwn(FOREIGN_FIELDS, field) ? FOREIGN_FIELDS[field]! : undefined;
    if (foreign) {
      const value = /^[A-Za-z0-9_.@-]*/.exec(this.src.slice(valueAt))![0];
      this.fail(`"${field}" is Lucene syntax, not a field`, at, foreign(value));
    }
  }

  /** A field's value (or value group) with the field's modifiers applied. */
  withModifiers(field: string, modifiers: string[], valueStart: number): QueryNode {
    // A group's leaves get the modifiers as they are parsed.
    if (this.src[this.pos] === '(' && !this.group) return this.fieldValue(field, valueStart, modifiers);
    let node: QueryNode;
    if (modifiers.includes('fieldref')) {
      // The value names a field: none of the checks of a value against the field's type apply.
      const c = this.src[this.pos];
      if (c === undefined || /[\s()/[{<>]/.test(c)) this.fail('|fieldref takes a field name as its value (user.name|fieldref:target.user.name)', valueStart);
      node = { type: 'term', field, value: c === '"' ? this.quoted() : unmark(this.bareValue().text) };
    } else node = this.fieldValue(field, valueStart, modifiers);
    for (const m of modifiers) node = FIELD_MODIFIERS[m]!(node, (message) => this.fail(message, valueStart));
    return node;
  }

  /** `field:(a OR b*)`: a boolean expression over values of one field (Sigma's value lists; `AND` is its `all`). */
  valueGroup(field: string, modifiers: string[], valueStart: number): QueryNode {
    if (this.group) this.fail('a value group cannot contain another field\'s group', valueStart);
    this.enter(valueStart);
    this.pos++;
    this.ws();
    if (this.src[this.pos] === ')') this.fail(`empty value group after "${field}:"`, valueStart);
    this.group = { field, modifiers };
    const inner = this.parseOr();
    this.group = null;
    this.ws();
    if (this.src[this.pos] !== ')') this.fail(`expected ")" to close the value group at column ${valueStart + 1}`);
    this.pos++;
    this.depth--;
    return inner;
  }

  fieldValue(field: string, valueStart: number, modifiers: string[] = []): QueryNode {
    const c = this.src[this.pos];
    if (c === undefined || /\s/.test(c) || c === ')') this.fail(`expected a value after "${field}:"`, valueStart);
    if (c === '(') return this.valueGroup(field, modifiers, valueStart);
    if (c === '"') return this.checkValue({ type: 'term', field, value: this.quoted() }, valueStart);
    if (c === '/') return { type: 'regex', field, pattern: this.regex() };
    if (c === '[' || c === '{') return this.range(field);
    const op = /^(>=|<=|>|<)/.exec(this.src.slice(this.pos))?.[1] as CompareOp | undefined;
    if (op) {
      this.pos += op.length;
      const at = this.pos;
      const v = this.src[this.pos] === '"' ? this.quoted() : unmark(this.bareValue().text);
      if (!v) this.fail(`expected a value after "${field}:${op}"`, at);
      return this.checkValue({ type: 'compare', field, op, value: v }, at);
    }
    const v = this.bareValue();
    if (v.text === '*') return { type: 'exists', field };
    if (v.wild) return { type: 'wildcard', field, pattern: v.text };
    const text = unmark(v.text);
    const slash = text.indexOf('/');
    if (slash >= 0 && isIP(text.slice(0, slash))) {
      if (parseCidr(text) !== null) return { type: 'cidr', field, cidr: text };
      const bits = isIP(text.slice(0, slash)) === 4 ? 32 : 128;
      this.fail(`"${text}" is not a CIDR block`, valueStart, `the prefix length after "/" must be a whole number from 0 to ${bits}; quote the value to match the text itself`);
    }
    return this.checkValue({ type: 'term', field, value: text }, valueStart);
  }

  /** Values that cannot match anything in a typed field fail here instead of silently matching nothing. */
  checkValue<N extends QueryNode>(node: N, at: number): N {
    if (!('field' in node) || !('value' in node)) return node;
    const { field, value } = node as { field: string; value: string };
    if (TIME_FIELDS.has(field) && timeLiteral(value) === null) {
      this.fail(`"${value}" is not a time for ${field}: use ISO 8601 (2026-01-31T12:00:00Z) or epoch milliseconds`, at);
    }
    if (field === SEVERITY_FIELD && severityLiteral(value) < 0) {
      this.fail(`"${value}" is not a severity`, at, `use one of ${SEVERITIES.join(', ')}`);
    }
    if (node.type === 'term' && fieldType(field) === 'ip' && !isIP(value)) {
      this.fail(`"${value}" is not an IP address`, at, `${field} holds addresses: give one (10.1.2.3, 2001:db8::1), a block (10.0.0.0/8) or a wildcard (10.1.*)`);
    }
    return node;
  }

  regex(): string {
    const open = this.pos;
    this.pos++;
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '\\' && this.src[this.pos + 1] === '/') {
        out += '/';
        this.pos += 2;
        continue;
      }
      if (c === '\\' && this.pos + 1 < this.src.length) {
        out += c + this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '/') {
        this.pos++;
        if (!out) this.fail('empty regular expression', open);
        return out;
      }
      out += c;
      this.pos++;
    }
    return this.fail('unterminated regular expression (missing closing /)', open);
  }

  range(field: string): QueryNode {
    const open = this.src[this.pos]!;
    const openAt = this.pos;
    this.pos++;
    this.ws();
    const lo = this.rangeBound();
    this.ws();
    if (!this.src.startsWith('TO', this.pos)) this.fail('expected "TO" in the range');
    this.pos += 2;
    this.ws();
    const hi = this.rangeBound();
    this.ws();
    const close = this.src[this.pos];
    if (close !== ']' && close !== '}') this.fail(`expected "]" or "}" to close the range opened at column ${openAt + 1}`);
    this.pos++;
    const node: QueryNode = { type: 'range', field, lo: lo === '*' ? null : lo, hi: hi === '*' ? null : hi, loInclusive: open === '[', hiInclusive: close === ']' };
    if (TIME_FIELDS.has(field)) for (const b of [node.lo, node.hi]) if (b !== null && timeLiteral(b) === null) this.fail(`"${b}" is not a time for ${field}`, openAt);
    if (field === SEVERITY_FIELD) for (const b of [node.lo, node.hi]) if (b !== null && severityLiteral(b) < 0) this.fail(`"${b}" is not a severity`, openAt, `use one of ${SEVERITIES.join(', ')}`);
    if (node.lo !== null && node.hi !== null) {
      const key = (b: string): number | null => (TIME_FIELDS.has(field) ? timeLiteral(b) : field === SEVERITY_FIELD ? severityLiteral(b) : isNumericLiteral(b) ? Number(b) : null);
      const lo = key(node.lo);
      const hi = key(node.hi);
      if (lo !== null && hi !== null && lo > hi) this.fail(`the range [${node.lo} TO ${node.hi}] is empty`, openAt, 'put the lower bound first');
    }
    return node;
  }

  rangeBound(): string {
    const at = this.pos;
    if (this.src[this.pos] === '"') return this.quoted();
    let out = '';
    while (this.pos < this.src.length && !/[\s\]}]/.test(this.src[this.pos]!)) out += this.src[this.pos++];
    if (!out) this.fail('expected a range bound (a value or *)', at);
    return out;
  }
}

function unmark(s: string): string {
  return s.includes(LIT_STAR) || s.includes(LIT_QMARK) ? s.replaceAll(LIT_STAR, '*').replaceAll(LIT_QMARK, '?') : s;
}

/** Parses a query; the empty query matches everything. Throws VIGIL_ERR_QUERY_SYNTAX with the column. */
export function parseQuery(text: string): QueryNode {
  if (typeof text !== 'string') throw new VigilError('VIGIL_ERR_QUERY_SYNTAX', 'the query must be text', { position: 0, line: 1, column: 1 });
  if (text.length > 20_000) throw new VigilError('VIGIL_ERR_QUERY_SYNTAX', 'the query is longer than 20000 characters', { position: 20_000, line: 1, column: 20_001 });
  const p = new Parser(text);
  if (p.atEnd()) return { type: 'all' };
  const node = p.parseOr();
  p.ws();
  if (p.pos < text.length) p.fail(text[p.pos] === ')' ? 'unexpected ")" without a matching "("' : 'unexpected text');
  assertQueryLimits(node);
  return node;
}
