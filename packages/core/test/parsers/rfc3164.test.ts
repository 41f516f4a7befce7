import { describe, expect, it } from 'vitest';
import { parse, RECEIVED_AT } from './helpers.ts';

describe('RFC 3164', () => {
  it('reads PRI, timestamp, host, tag, pid and message', () => {
    const f = parse('<38>May 14 11:22:33 web-01 myapp[4711]: something happened');
    expect(f).toMatchObject({
      'log.syslog.priority': 38,
      'log.syslog.facility.code': 4,
      'log.syslog.facility.name': 'auth',
      'log.syslog.severity.code': 6,
      'log.syslog.severity.name': 'info',
      'host.name': 'web-01',
      'log.syslog.hostname': 'web-01',
      'log.syslog.appname': 'myapp',
      'process.name': 'myapp',
      'log.syslog.procid': '4711',
      'process.pid': 4711,
      message: 'something happened',
      '@timestamp': '2024-05-14T11:22:33.000Z',
      'event.dataset': 'syslog',
      'vigil.severity': 'info',
    });
  });

  it.each([
    ['space-padded day', '<13>May  4 11:22:33 h t: m', '2024-05-04T11:22:33.000Z'],
    ['zero-padded day', '<13>May 04 11:22:33 h t: m', '2024-05-04T11:22:33.000Z'],
    ['unpadded day', '<13>May 4 11:22:33 h t: m', '2024-05-04T11:22:33.000Z'],
    ['upper-case month', '<13>MAY 14 11:22:33 h t: m', '2024-05-14T11:22:33.000Z'],
    ['year before the time', '<13>May 14 2021 11:22:33 h t: m', '2021-05-14T11:22:33.000Z'],
    ['trailing colon', '<13>May 14 11:22:33: h t: m', '2024-05-14T11:22:33.000Z'],
    ['year and trailing colon (Cisco)', '<13>May 14 2021 11:22:33: h t: m', '2021-05-14T11:22:33.000Z'],
    ['fractional seconds', '<13>May 14 11:22:33.250 h t: m', '2024-05-14T11:22:33.250Z'],
    ['RFC 3339 in BSD position', '<13>2024-05-14T13:22:33.5+02:00 h t: m', '2024-05-14T11:22:33.500Z'],
    ['syslog-ng year first', '<13>2021 May 14 11:22:33 h t: m', '2021-05-14T11:22:33.000Z'],
    ['space-separated ISO with offset', '2024-05-14 13:22:33.123456+0200  h t: m', '2024-05-14T11:22:33.123Z'],
  ])('parses the %s timestamp', (_name, line, iso) => {
    const f = parse(line);
    expect(f['@timestamp']).toBe(iso);
    expect(f['host.name']).toBe('h');
    expect(f.message).toBe('m');
  });

  it('defaults a missing PRI to 13 (user.notice) as RFC 3164 §4.3.3 says', () => {
    const f = parse('May 14 11:22:33 host app: no pri');
    expect(f['log.syslog.priority']).toBe(13);
    expect(f['log.syslog.severity.name']).toBe('notice');
    expect(f.message).toBe('no pri');
  });

  it('takes no hostname when the token after the time is a tag', () => {
    const f = parse('<30>May 14 11:22:33 filterlog: 5,,,100,em0');
    expect(f['host.name']).toBeUndefined();
    expect(f['process.name']).toBe('filterlog');
  });

  it('keeps a PRI-only line (no timestamp) as message, with receive time', () => {
    const f = parse('<189>date=2024-05-14 something=else');
    expect(f['log.syslog.priority']).toBe(189);
    expect(f['@timestamp']).toBe(new Date(RECEIVED_AT).toISOString());
  });

  it('infers the year from the receive time, rolling back across new year', () => {
    const jan2 = Date.UTC(2025, 0, 2, 0, 5, 0);
    expect(parse('<13>Dec 31 23:59:00 h t: m', { receivedAt: jan2 })['@timestamp']).toBe('2024-12-31T23:59:00.000Z');
    expect(parse('<13>Jan  1 23:59:00 h t: m', { receivedAt: jan2 })['@timestamp']).toBe('2025-01-01T23:59:00.000Z');
    expect(parse('<13>Jan  1 23:59:00 h t: m', { defaultYear: 2019 })['@timestamp']).toBe('2019-01-01T23:59:00.000Z');
  });

  it('applies the context time zone to BSD timestamps', () => {
    const f = parse('<13>May 14 11:22:33 h t: m', { timezoneOffsetMinutes: 120 });
    expect(f['@timestamp']).toBe('2024-05-14T09:22:33.000Z');
  });

  it('keeps the header even when the date is impossible (anonymised "May 00")', () => {
    const f = parse('May 00 00:00:00 fw-01 app: text');
    expect(f['host.name']).toBe('fw-01');
    expect(f['@timestamp']).toBe(new Date(RECEIVED_AT).toISOString());
  });

  it('accepts tags without colon, old PAM tags and tags with brackets', () => {
    expect(parse('<38>May 14 11:22:33 h sshd(pam_unix)[12]: session opened for user a by (uid=0)')['process.name']).toBe('sshd(pam_unix)');
    expect(parse('<6>May 14 11:22:33 h tag message text')).toMatchObject({ 'process.name': 'tag', message: 'message text' });
    expect(parse('<6>May 14 11:22:33 serverX -- MARK --')).toMatchObject({ 'host.name': 'serverX', 'process.name': '--', message: 'MARK --' });
  });

  it('maps syslog severity to Vigil severity', () => {
    expect(parse('<8>May 14 11:22:33 h t: m')['vigil.severity']).toBe('critical');
    expect(parse('<11>May 14 11:22:33 h t: m')['vigil.severity']).toBe('high');
    expect(parse('<12>May 14 11:22:33 h t: m')['vigil.severity']).toBe('medium');
    expect(parse('<13>May 14 11:22:33 h t: m')['vigil.severity']).toBe('low');
    expect(parse('<15>May 14 11:22:33 h t: m')['vigil.severity']).toBe('info');
  });
});
