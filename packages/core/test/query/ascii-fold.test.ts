/**
 * Text search folds ASCII case only: `asciiFoldIncludes` (one regex, no folding of the text) answers
 * exactly what folding both sides and `includes` answers, on random strings full of letters in both
 * cases, regex metacharacters, non-ASCII letters whose case must not fold, and astral characters.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { asciiFoldIncludes, asciiLower } from '../../src/query/values.ts';

const ALPHABET = ['a', 'A', 'b', 'B', 'z', 'Z', 'é', 'É', 'ß', 'ſ', 'K', '\u212A', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '\\', '/', '^', '$', '-', ' ', '\n', '😀', '0'];
const str = (max: number) => fc.array(fc.constantFrom(...ALPHABET), { maxLength: max }).map((xs) => xs.join(''));

describe('asciiFoldIncludes', () => {
  it('equals asciiLower(text).includes(asciiLower(needle)) on random strings', () => {
    fc.assert(
      fc.property(str(4), str(12), (needle, text) => {
        expect(asciiFoldIncludes(needle)(text)).toBe(asciiLower(text).includes(asciiLower(needle)));
      }),
      { numRuns: 5000 },
    );
  });

  it('finds planted needles in any ASCII case, and leaves other letters alone', () => {
    expect(asciiFoldIncludes('password')('Failed PassWord for root')).toBe(true);
    expect(asciiFoldIncludes('a.b')('xA.By')).toBe(true);
    expect(asciiFoldIncludes('a.b')('aXb')).toBe(false);
    expect(asciiFoldIncludes('élan')('ÉLAN')).toBe(false);
    expect(asciiFoldIncludes('k')('\u212A')).toBe(false);
    expect(asciiFoldIncludes('')('anything')).toBe(true);
  });
});
