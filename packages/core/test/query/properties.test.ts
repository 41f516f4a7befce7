import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { VigilEvent } from '@vigil/contracts';
import { parseQuery, compilePredicate, type QueryNode } from '../../src/query/index.ts';
import { isVigilError } from '@vigil/contracts';

const events: VigilEvent[] = Array.from({ length: 300 }, (_, i) => ({
  id: String(i),
  '@timestamp': new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  'event.ingested': new Date(Date.UTC(2026, 0, 2)).toISOString(),
  message: ['Failed password', 'accepted KEY', 'disk 95% full', 'GET /a_b'][i % 4]!,
  ...(i % 5 ? { 'event.dataset': ['sshd', 'nginx', 'asa'][i % 3] } : {}),
  'vigil.severity': ['info', 'low', 'medium', 'high', 'critical'][i % 5],
  ...(i % 7 ? { 'source.ip': i % 2 ? `10.0.${i % 3}.${i}` : `2001:db8::${i.toString(16)}` } : {}),
  'destination.port': [22, 80, 443, 8080][i % 4],
  tags: i % 3 ? ['a', 'b'] : ['c'],
}));

const atom = fc.oneof(
  fc.constantFrom('event.dataset:sshd', 'event.dataset:nginx', 'source.ip:10.0.0.0/16', 'source.ip:2001:db8::/64', 'destination.port:>=443', 'destination.port:[22 TO 80]', 'vigil.severity:>=high', 'failed', '"disk 95%"', 'tags:a', 'source.ip:*', 'host.name:*', 'event.dataset:/^ss/', 'event.dataset:ng*', 'event.dataset|i:SSHD', 'event.dataset|i:NG*', 'tags:(a OR b)', 'tags|i:(A AND b)'),
);
const query: fc.Arbitrary<string> = fc.letrec((tie) => ({
  q: fc.oneof({ depthSize: 'small', withCrossShrink: true }, atom, fc.tuple(tie('q'), tie('q')).map(([a, b]) => `(${a}) AND (${b})`), fc.tuple(tie('q'), tie('q')).map(([a, b]) => `(${a}) OR (${b})`), tie('q').map((a) => `NOT (${a})`)),
})).q as fc.Arbitrary<string>;

const ids = (q: string | QueryNode) => {
  const p = compilePredicate(typeof q === 'string' ? parseQuery(q) : q);
  return new Set(events.filter(p).map((e) => e.id));
};

describe('query properties', () => {
  it('NOT q is the complement of q', () => {
    fc.assert(fc.property(query, (q) => {
      const a = ids(q);
      const n = ids(`NOT (${q})`);
      expect(a.size + n.size).toBe(events.length);
      for (const id of a) expect(n.has(id)).toBe(false);
    }), { numRuns: 200 });
  });

  it('a AND b is a subset of a, and a OR b a superset', () => {
    fc.assert(fc.property(query, query, (a, b) => {
      const sa = ids(a);
      for (const id of ids(`(${a}) AND (${b})`)) expect(sa.has(id)).toBe(true);
      const or = ids(`(${a}) OR (${b})`);
      for (const id of sa) expect(or.has(id)).toBe(true);
    }), { numRuns: 200 });
  });

  it('double negation changes nothing', () => {
    fc.assert(fc.property(query, (q) => {
      expect(ids(`NOT NOT (${q})`)).toEqual(ids(q));
    }), { numRuns: 100 });
  });

  it('parse never throws anything but a coded syntax error', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
      try {
        compilePredicate(parseQuery(s));
      } catch (e) {
        expect(isVigilError(e)).toBe(true);
      }
    }), { numRuns: 2000 });
  });
});
