import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILTIN_RULE_KINDS, compileRule } from '../../src/detection/index.ts';

const doc = readFileSync(resolve(import.meta.dirname, '../../../../docs/rules.md'), 'utf8');
const examples = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/rules.md', () => {
  it('has an example for every built-in kind', () => {
    for (const kind of [...BUILTIN_RULE_KINDS.keys()].filter((k) => k !== 'match')) expect(examples.some((e) => e.includes(`${kind}:`))).toBe(true);
  });
  it.each(examples.map((e, i) => [i, e]))('example %i compiles', (_i, yaml) => {
    const r = compileRule(yaml, BUILTIN_RULE_KINDS);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });
});
