import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuery, printQuery, type QueryNode } from '../../src/query/index.ts';
import { LIT_QMARK, LIT_STAR } from '../../src/query/values.ts';

/** The parser's shape of an AST: nested AND in AND and OR in OR flattened; `field:*` is existence. */
function normal(n: QueryNode): QueryNode {
  if (n.type === 'not') return { type: 'not', child: normal(n.child) };
  if (n.type === 'wildcard' && n.pattern === '*') return { type: 'exists', field: n.field };
  if (n.type !== 'and' && n.type !== 'or') return n;
  const kids: QueryNode[] = [];
  for (const c of n.children.map(normal)) {
    if (c.type === n.type) kids.push(...c.children);
    else kids.push(c);
  }
  return kids.length === 1 ? kids[0]! : { type: n.type, children: kids };
}

const fields = fc.constantFrom('user.name', 'process.command_line', 'winlog.event_data.Image', 'url.original', 'labels.x-y');
const text = fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.replace(/[\u0000-\u0002]/g, 'x'));
const chars = fc.constantFrom('a', 'B', ' ', '"', '\\', '/', ':', '(', ')', '[', '-', '*', '?', LIT_STAR, LIT_QMARK, 'é', 'AND', 'OR', 'NOT', '>', '{');
const glob = fc.array(chars, { minLength: 1, maxLength: 8 }).map((a) => a.join('')).filter((p) => /[*?]/.test(p));

const leaf: fc.Arbitrary<QueryNode> = fc.oneof(
  fc.record({ type: fc.constant('term' as const), field: fields, value: fc.oneof(text, fc.array(chars, { maxLength: 6 }).map((a) => a.join('').replaceAll(LIT_STAR, '*').replaceAll(LIT_QMARK, '?'))), nocase: fc.boolean() }).map((n) => (n.nocase ? n : { type: n.type, field: n.field, value: n.value })),
  fc.record({ type: fc.constant('wildcard' as const), field: fields, pattern: glob, nocase: fc.boolean() }).map((n) => (n.nocase ? n : { type: n.type, field: n.field, pattern: n.pattern })),
  fc.record({ type: fc.constant('text' as const), value: text.map((t) => t.replace(/[*?]/g, 'x')), wildcard: fc.constant(false) }),
  fc.record({ type: fc.constant('text' as const), value: glob, wildcard: fc.constant(true) }),
  fc.record({ type: fc.constant('regex' as const), field: fields, pattern: fc.constantFrom('a/b', '^x.*y$', '(?i)admin', '\\d+', 'c:\\\\windows') }),
  fc.record({ type: fc.constant('compare' as const), field: fields, op: fc.constantFrom('>' as const, '>=' as const, '<' as const, '<=' as const), value: fc.oneof(fc.integer().map(String), text) }),
  fc.record({ type: fc.constant('cidr' as const), field: fc.constant('source.ip'), cidr: fc.constantFrom('10.0.0.0/8', '2001:db8::/32') }),
  fc.record({ type: fc.constant('exists' as const), field: fields }),
  fc.record({ type: fc.constant('fieldref' as const), field: fields, other: fields }),
);

const tree = fc.letrec<{ node: QueryNode; and: QueryNode; or: QueryNode; not: QueryNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('and'), tie('or'), tie('not')),
  and: fc.record({ type: fc.constant('and' as const), children: fc.array(tie('node'), { minLength: 2, maxLength: 3 }) }),
  or: fc.record({ type: fc.constant('or' as const), children: fc.array(tie('node'), { minLength: 2, maxLength: 3 }) }),
  not: fc.record({ type: fc.constant('not' as const), child: tie('node') }),
})).node;

describe('printQuery', () => {
  it('writes what the parser reads back to the same AST', () => {
    fc.assert(
      fc.property(tree, (ast) => {
        const text = printQuery(ast);
        expect(normal(parseQuery(text))).toEqual(normal(ast));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes same-field alternatives as a value group', () => {
    const ast: QueryNode = {
      type: 'or',
      children: [
        { type: 'wildcard', field: 'process.executable', pattern: '*\\cmd.exe', nocase: true },
        { type: 'term', field: 'process.executable', value: 'C:\\a b.exe', nocase: true },
      ],
    };
    expect(printQuery(ast)).toBe('process.executable|i:(*\\\\cmd.exe OR "C:\\\\a b.exe")');
    expect(parseQuery(printQuery(ast))).toEqual(ast);
  });

  it('prints the match-all query as empty text and refuses unwritable field names', () => {
    expect(printQuery({ type: 'all' })).toBe('');
    expect(printQuery({ type: 'and', children: [{ type: 'all' }, { type: 'exists', field: 'a' }] })).toBe('a:*');
    expect(() => printQuery({ type: 'exists', field: 'Service File Name' })).toThrow(/cannot be written/);
  });
});
