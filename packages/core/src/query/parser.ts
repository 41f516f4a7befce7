/**
 * @module query/parser
 * Recursive-descent parser of the query language. Precedence: NOT binds tightest, then AND (also
 * implicit, by juxtaposition), then OR. Errors are VIGIL_ERR_QUERY_SYNTAX with the 1-based column.
 */
import { VigilError, fieldType } from '@vigil/contracts';
import type { QueryNode, CompareOp } from './ast.ts';
import { looksLikeCidr, parseCidr } from './cidr.ts';
import { LIT_QMARK, LIT_STAR, TIME_FIELDS, timeLiteral } from './values.ts';

const FIELD_CHAR = /[A-Za-z0-9_.@-]/;
const MAX_DEPTH = 100;

class Parser {
  pos = 0;
  depth = 0;
  constructor(readonly src: string) {}

  fail(message: string, at = this.pos): never {
    const column = at + 1;
    throw new VigilError('VIGIL_ERR_QUERY_SYNTAX', `${message} at column ${column}`, { position: at, line: 1, column });
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
      this.pos += 3;
      return { type: 'not', child: this.parseNot() };
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
      if (++this.depth > MAX_DEPTH) this.fail('parentheses nest too deeply');
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
    if (ch === '"') return { type: 'text', value: this.quoted(), wildcard: false };
    for (const kw of ['AND', 'OR']) if (this.peekKeyword(kw)) this.fail(`expected a term before ${kw}`);
    // field:value?
    let i = this.pos;
    while (i < this.src.length && FIELD_CHAR.test(this.src[i]!)) i++;
    if (i > this.pos && this.src[i] === ':') {
      const field = this.src.slice(this.pos, i);
      this.pos = i + 1;
      return this.fieldValue(field, i + 1);
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

  fieldValue(field: string, valueStart: number): QueryNode {
    const c = this.src[this.pos];
    if (c === undefined || /\s/.test(c) || c === ')') this.fail(`expected a value after "${field}:"`, valueStart);
    if (c === '(') this.fail(`expected a value after "${field}:" (grouping values is not supported; write ${field}:a OR ${field}:b)`, valueStart);
    if (c === '"') return this.checkTime({ type: 'term', field, value: this.quoted() }, valueStart);
    if (c === '/') return { type: 'regex', field, pattern: this.regex() };
    if (c === '[' || c === '{') return this.range(field);
    const op = /^(>=|<=|>|<)/.exec(this.src.slice(this.pos))?.[1] as CompareOp | undefined;
    if (op) {
      this.pos += op.length;
      const at = this.pos;
      const v = this.src[this.pos] === '"' ? this.quoted() : unmark(this.bareValue().text);
      if (!v) this.fail(`expected a value after "${field}:${op}"`, at);
      return this.checkTime({ type: 'compare', field, op, value: v }, at);
    }
    const v = this.bareValue();
    if (v.text === '*') return { type: 'exists', field };
    if (v.wild) return { type: 'wildcard', field, pattern: v.text };
    const text = unmark(v.text);
    if (looksLikeCidr(text) || (fieldType(field) === 'ip' && parseCidr(text) !== null && text.includes('/'))) return { type: 'cidr', field, cidr: text };
    return this.checkTime({ type: 'term', field, value: text }, valueStart);
  }

  checkTime<N extends QueryNode>(node: N, at: number): N {
    if ('field' in node && TIME_FIELDS.has(node.field) && 'value' in node && timeLiteral(node.value) === null) {
      this.fail(`"${node.value}" is not a time for ${node.field}: use ISO 8601 (2026-01-31T12:00:00Z) or epoch milliseconds`, at);
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
  return node;
}
