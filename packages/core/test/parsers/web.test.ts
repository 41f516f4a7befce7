import { describe, expect, it } from 'vitest';
import { parse } from './helpers.ts';

describe('access logs', () => {
  it('reads a combined log line', () => {
    const f = parse('198.51.100.7 - alice [14/May/2024:08:15:27 +0200] "GET /index.php?id=1 HTTP/1.1" 404 5120 "https://example.com/" "Mozilla/5.0 (X11)"');
    expect(f).toMatchObject({
      'event.dataset': 'apache.access',
      'event.category': 'web',
      'source.ip': '198.51.100.7',
      'user.name': 'alice',
      '@timestamp': '2024-05-14T06:15:27.000Z',
      'http.request.method': 'GET',
      'url.original': '/index.php?id=1',
      'url.path': '/index.php',
      'url.query': 'id=1',
      'http.version': '1.1',
      'http.response.status_code': 404,
      'http.response.body.bytes': 5120,
      'http.request.referrer': 'https://example.com/',
      'user_agent.original': 'Mozilla/5.0 (X11)',
      'event.outcome': 'failure',
    });
  });

  it('reads common log format and vhost / forwarded-for variants', () => {
    const common = parse('203.0.113.1 - - [14/May/2024:08:15:27 +0000] "POST /login HTTP/1.0" 200 12');
    expect(common).toMatchObject({ 'http.response.status_code': 200, 'event.outcome': 'success', 'http.request.method': 'POST' });
    expect(common['user_agent.original']).toBeUndefined();
    expect(parse('www.example.com:443 203.0.113.2 - - [14/May/2024:08:15:27 +0000] "GET / HTTP/1.1" 200 1 "-" "curl/8"')).toMatchObject({ 'url.domain': 'www.example.com', 'destination.port': 443, 'source.ip': '203.0.113.2' });
    expect(parse('::ffff:203.0.113.3 198.51.100.4 - [14/May/2024:08:15:27 +0000] "GET / HTTP/1.1" 200 1 "-" "x"')).toMatchObject({ 'source.ip': '203.0.113.3', 'network.forwarded_ip': '198.51.100.4' });
  });

  it('keeps a malformed request whole in url.original (CrowdSec hub, MIT)', () => {
    const f = parse('1.2.3.4 - - [17/Oct/2023:05:57:49 +1100] "\\x16\\x03\\x01\\x01 \\x02" 400 226 "-" "-"');
    expect(f['url.original']).toBe('\\x16\\x03\\x01\\x01 \\x02');
    expect(f['http.request.method']).toBeUndefined();
    expect(f['http.response.status_code']).toBe(400);
  });

  it('names nginx lines that arrive through syslog', () => {
    expect(parse('<190>May 14 08:15:27 web01 nginx: 203.0.113.5 - - [14/May/2024:08:15:27 +0000] "GET / HTTP/1.1" 200 1 "-" "x"')['event.dataset']).toBe('nginx.access');
  });

  it('reads IIS W3C logs', () => {
    const f = parse('2024-05-14 08:15:27 192.0.2.10 GET /owa/auth.aspx a=1 443 - 203.0.113.6 Mozilla/5.0+(Windows) - 401 1 2148074254 12');
    expect(f).toMatchObject({ 'event.dataset': 'iis.access', 'source.ip': '203.0.113.6', 'destination.port': 443, 'url.original': '/owa/auth.aspx?a=1', 'http.response.status_code': 401, 'user_agent.original': 'Mozilla/5.0 (Windows)' });
  });
});

describe('error logs', () => {
  it('reads Apache 2.4 error lines with client and code', () => {
    const f = parse('[Tue May 14 08:15:27.123456 2024] [auth_basic:error] [pid 10:tid 140] [client 203.0.113.7:50229] AH01618: user sss not found: /admin');
    expect(f).toMatchObject({
      'event.dataset': 'apache.error',
      'log.level': 'error',
      'apache.error.module': 'auth_basic',
      'process.pid': 10,
      'source.ip': '203.0.113.7',
      'source.port': 50229,
      'error.code': 'AH01618',
      'user.name': 'sss',
      'url.original': '/admin',
      'event.outcome': 'failure',
      '@timestamp': '2024-05-14T08:15:27.123Z',
    });
  });

  it('reads Apache 2.2 error lines with and without time', () => {
    expect(parse('[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties')).toMatchObject({ 'log.level': 'notice', message: 'workerEnv.init() ok /etc/httpd/conf/workers2.properties' });
    expect(parse('[error] [client 192.0.2.8] File does not exist: /var/www/x')).toMatchObject({ 'event.dataset': 'apache.error', 'source.ip': '192.0.2.8' });
  });

  it('reads nginx error lines', () => {
    const f = parse('2024/05/14 08:15:27 [error] 31#31: *46 open() "/srv/x" failed (2: No such file or directory), client: 203.0.113.9, server: example.com, request: "GET /x HTTP/1.1", host: "example.com"');
    expect(f).toMatchObject({
      'event.dataset': 'nginx.error',
      'log.level': 'error',
      'process.pid': 31,
      'nginx.error.connection_id': 46,
      'source.ip': '203.0.113.9',
      'url.original': '/x',
      'url.domain': 'example.com',
      message: 'open() "/srv/x" failed (2: No such file or directory)',
    });
  });
});
