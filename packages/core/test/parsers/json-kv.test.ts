import { describe, expect, it } from 'vitest';
import { parse, RECEIVED_AT } from './helpers.ts';

describe('JSON lines', () => {
  it('flattens nested objects to dotted names and keeps ECS fields', () => {
    const f = parse('{"@timestamp":"2024-05-14T08:15:27.412Z","message":"user logged in","user":{"name":"alice"},"source":{"ip":"198.51.100.7"},"event":{"dataset":"app.auth","outcome":"success"},"tags":["a","b"]}');
    expect(f).toMatchObject({ '@timestamp': '2024-05-14T08:15:27.412Z', message: 'user logged in', 'user.name': 'alice', 'source.ip': '198.51.100.7', 'event.dataset': 'app.auth', 'event.outcome': 'success', tags: ['a', 'b'] });
  });

  it('promotes time, msg and level keys', () => {
    const f = parse('{"time":1715674527,"level":"warn","msg":"slow query","db":{"name":"orders"}}');
    expect(f).toMatchObject({ '@timestamp': '2024-05-14T08:15:27.000Z', message: 'slow query', 'vigil.severity': 'medium', 'db.name': 'orders', 'event.dataset': 'json' });
  });

  it('reads JSON inside syslog (rsyslog @cee)', () => {
    expect(parse('<13>May 14 08:15:27 host app: @cee: {"msg":"hi","a":{"b":1}}')['a.b']).toBe(1);
    expect(parse('<13>May 14 08:15:27 host @cee: {"msg":"hi"}').message).toBe('hi');
  });

  it('maps Windows events sent as NXLog JSON', () => {
    const f = parse('{"EventTime":"2024-05-14T08:15:27Z","Hostname":"DC01","EventID":4625,"Channel":"Security","SourceName":"Microsoft-Windows-Security-Auditing","TargetUserName":"alice","IpAddress":"203.0.113.45","IpPort":"52122","LogonType":"3","EventType":"AUDIT_FAILURE"}');
    expect(f).toMatchObject({ 'event.dataset': 'windows.security', 'event.code': '4625', 'event.action': 'logon-failed', 'event.outcome': 'failure', 'user.name': 'alice', 'source.ip': '203.0.113.45', 'source.port': 52122, 'host.name': 'DC01', 'winlog.logon.type': 3 });
  });

  it('falls back on broken JSON and on a non-object', () => {
    expect(parse('{"a": 1')['event.dataset']).toBe('unknown');
    expect(parse('{"@timestamp": "not a time", "message": 5}')).toMatchObject({ '@timestamp': new Date(RECEIVED_AT).toISOString(), 'json.@timestamp': 'not a time', 'json.message': 5 });
  });
});

describe('key=value', () => {
  it('keeps raw pairs under kv.* and maps the common keys', () => {
    const f = parse('action=allow src=192.0.2.10 dst=198.51.100.20 sport=52122 dport=443 proto=tcp user=alice msg="web traffic ok"');
    expect(f).toMatchObject({
      'event.dataset': 'kv',
      'kv.action': 'allow',
      'event.action': 'allow',
      'source.ip': '192.0.2.10',
      'destination.ip': '198.51.100.20',
      'source.port': 52122,
      'destination.port': 443,
      'network.transport': 'tcp',
      'user.name': 'alice',
      message: 'web traffic ok',
    });
  });

  it('needs at least two pairs at the start', () => {
    expect(parse('a=1')['event.dataset']).toBe('unknown');
    expect(parse('<13>May 14 08:15:27 host app: a=1 b=2')).toMatchObject({ 'event.dataset': 'syslog', 'kv.a': '1', 'kv.b': '2' });
  });
});
