import { describe, it, expect } from 'vitest';
import type { VigilEvent } from '@vigil/contracts';
import { parseQuery, compilePredicate, compileSql, EVENT_COLUMNS } from '../../src/query/index.ts';

const base = { id: '1', '@timestamp': '2026-01-01T00:00:00.000Z', 'event.ingested': '2026-01-01T00:00:00.000Z' };
const ev = (fields: Record<string, unknown>): VigilEvent => ({ ...base, message: '', ...fields }) as VigilEvent;
const matches = (q: string, e: VigilEvent): boolean => compilePredicate(parseQuery(q))(e);

describe('compilePredicate', () => {
  it('lets "." match a newline in regexes, as PostgreSQL ~ does', () => {
    expect(matches('message:/one.two/', ev({ message: 'one\ntwo' }))).toBe(true);
    expect(matches('message:/^one.two$/', ev({ message: 'one\ntwo' }))).toBe(true);
  });

  it('counts "?" as one code point, as SQLite GLOB/LIKE and PostgreSQL LIKE do', () => {
    expect(matches('f?o', ev({ message: 'f\u{1F600}o' }))).toBe(true);
    expect(matches('host.name:f?o', ev({ 'host.name': 'f\u{1F600}o' }))).toBe(true);
    expect(matches('host.name:f??o', ev({ 'host.name': 'f\u{1F600}o' }))).toBe(false);
  });

  it('orders text by code point', () => {
    expect(matches('label.name:>\uFF01', ev({ 'label.name': '\u{1F600}' }))).toBe(true);
    expect(matches('label.name:<\uFF01', ev({ 'label.name': '\u{1F600}' }))).toBe(false);
  });

  it('never sees Object.prototype members as fields', () => {
    const plain = ev({});
    for (const q of ['constructor:*', 'toString:*', 'hasOwnProperty:[* TO *]', 'valueOf:"function valueOf() { [native code] }"']) expect(matches(q, plain)).toBe(false);
    expect(matches('constructor:*', ev({ constructor: 'x' }))).toBe(true);
  });

  it('does not stall on wildcards that make a backtracking regex explode', () => {
    const e = ev({ message: 'a'.repeat(20_000), 'host.name': 'a'.repeat(20_000) });
    const t0 = performance.now();
    expect(matches('a*a*a*a*a*b', e)).toBe(false);
    expect(matches('host.name:*a*a*a*a*a*b', e)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(300);
  });
});

describe('compileSql', () => {
  it('does not take Object.prototype members for hot columns', () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const { where } = compileSql(parseQuery('constructor:* OR toString:x'), { dialect, columns: EVENT_COLUMNS, doc: 'doc' });
      expect(where).not.toContain('undefined');
    }
  });
});
