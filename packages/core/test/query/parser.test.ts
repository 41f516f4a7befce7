import { describe, it, expect } from 'vitest';
import { parseQuery } from '../../src/query/index.ts';
import { VigilError } from '@vigil/contracts';

function err(q: string): VigilError {
  try {
    parseQuery(q);
  } catch (e) {
    return e as VigilError;
  }
  throw new Error(`expected ${q} to fail`);
}

describe('parseQuery', () => {
  it('parses the empty query as match-all', () => {
    expect(parseQuery('')).toEqual({ type: 'all' });
    expect(parseQuery('   ')).toEqual({ type: 'all' });
  });

  it('parses every construct', () => {
    expect(parseQuery('event.dataset:sshd')).toEqual({ type: 'term', field: 'event.dataset', value: 'sshd' });
    expect(parseQuery('user.name:"John Smith"')).toEqual({ type: 'term', field: 'user.name', value: 'John Smith' });
    expect(parseQuery('host.name:web-*')).toEqual({ type: 'wildcard', field: 'host.name', pattern: 'web-*' });
    expect(parseQuery('url.original:/\\/api\\/v[0-9]+/')).toEqual({ type: 'regex', field: 'url.original', pattern: '/api/v[0-9]+' });
    expect(parseQuery('http.response.status_code:>=400')).toEqual({ type: 'compare', field: 'http.response.status_code', op: '>=', value: '400' });
    expect(parseQuery('destination.port:[1000 TO 2000}')).toEqual({ type: 'range', field: 'destination.port', lo: '1000', hi: '2000', loInclusive: true, hiInclusive: false });
    expect(parseQuery('destination.port:[* TO 80]')).toMatchObject({ lo: null, hi: '80' });
    expect(parseQuery('source.ip:10.0.0.0/8')).toEqual({ type: 'cidr', field: 'source.ip', cidr: '10.0.0.0/8' });
    expect(parseQuery('source.ip:2001:db8::/32')).toEqual({ type: 'cidr', field: 'source.ip', cidr: '2001:db8::/32' });
    expect(parseQuery('source.ip:2001:db8::1')).toEqual({ type: 'term', field: 'source.ip', value: '2001:db8::1' });
    expect(parseQuery('user.name:*')).toEqual({ type: 'exists', field: 'user.name' });
    expect(parseQuery('error')).toEqual({ type: 'text', value: 'error', wildcard: false });
    expect(parseQuery('"connection refused"')).toEqual({ type: 'text', value: 'connection refused', wildcard: false });
    expect(parseQuery('fail*')).toEqual({ type: 'text', value: 'fail*', wildcard: true });
    expect(parseQuery('@timestamp:>=2026-01-01T00:00:00Z')).toMatchObject({ type: 'compare', field: '@timestamp', value: '2026-01-01T00:00:00Z' });
  });

  it('binds NOT tighter than AND, and AND tighter than OR; juxtaposition is AND', () => {
    expect(parseQuery('a:1 OR b:2 AND NOT c:3')).toEqual({
      type: 'or',
      children: [
        { type: 'term', field: 'a', value: '1' },
        { type: 'and', children: [{ type: 'term', field: 'b', value: '2' }, { type: 'not', child: { type: 'term', field: 'c', value: '3' } }] },
      ],
    });
    expect(parseQuery('a:1 b:2')).toEqual({ type: 'and', children: [{ type: 'term', field: 'a', value: '1' }, { type: 'term', field: 'b', value: '2' }] });
    expect(parseQuery('(a:1 OR b:2) c:3')).toMatchObject({ type: 'and', children: [{ type: 'or' }, { type: 'term' }] });
  });

  it('keeps escaped characters literal', () => {
    expect(parseQuery('file.name:a\\*b')).toEqual({ type: 'term', field: 'file.name', value: 'a*b' });
    expect(parseQuery('msg:a\\ b')).toEqual({ type: 'term', field: 'msg', value: 'a b' });
    expect(parseQuery('"say \\"hi\\""')).toEqual({ type: 'text', value: 'say "hi"', wildcard: false });
  });

  it('points errors at the column', () => {
    expect(err('source.ip:').details).toMatchObject({ column: 11 });
    expect(err('source.ip:').message).toMatch(/expected a value after "source.ip:" at column 11/);
    expect(err('a:1 AND (b:2').message).toMatch(/expected "\)" to close the "\(" at column 9/);
    expect(err('a:1 )').details).toMatchObject({ column: 5 });
    expect(err('"open').message).toMatch(/unterminated quoted string/);
    expect(err('x:/abc').message).toMatch(/unterminated regular expression/);
    expect(err('x:[1 TO').message).toMatch(/range bound/);
    expect(err('OR a:1').message).toMatch(/expected a term before OR at column 1/);
    expect(err('a:1 AND').message).toMatch(/query ended/);
    expect(err('@timestamp:>=yesterday').message).toMatch(/not a time/);
    expect(err('()').code).toBe('VIGIL_ERR_QUERY_SYNTAX');
  });

  it('parses the |i modifier and value groups', () => {
    expect(parseQuery('user.name|i:Admin')).toEqual({ type: 'term', field: 'user.name', value: 'Admin', nocase: true });
    expect(parseQuery('process.command_line|i:*powershell*')).toEqual({ type: 'wildcard', field: 'process.command_line', pattern: '*powershell*', nocase: true });
    expect(parseQuery('user.name|i:*')).toEqual({ type: 'exists', field: 'user.name' });
    expect(parseQuery('tags:(a OR b*)')).toEqual({ type: 'or', children: [{ type: 'term', field: 'tags', value: 'a' }, { type: 'wildcard', field: 'tags', pattern: 'b*' }] });
    expect(parseQuery('tags|i:(a AND "b c")')).toEqual({ type: 'and', children: [{ type: 'term', field: 'tags', value: 'a', nocase: true }, { type: 'term', field: 'tags', value: 'b c', nocase: true }] });
    expect(parseQuery('tags:(a NOT (b OR c))')).toMatchObject({ type: 'and', children: [{ type: 'term' }, { type: 'not', child: { type: 'or' } }] });
    expect(parseQuery('source.ip:(10.0.0.0/8 OR 2001:db8::1)')).toEqual({ type: 'or', children: [{ type: 'cidr', field: 'source.ip', cidr: '10.0.0.0/8' }, { type: 'term', field: 'source.ip', value: '2001:db8::1' }] });
    expect(parseQuery('port:(>1 AND <5) x:1')).toMatchObject({ type: 'and', children: [{ type: 'and' }, { type: 'term', field: 'x' }] });
  });

  it('parses |fieldref (field to field) and refuses a value that is not a field name', () => {
    expect(parseQuery('process.parent.executable|fieldref:process.executable')).toEqual({ type: 'fieldref', field: 'process.parent.executable', other: 'process.executable' });
    expect(parseQuery('NOT a|fieldref:"b"')).toEqual({ type: 'not', child: { type: 'fieldref', field: 'a', other: 'b' } });
    for (const q of ['a|fieldref:b*', 'a|fieldref:"b c"', 'a|fieldref:>3', 'a|fieldref:/x/', 'a|i|fieldref:b']) expect(() => parseQuery(q), q).toThrow(/fieldref/);
  });

  it('answers a coded error with a hint where a query would silently match nothing', () => {
    const cases: Array<[string, RegExp]> = [
      ['source.ip:10.0.0.0/33', /prefix length .* 0 to 32/],
      ['x.ip:2001:db8::/129', /0 to 128/],
      ['source.ip:300.1.1.1', /not an IP address/],
      ['destination.ip:"10.1.2"', /not an IP address/],
      ['_exists_:user.name', /use user\.name:\*/],
      ['_missing_:user.name', /use NOT user\.name:\*/],
      ['vigil.severity:nonsense', /use one of info, low/],
      ['vigil.severity:>nonsense', /not a severity/],
      ['vigil.severity:[low TO bad]', /not a severity/],
      ['destination.port:[100 TO 10]', /empty/],
      ['a:1 && b:2', /use AND/],
      ['a:1 || b:2', /use OR/],
      ['-user.name:root', /use NOT/],
      ['!user.name:root', /use NOT/],
      ['user.name|x:1', /unknown field modifier "\|x"/],
      ['user.name|i:/adm/', /regular expressions/],
      ['port|i:>1', /comparisons/],
      ['tags:()', /empty value group/],
      ['tags:(a OR b', /close the value group/],
    ];
    for (const [q, re] of cases) {
      const e = err(q);
      expect({ q, code: e.code }).toEqual({ q, code: 'VIGIL_ERR_QUERY_SYNTAX' });
      expect(e.message).toMatch(re);
    }
    expect(err('_exists_:user.name').details).toMatchObject({ hint: 'use user.name:* to ask whether a field is present', column: 1 });
    // Quoting keeps the text itself searchable.
    expect(parseQuery('note:"10.0.0.0/33"')).toEqual({ type: 'term', field: 'note', value: '10.0.0.0/33' });
  });

  it('limits nesting and size with VIGIL_ERR_QUERY_TOO_COMPLEX', () => {
    expect(err(`${'NOT '.repeat(1000)}a:1`).code).toBe('VIGIL_ERR_QUERY_TOO_COMPLEX');
    expect(err(`${'('.repeat(70)}a:1${')'.repeat(70)}`).code).toBe('VIGIL_ERR_QUERY_TOO_COMPLEX');
    expect(err(Array.from({ length: 1100 }, (_, i) => `p:${i}`).join(' OR ')).code).toBe('VIGIL_ERR_QUERY_TOO_COMPLEX');
    expect(parseQuery(`${'NOT '.repeat(60)}a:1`)).toBeTruthy();
    expect(parseQuery(Array.from({ length: 1000 }, (_, i) => `p:${i}`).join(' OR '))).toMatchObject({ type: 'or' });
  });
});
