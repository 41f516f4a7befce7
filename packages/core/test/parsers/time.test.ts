/**
 * The shared time helpers against the platform's own: `toIso` prints what `Date#toISOString` prints,
 * whatever the order of calls (it reuses the previous call's second).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toIso } from '../../src/parsers/shared/time.ts';

const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

describe('toIso', () => {
  it('prints what Date#toISOString prints, for any instant in years 0-9999 and any order of calls', () => {
    const min = new Date('0000-01-01T00:00:00.000Z').getTime();
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min, max: MAX }), fc.double({ min, max: MAX, noNaN: true })), { minLength: 1, maxLength: 20 }), (list) => {
        for (const ms of list) expect(toIso(ms)).toBe(new Date(Math.floor(ms)).toISOString());
      }),
      { numRuns: 500 },
    );
  });

  it('changes the milliseconds within one second and the second across a boundary', () => {
    const base = Date.parse('2024-05-14T08:15:27.000Z');
    expect(toIso(base + 5)).toBe('2024-05-14T08:15:27.005Z');
    expect(toIso(base + 999)).toBe('2024-05-14T08:15:27.999Z');
    expect(toIso(base + 1000)).toBe('2024-05-14T08:15:28.000Z');
    expect(toIso(base - 1)).toBe('2024-05-14T08:15:26.999Z');
    expect(toIso(-1)).toBe('1969-12-31T23:59:59.999Z');
    // A fraction below zero is still the millisecond before the epoch (it printed ".0-1Z" once).
    expect(toIso(-5e-324)).toBe('1969-12-31T23:59:59.999Z');
  });

  it('goes through Date outside years 0-9999 and answers the epoch for non-finite input', () => {
    expect(toIso(MAX + 1)).toBe(new Date(MAX + 1).toISOString());
    expect(toIso(8.64e15)).toBe('+275760-09-13T00:00:00.000Z');
    expect(toIso(Number.NaN)).toBe('1970-01-01T00:00:00.000Z');
    expect(toIso(Number.POSITIVE_INFINITY)).toBe('1970-01-01T00:00:00.000Z');
  });
});
