import { describe, expect, it } from 'vitest';
import { isVigilError } from '@vigil/contracts';
import { getParser, listParsers, parseLine, registerParser, unregisterParser, UNKNOWN_DATASET, BUILTIN_PARSERS, type Parser } from '../../src/parsers/index.ts';
import { CTX, parse, RECEIVED_AT } from './helpers.ts';

describe('parser registry', () => {
  it('lists every built-in parser by name', () => {
    const names = listParsers().map((p) => p.name);
    for (const p of BUILTIN_PARSERS) expect(names).toContain(p.name);
    expect(getParser('rfc5424')?.stage).toBe('envelope');
    expect(getParser('cef')?.stage ?? 'body').toBe('body');
  });

  it('refuses a duplicate name with VIGIL_ERR_CONFLICT and a nameless parser with VIGIL_ERR_VALIDATION', () => {
    try {
      registerParser({ name: 'cef', parse: () => null });
      expect.unreachable();
    } catch (e) {
      expect(isVigilError(e) && e.code).toBe('VIGIL_ERR_CONFLICT');
    }
    try {
      registerParser({ name: '', parse: () => null } as Parser);
      expect.unreachable();
    } catch (e) {
      expect(isVigilError(e) && e.code).toBe('VIGIL_ERR_VALIDATION');
    }
  });

  it('runs a newly registered body parser on the syslog message, and unregisters it', () => {
    const p: Parser = {
      name: 'test-widget',
      priority: 200,
      detect: (line) => line.startsWith('WIDGET '),
      parse: (line) => ({ fields: { 'event.dataset': 'widget', 'widget.id': line.slice(7) }, parser: 'test-widget', ok: true }),
    };
    registerParser(p);
    try {
      const f = parse('<13>May 14 11:00:00 host app: WIDGET 42');
      expect(f['event.dataset']).toBe('widget');
      expect(f['widget.id']).toBe('42');
      expect(f['host.name']).toBe('host');
    } finally {
      expect(unregisterParser('test-widget')).toBe(true);
    }
    expect(parse('<13>May 14 11:00:00 host app: WIDGET 42')['event.dataset']).toBe('syslog');
  });
});

describe('parseLine', () => {
  it('always returns an event: unknown text is kept whole with ok=false and dataset "unknown"', () => {
    const r = parseLine('just some words', CTX);
    expect(r.ok).toBe(false);
    expect(r.parser).toBe('none');
    expect(r.fields).toMatchObject({
      message: 'just some words',
      'event.original': 'just some words',
      'event.dataset': UNKNOWN_DATASET,
      'vigil.unparsed': true,
      '@timestamp': new Date(RECEIVED_AT).toISOString(),
      'event.outcome': 'unknown',
      'vigil.severity': 'info',
    });
  });

  it('fills the common fields on every parsed event', () => {
    const r = parseLine('<34>1 2024-05-14T10:00:00Z host app 1 - - hello', CTX);
    expect(r.ok).toBe(true);
    for (const k of ['message', '@timestamp', 'event.original', 'event.dataset', 'event.kind', 'event.outcome', 'vigil.severity', 'vigil.parser']) {
      expect(r.fields[k], k).toBeDefined();
    }
  });

  it('uses the sender address as host.name only when the line names no host', () => {
    expect(parse('<13>hello there', { sourceIp: '192.0.2.9' })['host.ip']).toBe('192.0.2.9');
    expect(parse('<13>hello there', { sourceIp: '192.0.2.9' })['host.name']).toBeUndefined();
    expect(parse('<13>May 14 11:00:00 web1 app: hi', { sourceIp: '192.0.2.9' })['host.name']).toBe('web1');
    expect(parse('<13>May 14 11:00:00 web1 app: hi', { sourceIp: '192.0.2.9' })['log.source.address']).toBe('192.0.2.9');
  });

  it('honours a pinned parser, stripping the syslog header for a body parser', () => {
    const f = parse('<134>May 14 11:00:00 gw CEF:0|V|P|1|1|n|5|src=192.0.2.1', {}, 'cef');
    expect(f['event.dataset']).toBe('cef');
    expect(f['source.ip']).toBe('192.0.2.1');
    const envelope = parseLine('<13>May 14 11:00:00 host sshd[1]: Invalid user x from 192.0.2.1', CTX, 'rfc3164');
    expect(envelope.fields['event.dataset']).toBe('sshd');
  });

  it('falls back with a reason for an unknown or non-matching pinned parser', () => {
    expect(parse('anything', {}, 'no-such-parser')['vigil.parse_error']).toContain('unknown parser');
    const r = parseLine('not cef at all', CTX, 'cef');
    expect(r.ok).toBe(false);
    expect(r.fields['vigil.parse_error']).toBe('not cef');
  });

  it('never throws on odd input values', () => {
    for (const v of [undefined, null, 42, {}, '\u0000', '\uFFFF'.repeat(10)]) {
      expect(() => parseLine(v as unknown as string, CTX)).not.toThrow();
    }
  });

  it('keeps event.original whole but parses a very long line on its first MiB', () => {
    const long = `<13>May 14 11:00:00 host app: ${'x'.repeat(1_100_000)}`;
    const r = parseLine(long, CTX);
    expect(r.fields['event.original']).toBe(long);
    expect(r.fields['host.name']).toBe('host');
  });

  it('strips a trailing newline and a leading blank for parsing', () => {
    const f = parse(' <13>May 14 11:00:00 host app: hi\r\n');
    expect(f.message).toBe('hi');
    expect(f['event.original']).toBe(' <13>May 14 11:00:00 host app: hi\r\n');
  });
});
