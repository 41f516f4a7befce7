import { describe, it, expect } from 'vitest';
import { finalizeEvent } from '../../src/normalize/index.ts';
import { parseQuery, compilePredicate } from '../../src/query/index.ts';

const ctx = { id: 'e1', receivedAt: Date.parse('2026-01-01T00:00:00Z'), input: 'http' as const };

describe('IP fields are stored in canonical text', () => {
  it('hot and document IP fields, lists item by item; non-addresses are kept aside or as sent', () => {
    const e = finalizeEvent({ message: 'm', 'source.ip': '2001:DB8:0:0::1', 'destination.ip': '010.1.2.3', 'host.ip': ['FE80::0:1', 'not-ip'], 'observer.ip': '0:0:0:0:0:0:0:1' }, ctx);
    expect(e['source.ip']).toBe('2001:db8::1');
    expect(e['destination.ip']).toBeUndefined();
    expect(e['vigil.invalid.destination.ip']).toBe('010.1.2.3');
    expect(e['host.ip']).toEqual(['fe80::1', 'not-ip']);
    expect(e['observer.ip']).toBe('::1');
  });

  it('so an upper-case query finds the stored address once the query side canonicalises too', () => {
    const e = finalizeEvent({ message: 'm', 'source.ip': '2001:DB8::1' }, ctx);
    expect(compilePredicate(parseQuery('source.ip:"2001:db8::1"'))(e)).toBe(true);
    expect(compilePredicate(parseQuery('source.ip:2001:db8::/32'))(e)).toBe(true);
  });
});
