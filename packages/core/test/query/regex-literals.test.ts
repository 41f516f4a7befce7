import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VigilEvent } from '@vigil/contracts';
import { compilePredicate, compileRe2 } from '../../src/query/predicate.ts';
import { literalAlternatives } from '../../src/query/regex-literals.ts';

const ev = (v: unknown): VigilEvent => ({ id: '1', '@timestamp': '2026-01-01T00:00:00.000Z', 'event.ingested': '2026-01-01T00:00:00.000Z', message: '', 'url.path': v }) as VigilEvent;

describe('regexes that are literal alternations', () => {
  it('recognises plain and escaped-punctuation literals only', () => {
    expect(literalAlternatives('\\.env|wp-login|admin\\/config')).toEqual(['.env', 'wp-login', 'admin/config']);
    expect(literalAlternatives('xmrig')).toEqual(['xmrig']);
    expect(literalAlternatives('a|')).toEqual(['a', '']);
    for (const p of ['a+', '^a', 'a$', 'a.b', '(a|b)', '[ab]', 'a{2}', '\\d', '\\bword', '(?i)admin', 'a\\', '\\x41', '\ud83d\ude00']) expect(literalAlternatives(p), p).toBeNull();
  });

  it('match exactly what RE2 matches', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', '.', '/', '-', '|', '\\', '*', '(', ')', 'é', '\n', ' ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }).map((a) => a.join('')), fc.array(fc.constantFrom('a', 'b', 'A', '.', '/', '-', 'é', '\n', ' ', '|'), { maxLength: 12 }).map((a) => a.join('')), (pattern, text) => {
        let re;
        try {
          re = compileRe2(pattern);
        } catch {
          return;
        }
        const p = compilePredicate({ type: 'regex', field: 'url.path', pattern });
        expect(p(ev(text)), `/${pattern}/ on ${JSON.stringify(text)}`).toBe(re.test(text));
        expect(p(ev([1, text]))).toBe(re.test(text));
      }),
      { numRuns: 3000 },
    );
  });
});
