import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileExtractionRule, applyExtractionRules } from '../../src/extraction/index.ts';

describe('extraction rules', () => {
  it('adds captured fields to events its query selects', () => {
    const r = compileExtractionRule({ name: 'app-login', pattern: 'login user=%{USERNAME:user.name} src=%{IP:source.ip} took=%{INT:app.ms:int}ms', query: 'event.dataset:unknown' });
    const f: Record<string, unknown> = { message: 'login user=ann src=10.1.2.3 took=42ms', 'event.dataset': 'unknown' };
    expect(applyExtractionRules(f as never, [r])).toEqual(['app-login']);
    expect(f).toMatchObject({ 'user.name': 'ann', 'source.ip': '10.1.2.3', 'app.ms': 42 });
    const other: Record<string, unknown> = { message: 'login user=bob src=10.1.2.3 took=1ms', 'event.dataset': 'sshd' };
    expect(applyExtractionRules(other as never, [r])).toEqual([]);
    expect(other['user.name']).toBeUndefined();
  });

  it('keeps existing values unless overwrite is set, and runs on another field', () => {
    const keep = compileExtractionRule({ name: 'k', pattern: 'u=%{WORD:user.name}', field: 'event.original' });
    const f: Record<string, unknown> = { message: 'x', 'event.original': 'u=zed', 'user.name': 'orig' };
    keep.apply(f as never);
    expect(f['user.name']).toBe('orig');
    compileExtractionRule({ name: 'o', pattern: 'u=%{WORD:user.name}', field: 'event.original', overwrite: true }).apply(f as never);
    expect(f['user.name']).toBe('zed');
  });

  it('uses user-defined patterns', () => {
    const r = compileExtractionRule({ name: 'lib', pattern: '%{TICKET:ticket.id}', library: { TICKET: 'TCK-[0-9]{4}' } });
    const f: Record<string, unknown> = { message: 'see TCK-1234 now' };
    r.apply(f as never);
    expect(f['ticket.id']).toBe('TCK-1234');
  });

  it('rejects bad rules with coded, located errors', () => {
    expect(() => compileExtractionRule({ name: 'x', pattern: '%{NOPE:a}' })).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_VALIDATION', details: expect.objectContaining({ field: 'pattern' }) }));
    expect(() => compileExtractionRule({ name: 'x', pattern: '%{IP:a}', query: 'a:(' })).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_QUERY_SYNTAX', details: expect.objectContaining({ field: 'query' }) }));
    expect(() => compileExtractionRule({ name: 'bad name!', pattern: 'a' })).toThrow(expect.objectContaining({ details: { field: 'name' } }));
  });

  it('never throws when applied, whatever the text', () => {
    const r = compileExtractionRule({ name: 'p', pattern: '%{IP:source.ip} %{GREEDYDATA:rest}' });
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      r.apply({ message: s } as never);
    }));
  });
});
