import { describe, expect, it } from 'vitest';
import { parseStructuredData } from '../../src/parsers/index.ts';
import { parse, RECEIVED_AT } from './helpers.ts';

describe('RFC 5424', () => {
  it('reads every header field', () => {
    const f = parse('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 4711 ID47 - An application event');
    expect(f).toMatchObject({
      'log.syslog.priority': 165,
      'log.syslog.facility.name': 'local4',
      'log.syslog.severity.name': 'notice',
      'log.syslog.version': '1',
      '@timestamp': '2003-10-11T22:14:15.003Z',
      'host.name': 'mymachine.example.com',
      'log.syslog.appname': 'evntslog',
      'process.name': 'evntslog',
      'log.syslog.procid': '4711',
      'process.pid': 4711,
      'log.syslog.msgid': 'ID47',
      message: 'An application event',
    });
  });

  it('parses structured data with the \\" \\\\ and \\] escapes', () => {
    const f = parse('<34>1 2024-05-14T09:30:45+02:00 host app 123 msg [meta@32473 value="escaped\\]bracket" quote="\\"" slash="a\\\\b"][x@1 k="v"] payload');
    expect(f['log.syslog.structured_data']).toEqual({ 'meta@32473': { value: 'escaped]bracket', quote: '"', slash: 'a\\b' }, 'x@1': { k: 'v' } });
    expect(f.message).toBe('payload');
    expect(f['@timestamp']).toBe('2024-05-14T07:30:45.000Z');
    expect(f['event.timezone']).toBe('+02:00');
  });

  it('treats "-" as NIL everywhere and uses the receive time', () => {
    const f = parse('<13>1 - - - - - - minimal');
    expect(f['host.name']).toBeUndefined();
    expect(f['process.name']).toBeUndefined();
    expect(f['log.syslog.structured_data']).toBeUndefined();
    expect(f.message).toBe('minimal');
    expect(f['@timestamp']).toBe(new Date(RECEIVED_AT).toISOString());
  });

  it('drops a UTF-8 BOM at the start of MSG', () => {
    expect(parse("<34>1 2003-10-11T22:14:15.003Z host su - ID47 - \uFEFF'su root' failed").message).toBe("'su root' failed");
  });

  it('keeps microseconds to the millisecond and applies offsets', () => {
    expect(parse('<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - x')['@timestamp']).toBe('2003-08-24T12:14:15.000Z');
  });

  it('reads a missing offset in the context time zone', () => {
    expect(parse('<13>1 2024-05-14T10:00:00 h a - - - x', { timezoneOffsetMinutes: -60 })['@timestamp']).toBe('2024-05-14T11:00:00.000Z');
  });

  it('accepts an SD without a message and tolerates spaces around "="', () => {
    const f = parse('<165>1 2003-10-11T22:14:15.003Z h evntslog - ID47 [exampleSDID@32473 iut="3" eventSource= "Application"]');
    expect(f['log.syslog.structured_data']).toEqual({ 'exampleSDID@32473': { iut: '3', eventSource: 'Application' } });
    expect(f.message).toBe('');
  });

  it('does not loop or throw on a truncated SD', () => {
    expect(parseStructuredData('[a b="c', 0).sd).toEqual({ a: { b: 'c' } });
    expect(parse('<13>1 2024-05-14T10:00:00Z h a - - [x y="unterminated')['event.dataset']).toBe('syslog');
  });
});
