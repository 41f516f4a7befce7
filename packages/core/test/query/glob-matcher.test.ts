import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileGlob } from '../../src/query/glob-matcher.ts';
import { LIT_STAR } from '../../src/query/values.ts';

/** Reference: dynamic programming over code points. */
function reference(pattern: string, text: string, anchored: boolean): boolean {
  const p = Array.from(anchored ? pattern : `*${pattern}*`);
  const t = Array.from(text);
  let row = new Array<boolean>(t.length + 1).fill(false);
  row[0] = true;
  for (const c of p) {
    const next = new Array<boolean>(t.length + 1).fill(false);
    if (c === '*') {
      for (let j = 0; j <= t.length; j++) next[j] = row[j] || (j > 0 && next[j - 1]);
    } else {
      for (let j = 1; j <= t.length; j++) next[j] = row[j - 1] && (c === '?' || (c === LIT_STAR ? t[j - 1] === '*' : c === t[j - 1]));
    }
    row = next;
  }
  return row[t.length];
}

const chars = fc.constantFrom('a', 'b', '\u{1F600}', '\n', '*');

describe('compileGlob', () => {
  it('agrees with the reference matcher, counting ? as one code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '*', '?', '\u{1F600}', LIT_STAR), maxLength: 8 }), fc.string({ unit: chars, maxLength: 12 }), fc.boolean(), (pattern, text, anchored) => {
        expect(compileGlob(pattern, anchored)(text)).toBe(reference(pattern, text, anchored));
      }),
      { numRuns: 3000 },
    );
  });

  it('runs in linear time on patterns that make a backtracking regex explode', () => {
    const text = 'a'.repeat(20_000);
    for (const [pattern, anchored] of [['*a*a*a*a*a*a*b', true], ['a*a*a*a*a*a*b', false], ['*a?a*a?a*b', true]] as const) {
      const t0 = performance.now();
      expect(compileGlob(pattern, anchored)(text)).toBe(false);
      expect(performance.now() - t0).toBeLessThan(200);
    }
  });
});
