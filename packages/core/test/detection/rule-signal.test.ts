import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoTime } from '../../src/detection/rule-signal.ts';

describe('signal times', () => {
  it('writes every instant as Date#toISOString does', () => {
    for (const ms of [0, 1, 999, 86_399_999, 86_400_000, Date.UTC(2026, 11, 31, 23, 59, 59, 999), 253_402_300_799_999, 253_402_300_800_000, -1, 1.5, -62_198_755_200_000]) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
    fc.assert(fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 5000 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 5000 });
  });
});
