import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_KINDS, compileRule, locateProblems } from '../../src/detection/index.ts';

const located = (text: string) => {
  const r = compileRule(text, BUILTIN_RULE_KINDS);
  return r.ok ? [] : locateProblems(text, r.errors);
};

describe('locateProblems', () => {
  it('points a bad value at its line and column', () => {
    const text = 'id: bad-severity\ntitle: T\nseverity: loud\nquery: "x:1"\n';
    const [p] = located(text);
    expect(p).toMatchObject({ path: 'severity', line: 3, column: 11 });
  });

  it('points inside a nested block and a sequence item', () => {
    const text = ['id: nested', 'title: T', 'severity: high', 'sequence:', '  window: 10m', '  steps:', '    - query: "a:1"', '    - query: "b:(2"', ''].join('\n');
    const ps = located(text);
    const q = ps.find((p) => p.path === 'sequence.steps.1.query');
    expect(q).toBeDefined();
    expect(q!.line).toBe(8);
    expect(q!.column).toBeGreaterThanOrEqual(14);
  });

  it('puts a query syntax error at its column inside a one-line query', () => {
    const text = "id: q\ntitle: T\nseverity: low\nquery: 'host.name:(web'\n";
    const [p] = located(text);
    expect(p!.code).toBe('VIGIL_ERR_QUERY_SYNTAX');
    expect(p!.line).toBe(4);
    // The query starts after "query: '" (column 9); the error is at or after the "(".
    expect(p!.column).toBeGreaterThanOrEqual(9 + 'host.name:'.length);
    expect(p!.column).toBeLessThanOrEqual(text.split('\n')[3]!.length + 1);
  });

  it('points a missing key at its nearest parent', () => {
    const text = 'id: missing\ntitle: T\nseverity: high\nthreshold:\n  count: 5\n';
    const p = located(text).find((x) => x.path.startsWith('threshold'));
    expect(p).toBeDefined();
    expect(p!.line).toBeGreaterThanOrEqual(4);
  });

  it('keeps the position of YAML syntax errors', () => {
    const text = 'id: x\ntitle: [unclosed\n';
    const ps = located(text);
    expect(ps[0]!.code).toBe('VIGIL_ERR_MALFORMED_BODY');
    expect(ps[0]!.line).toBeGreaterThan(0);
  });
});
