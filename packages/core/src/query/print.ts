/**
 * @module query/print
 * Writes a query AST back as query-language text that `parseQuery` reads to the same AST, so a rule
 * compiled from Sigma can be shown, edited and run as a search.
 */
import { VigilError } from '@vigil/contracts';
import type { QueryNode } from './ast.ts';
import { LIT_QMARK, LIT_STAR } from './values.ts';

const FIELD = /^[A-Za-z0-9_.@][A-Za-z0-9_.@-]*$/;

function field(name: string): string {
  if (!FIELD.test(name)) throw new VigilError('VIGIL_ERR_QUERY_SYNTAX', `the field name "${name}" cannot be written in the query language (letters, digits, _ . @ - only)`);
  return name;
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** A glob as a bare value: wildcards stay, every other special character is escaped. */
function bareGlob(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '*' || ch === '?') out += ch;
    else if (ch === LIT_STAR) out += '\\*';
    else if (ch === LIT_QMARK) out += '\\?';
    else if (/[A-Za-z0-9_.@-]/.test(ch)) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}

function regex(pattern: string): string {
  return `/${pattern.replace(/\\\//g, '/').replace(/\//g, '\\/')}/`;
}

function bound(b: string | null): string {
  return b === null ? '*' : /^[A-Za-z0-9_.:+-]+$/.test(b) && b !== 'TO' ? b : quote(b);
}

/** A leaf's value as written after `field:` (or inside a value group). */
function value(n: QueryNode): string {
  switch (n.type) {
    case 'term':
      return quote(n.value);
    case 'wildcard':
      return bareGlob(n.pattern);
    default:
      throw new Error('not a value leaf');
  }
}

/** `field|i:(a OR b*)` for an OR of same-field, same-case terms and wildcards. */
function valueGroup(children: QueryNode[]): string | undefined {
  if (children.length < 2) return undefined;
  const first = children[0]!;
  if (first.type !== 'term' && first.type !== 'wildcard') return undefined;
  const nocase = first.nocase === true;
  for (const c of children) {
    if ((c.type !== 'term' && c.type !== 'wildcard') || c.field !== first.field || (c.nocase === true) !== nocase) return undefined;
  }
  return `${field(first.field)}${nocase ? '|i' : ''}:(${children.map(value).join(' OR ')})`;
}

function print(n: QueryNode, parent: 'or' | 'and' | 'not' | 'top'): string {
  switch (n.type) {
    case 'all':
      if (parent === 'top') return '';
      throw new VigilError('VIGIL_ERR_QUERY_SYNTAX', 'NOT of a match-all query cannot be written in the query language');
    case 'or': {
      const group = valueGroup(n.children);
      if (group !== undefined) return group;
      const text = n.children.map((c) => print(c, 'or')).join(' OR ');
      return parent === 'top' || parent === 'or' ? text : `(${text})`;
    }
    case 'and': {
      const text = n.children.map((c) => print(c, 'and')).join(' AND ');
      return parent === 'not' ? `(${text})` : text;
    }
    case 'not':
      return `NOT ${print(n.child, 'not')}`;
    case 'text':
      return n.wildcard ? bareGlob(n.value) : quote(n.value);
    case 'term':
    case 'wildcard':
      return `${field(n.field)}${n.nocase ? '|i' : ''}:${value(n)}`;
    case 'regex':
      return `${field(n.field)}:${regex(n.pattern)}`;
    case 'compare':
      return `${field(n.field)}:${n.op}${/^[A-Za-z0-9_.:+-]+$/.test(n.value) ? n.value : quote(n.value)}`;
    case 'range':
      return `${field(n.field)}:${n.loInclusive ? '[' : '{'}${bound(n.lo)} TO ${bound(n.hi)}${n.hiInclusive ? ']' : '}'}`;
    case 'cidr':
      return `${field(n.field)}:${n.cidr}`;
    case 'exists':
      return `${field(n.field)}:*`;
    case 'fieldref':
      return `${field(n.field)}|fieldref:${field(n.other)}`;
  }
}

/** Removes `all` from AND/OR children (x AND all = x; x OR all = all), so the printed text has none inside. */
function simplify(n: QueryNode): QueryNode {
  if (n.type === 'not') return { type: 'not', child: simplify(n.child) };
  if (n.type !== 'and' && n.type !== 'or') return n;
  const kids = n.children.map(simplify);
  if (n.type === 'or' && kids.some((k) => k.type === 'all')) return { type: 'all' };
  const rest = kids.filter((k) => k.type !== 'all');
  if (rest.length === 0) return { type: 'all' };
  return rest.length === 1 ? rest[0]! : { type: n.type, children: rest };
}

/**
 * The query text of an AST. Throws VIGIL_ERR_QUERY_SYNTAX for a field name the language cannot write.
 *
 * @example
 * printQuery({ type: 'term', field: 'user.name', value: 'root', nocase: true }) // 'user.name|i:"root"'
 */
export function printQuery(ast: QueryNode): string {
  return print(simplify(ast), 'top');
}
