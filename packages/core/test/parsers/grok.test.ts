import { describe, expect, it } from 'vitest';
import { isVigilError } from '@vigil/contracts';
import { compileGrok, GROK_PATTERNS, grokParser, registerParser, unregisterParser } from '../../src/parsers/index.ts';
import { parse } from './helpers.ts';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isVigilError(e) ? e.code : 'not-vigil';
  }
  return undefined;
}

describe('compileGrok', () => {
  it('captures named patterns into dotted fields with types', () => {
    const g = compileGrok('%{IP:source.ip} %{USERNAME:user.name} \\[%{HTTPDATE:ts}\\] %{WORD:http.request.method} %{INT:http.response.status_code:int} %{NUMBER:took:float} %{GREEDYDATA:rest}');
    expect(g.match('192.0.2.1 alice [14/May/2024:08:15:27 +0000] GET 404 0.25 the end')).toEqual({
      'source.ip': '192.0.2.1',
      'user.name': 'alice',
      ts: '14/May/2024:08:15:27 +0000',
      'http.request.method': 'GET',
      'http.response.status_code': 404,
      took: 0.25,
      rest: 'the end',
    });
    expect(g.fields).toContain('source.ip');
    expect(g.match('no match here')).toBeNull();
  });

  it('supports the usual library names', () => {
    for (const name of ['IP', 'IPV4', 'IPV6', 'HOSTNAME', 'WORD', 'NOTSPACE', 'DATA', 'GREEDYDATA', 'INT', 'NUMBER', 'QS', 'USERNAME', 'SYSLOGTIMESTAMP', 'HTTPDATE', 'TIMESTAMP_ISO8601', 'COMBINEDAPACHELOG']) {
      expect(GROK_PATTERNS[name], name).toBeDefined();
      expect(() => compileGrok(`%{${name}}`)).not.toThrow();
    }
    expect(compileGrok('^%{IPV6:a}$').match('2001:db8::ff00:42:8329')).toEqual({ a: '2001:db8::ff00:42:8329' });
    expect(compileGrok('%{QS:q}').match('say "hi \\" there" now')).toEqual({ q: '"hi \\" there"' });
    expect(compileGrok('%{SYSLOGTIMESTAMP:t}').match('May  4 08:15:27 x')).toEqual({ t: 'May  4 08:15:27' });
  });

  it('accepts user patterns and inline named groups', () => {
    const g = compileGrok('%{TICKET:ticket.id} (?<ticket.prio:int>\\d)', { TICKET: 'T-%{INT}' });
    expect(g.match('opened T-42 3')).toEqual({ 'ticket.id': 'T-42', 'ticket.prio': 3 });
  });

  it('rejects bad patterns with coded errors', () => {
    expect(code(() => compileGrok('%{NOPE}'))).toBe('VIGIL_ERR_VALIDATION');
    expect(code(() => compileGrok('%{IP:bad field}'))).toBe('VIGIL_ERR_VALIDATION');
    expect(code(() => compileGrok('%{INT:x:hex}'))).toBe('VIGIL_ERR_VALIDATION');
    expect(code(() => compileGrok('%{A}', { A: '%{B}', B: '%{A}' }))).toBe('VIGIL_ERR_VALIDATION');
    expect(code(() => compileGrok(''))).toBe('VIGIL_ERR_VALIDATION');
    expect(code(() => compileGrok('x'.repeat(20_000)))).toBe('VIGIL_ERR_VALIDATION');
    expect(code(() => compileGrok('(unclosed'))).toBe('VIGIL_ERR_PARSE');
    expect(code(() => compileGrok('%{IP'))).toBe('VIGIL_ERR_PARSE');
    expect(code(() => compileGrok('a(?=b)'))).toBe('VIGIL_ERR_PARSE');
    expect(code(() => compileGrok('(a)\\1'))).toBe('VIGIL_ERR_PARSE');
  });

  it('matches in linear time (no catastrophic backtracking)', () => {
    const g = compileGrok('^(a+)+$');
    const t = performance.now();
    expect(g.match(`${'a'.repeat(50_000)}!`)).toBeNull();
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('grokParser', () => {
  it('registers a custom rule as a body parser', () => {
    registerParser(grokParser({ name: 'rule-shop', pattern: 'order %{INT:shop.order:int} by %{USERNAME:user.name} from %{IP:source.ip}', dataset: 'shop.orders', appnames: ['shopd'], add: { 'event.category': 'web' } }));
    try {
      expect(parse('<13>May 14 08:15:27 app1 shopd[9]: order 77 by alice from 198.51.100.2')).toMatchObject({ 'event.dataset': 'shop.orders', 'shop.order': 77, 'user.name': 'alice', 'source.ip': '198.51.100.2', 'event.category': 'web', 'host.name': 'app1' });
      expect(parse('<13>May 14 08:15:27 app1 other[9]: order 77 by alice from 198.51.100.2')['event.dataset']).toBe('syslog');
    } finally {
      unregisterParser('rule-shop');
    }
  });

  it('turns a captured timestamp into @timestamp', () => {
    const p = grokParser({ name: 'rule-ts', pattern: '^%{TIMESTAMP_ISO8601:timestamp} %{GREEDYDATA:message}', dataset: 'x' });
    expect(p.parse('2024-05-14T08:15:27Z hello', { receivedAt: 0 })?.fields).toMatchObject({ '@timestamp': '2024-05-14T08:15:27.000Z', message: 'hello', 'rule-ts.timestamp': '2024-05-14T08:15:27Z' });
  });
});
