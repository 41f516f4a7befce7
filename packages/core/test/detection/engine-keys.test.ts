import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VigilEvent } from '@vigil/contracts';
import { eventTime } from '../../src/detection/event-time.ts';
import { engineKey, engineKeyOf, groupKeyOf, publicKey } from '../../src/detection/group-key.ts';

const scalar = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('[', '["x"]', '[5]', '', '"', '\\', '\u2028'), fc.integer(), fc.boolean());

describe('engine group keys', () => {
  it('map one-to-one onto the JSON group keys signals and checkpoints carry', () => {
    fc.assert(fc.property(fc.array(scalar, { minLength: 1, maxLength: 3 }), fc.array(scalar, { minLength: 1, maxLength: 3 }), (a, b) => {
      const fields = a.map((_, i) => `f${i}`);
      const ev = Object.fromEntries(a.map((v, i) => [`f${i}`, v])) as unknown as VigilEvent;
      const key = engineKeyOf(ev, fields)!;
      expect(publicKey(key)).toBe(groupKeyOf(ev, fields));
      expect(engineKey(publicKey(key))).toBe(key);
      // Distinct values never share an engine key (same field count, as within one rule).
      if (b.length === a.length) {
        const ev2 = Object.fromEntries(b.map((v, i) => [`f${i}`, v])) as unknown as VigilEvent;
        expect(engineKeyOf(ev2, fields) === key).toBe(groupKeyOf(ev2, fields) === groupKeyOf(ev, fields));
      }
    }), { numRuns: 3000 });
    expect(engineKeyOf({ ip: '10.0.0.1' } as unknown as VigilEvent, ['ip'])).toBe('10.0.0.1');
    expect(engineKeyOf({ ip: '[x' } as unknown as VigilEvent, ['ip'])).toBe('["[x"]');
    expect(engineKeyOf({} as unknown as VigilEvent, [])).toBe('[]');
    expect(engineKey('not json')).toBe('not json');
  });
});

describe('event time', () => {
  it('reads every @timestamp as Date.parse does', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const iso = fc.tuple(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), two(13), two(32), two(25), two(61), two(61), fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    const mutated = fc.tuple(iso, fc.nat(23), fc.constantFrom('x', 't', ' ', '+', '9', '0', ':', 'z')).map(([t, i, c]) => t.slice(0, i) + c + t.slice(i + 1));
    fc.assert(fc.property(fc.oneof(iso, mutated, fc.string(), fc.integer().map((n) => new Date(n * 1000).toISOString())), (text) => {
      expect(Object.is(eventTime(text), Date.parse(text)), text).toBe(true);
    }), { numRuns: 20_000 });
    for (const t of ['2026-12-01T24:00:00.000Z', '2026-02-30T10:00:00.250Z', '2026-12-01T10:00:00Z', '2026-12-01 10:00:00.000Z']) expect(Object.is(eventTime(t), Date.parse(t)), t).toBe(true);
    expect(eventTime(undefined)).toBeNaN();
  });
});
