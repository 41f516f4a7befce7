import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { IPV4_PATTERN, IPV6_PATTERN } from '../../src/query/ip-patterns.ts';
import { isIP } from '../../src/ip/index.ts';

const V4 = new RegExp(`^${IPV4_PATTERN}$`);
const V6 = new RegExp(`^${IPV6_PATTERN}$`);
const family = (t: string): 0 | 4 | 6 => (V4.test(t) ? 4 : V6.test(t) ? 6 : 0);

const hexGroup = fc.stringMatching(/^[0-9a-fA-F]{1,5}$/);
const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '010', ''));
const v4Text = fc.array(octet, { minLength: 2, maxLength: 5 }).map((os) => os.join('.'));
const v6Text = fc
  .tuple(fc.array(hexGroup, { maxLength: 9 }), fc.integer({ min: -1, max: 9 }), fc.boolean(), v4Text, fc.constantFrom('', ':', '::'))
  .map(([groups, gap, tail, v4, extra]) => {
    const parts = [...groups];
    if (gap >= 0 && gap <= parts.length) parts.splice(gap, 0, '');
    let text = parts.join(':');
    if (tail) text += (text.endsWith(':') ? '' : ':') + v4;
    return text + extra;
  });

describe('IP patterns (shared with PostgreSQL vigil_try_inet)', () => {
  it('accept exactly what isIP accepts, on edge cases', () => {
    const cases = ['10.1.2.3', '010.1.2.3', '0.0.0.0', '256.0.0.1', '::', '::1', '1::', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '1:2:3:4:5:6:7::8', '1::2::3', ':::', '1:2:3:4:5::1.2.3.4', '1:2:3:4:5:6::1.2.3.4', 'fe80::1%eth0', '12345::'];
    for (const t of cases) expect({ t, family: family(t) }).toEqual({ t, family: isIP(t) });
  });

  it('accept exactly what isIP accepts, on generated near-misses', () => {
    fc.assert(
      fc.property(fc.oneof(v4Text, v6Text, fc.string({ unit: fc.constantFrom('0', '1', 'f', 'F', ':', '.', '/', '%'), maxLength: 24 })), (t) => {
        expect(family(t)).toBe(isIP(t));
      }),
      { numRuns: 5000 },
    );
  });
});
