import { describe, it, expect } from 'vitest';
import { decodeTime } from 'ulid';
import { ulidFactory, encodeTime, newId } from '../../src/app/ids.ts';

describe('ids (ULID)', () => {
  it('are 26 Crockford base32 characters whose time part ulid decodes to the clock', () => {
    const t = 1_764_000_000_123;
    const id = ulidFactory(() => t)();
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeTime(id)).toBe(t);
    expect(encodeTime(t)).toBe(id.slice(0, 10));
    expect(decodeTime(newId())).toBeGreaterThan(Date.now() - 60_000);
  });

  it('strictly increase within one millisecond, across carries, and when the clock steps back', () => {
    let t = 1_764_000_000_000;
    const next = ulidFactory(() => t);
    let prev = next();
    // 1.2M ids in one millisecond cross the 20-bit low part at least once.
    for (let i = 0; i < 1_200_000; i++) {
      const id = next();
      if (!(id > prev)) throw new Error(`${id} after ${prev}`);
      prev = id;
    }
    t -= 5;
    const back = next();
    expect(back > prev).toBe(true);
    expect(decodeTime(back)).toBe(t + 5);
    t += 10;
    const later = next();
    expect(later > back).toBe(true);
    expect(decodeTime(later)).toBe(t);
  });

  it('differ between generators in the same millisecond (random part)', () => {
    const a = new Set(Array.from({ length: 1000 }, () => ulidFactory(() => 5)()));
    expect(a.size).toBe(1000);
  });
});
