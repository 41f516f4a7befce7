import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareCodePoints } from '../../src/query/text-order.ts';

describe('compareCodePoints', () => {
  it('orders like the UTF-8 bytes (SQLite BINARY, PostgreSQL COLLATE "C")', () => {
    const unit = fc.oneof(fc.constantFrom('a', '\uFF01', '\uE000', '\uD7FF', '\u{1F600}', '\u{10FFFF}'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 6 }), fc.string({ unit, maxLength: 6 }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
      { numRuns: 3000 },
    );
  });
});
