import { describe, expect, it } from 'vitest';
import { parseCondition, SigmaConditionError } from '../../src/sigma/condition.ts';
import type { SigmaExpr } from '../../src/sigma/sigma-expr.ts';

const id = (name: string): SigmaExpr => ({ op: 'match', field: name, values: [], all: false, cased: false });
const searches = new Map(['sel', 'sel_a', 'sel_b', 'filter', 'filter_x', '_hidden'].map((n) => [n, id(n)]));

/** A compact form of an expression for assertions. */
function show(e: SigmaExpr): string {
  switch (e.op) {
    case 'and':
      return `(${e.items.map(show).join(' & ')})`;
    case 'or':
      return `(${e.items.map(show).join(' | ')})`;
    case 'not':
      return `!${show(e.item)}`;
    case 'match':
      return e.field ?? '?';
    case 'true':
      return 'T';
  }
}

describe('Sigma condition grammar', () => {
  it('binds not tighter than and, and than or', () => {
    expect(show(parseCondition('sel or sel_a and not filter', searches))).toBe('(sel | (sel_a & !filter))');
    expect(show(parseCondition('(sel or sel_a) and not (filter or filter_x)', searches))).toBe('((sel | sel_a) & !(filter | filter_x))');
    expect(show(parseCondition('not not sel', searches))).toBe('!!sel');
  });

  it('expands 1 of / all of / any of with wildcards and them', () => {
    expect(show(parseCondition('1 of sel_*', searches))).toBe('(sel_a | sel_b)');
    expect(show(parseCondition('all of sel*', searches))).toBe('(sel & sel_a & sel_b)');
    expect(show(parseCondition('any of filter*', searches))).toBe('(filter | filter_x)');
    expect(show(parseCondition('all of them', searches))).toBe('(sel & sel_a & sel_b & filter & filter_x)');
    expect(show(parseCondition('1 of sel_* and not 1 of filter*', searches))).toBe('((sel_a | sel_b) & !(filter | filter_x))');
  });

  it('supports N of M', () => {
    expect(show(parseCondition('2 of sel*', searches))).toBe('((sel & sel_a) | (sel & sel_b) | (sel_a & sel_b))');
  });

  it('keeps identifiers starting with _ out of them, but not out of explicit names', () => {
    expect(show(parseCondition('1 of them', searches))).not.toContain('_hidden');
    expect(show(parseCondition('sel and _hidden', searches))).toBe('(sel & _hidden)');
  });

  it('reports the column of an error', () => {
    const cases: [string, RegExp, number][] = [
      ['sel and nope', /unknown search identifier 'nope'/, 9],
      ['sel and', /ends unexpectedly/, 8],
      ['(sel', /expected '\)'/, 5],
      ['1 of zzz*', /matches no search identifier/, 10],
      ['sel | count() by x > 5', /deprecated/, 5],
      ['', /empty/, 1],
    ];
    for (const [text, message, column] of cases) {
      let err: unknown;
      try {
        parseCondition(text, searches);
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(SigmaConditionError);
      expect((err as Error).message, text).toMatch(message);
      expect((err as SigmaConditionError).column, text).toBe(column);
    }
  });
});
