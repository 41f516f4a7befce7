import { describe, expect, it } from 'vitest';
import { addFilter, applyCompletion, cursorContext, quoteValue } from './query-text.ts';

describe('cursorContext', () => {
  it('sees a field name being typed', () => {
    expect(cursorContext('host.na', 7)).toMatchObject({ kind: 'field', prefix: 'host.na', start: 0 });
    expect(cursorContext('a:b AND us', 10)).toMatchObject({ kind: 'field', prefix: 'us', start: 8 });
  });
  it('sees a value after field:', () => {
    expect(cursorContext('host.name:we', 12)).toMatchObject({ kind: 'value', field: 'host.name', prefix: 'we', start: 10 });
    expect(cursorContext('x:1 AND source.ip:"10.', 22)).toMatchObject({ kind: 'value', field: 'source.ip', prefix: '10.' });
    expect(cursorContext('status:>=4', 10)).toMatchObject({ kind: 'value', field: 'status', operator: '>=', prefix: '4' });
  });
  it('ignores keywords, phrases and ranges', () => {
    expect(cursorContext('a:b AND', 7)).toEqual({ kind: 'none' });
    expect(cursorContext('"some phrase', 12)).toEqual({ kind: 'none' });
    expect(cursorContext('port:[1 TO', 10)).toEqual({ kind: 'none' });
  });
});

describe('applyCompletion', () => {
  it('completes a field with a colon', () => {
    const ctx = cursorContext('a:1 AND host.n', 14);
    expect(applyCompletion('a:1 AND host.n', ctx, 'host.name')).toEqual({ query: 'a:1 AND host.name:', cursor: 18 });
  });
  it('completes a value and keeps the rest', () => {
    const q = 'host.name:we AND x:1';
    const ctx = cursorContext(q, 12);
    const out = applyCompletion(q, ctx, '"web-1"');
    expect(out.query).toBe('host.name:"web-1" AND x:1');
  });
});

describe('addFilter', () => {
  it('adds include and exclude clauses', () => {
    expect(addFilter('', 'host.name', 'web-1')).toBe('host.name:"web-1"');
    expect(addFilter('sshd', 'source.port', 22)).toBe('sshd AND source.port:22');
    expect(addFilter('a:1 OR b:2', 'user.name', 'root', true)).toBe('(a:1 OR b:2) AND NOT user.name:"root"');
  });
  it('quotes values with quotes inside', () => {
    expect(quoteValue('say "hi"')).toBe('"say \\"hi\\""');
  });
});
