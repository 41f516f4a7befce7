import { describe, it, expect } from 'vitest';
import { isIP as nodeIsIP } from 'node:net';
import fc from 'fast-check';
import { isIP, isIPv4, isIPv6, canonicalIP, ipValue } from '../../src/ip/index.ts';

describe('ip module: one strict grammar', () => {
  it('refuses leading zeros in IPv4 (readers disagree on 010: octal 8 or decimal 10)', () => {
    expect(isIP('010.1.2.3')).toBe(0);
    expect(isIP('1.2.3.04')).toBe(0);
    expect(isIP('0.0.0.0')).toBe(4);
    expect(isIP('10.1.2.3')).toBe(4);
    expect(isIP('255.255.255.255')).toBe(4);
    expect(isIP('256.1.1.1')).toBe(0);
    expect(isIP('1.2.3')).toBe(0);
    expect(isIP('1.2.3.4.5')).toBe(0);
    expect(isIP(' 1.2.3.4')).toBe(0);
  });

  it('takes RFC 4291 IPv6 text, without zone, brackets or prefix', () => {
    for (const ok of ['::', '::1', '1::', '2001:db8::1', '2001:DB8::1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '::ffff:1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '::1.2.3.4', 'fe80::1']) expect([ok, isIP(ok)]).toEqual([ok, 6]);
    for (const bad of [':', ':::', '1:::2', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '12345::1', 'fe80::1%eth0', '[::1]', '::1/128', '1:2:3:4:5:6:7:1.2.3.4', '::010.1.2.3', ':1::', '1::2:', 'g::1', '1:2:3:4:5:6:7:8::']) expect([bad, isIP(bad)]).toEqual([bad, 0]);
    expect(isIPv4('::1')).toBe(false);
    expect(isIPv6('1.2.3.4')).toBe(false);
  });

  it('agrees with node:net except where node is looser (zones)', () => {
    const samples = ['1.2.3.4', '010.1.2.3', '::', '2001:db8::1', 'fe80::1%eth0', '1::2::3', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8', 'x'];
    for (const s of samples) if (!s.includes('%')) expect([s, isIP(s)]).toEqual([s, nodeIsIP(s)]);
  });

  it('canonical text is what PostgreSQL prints for inet', () => {
    const cases: [string, string][] = [
      ['2001:DB8::1', '2001:db8::1'],
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['::', '::'],
      ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
      ['1:0:0:0:1:0:0:1', '1::1:0:0:1'],
      ['2001:db8:0:0:1:0:0:0', '2001:db8:0:0:1::'],
      ['1:2:3:4:5:6:7:0', '1:2:3:4:5:6:7:0'],
      ['1:0:3:4:5:6:7:8', '1:0:3:4:5:6:7:8'],
      ['::0.0.0.1', '::1'],
      ['::0.1.2.3', '::0.1.2.3'],
      ['::1.2.3.4', '::1.2.3.4'],
      ['0:0:0:0:0:FFFF:0102:0304', '::ffff:1.2.3.4'],
      ['::ffff:0:1.2.3.4', '::ffff:0:102:304'],
      ['::ffff:1:2', '::ffff:0.1.0.2'],
      ['1::1.2.3.4', '1::102:304'],
      ['10.0.0.1', '10.0.0.1'],
    ];
    for (const [input, want] of cases) expect([input, canonicalIP(input)]).toEqual([input, want]);
    expect(canonicalIP('010.1.2.3')).toBeNull();
    expect(canonicalIP('host')).toBeNull();
  });

  it('canonical text keeps the value and is a fixed point', () => {
    const word = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(fc.array(word, { minLength: 8, maxLength: 8 }), fc.boolean(), (words, upper) => {
        let text = words.map((w) => w.toString(16)).join(':');
        if (upper) text = text.toUpperCase();
        const c = canonicalIP(text)!;
        expect(c).not.toBeNull();
        expect(ipValue(c)).toEqual(ipValue(text));
        expect(canonicalIP(c)).toBe(c);
        expect(c).toBe(c.toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });

  it('numeric values', () => {
    expect(ipValue('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
    expect(ipValue('::1')).toEqual({ family: 6, value: 1n });
    expect(ipValue('::ffff:1.2.3.4')).toEqual({ family: 6, value: 0xffff01020304n });
    expect(ipValue('010.0.0.1')).toBeNull();
  });
});
