import { describe, expect, it } from 'vitest';
import { parseCefExtension, splitCefHeader } from '../../src/parsers/cef/index.ts';
import { leefDelimiter } from '../../src/parsers/leef/index.ts';
import { parse } from './helpers.ts';

describe('CEF', () => {
  it('maps the header and common extension keys to ECS', () => {
    const f = parse('CEF:0|Example|Gateway|3.2|100|Connection blocked|7|src=203.0.113.45 spt=52122 dst=192.0.2.10 dpt=443 proto=TCP act=blocked suser=alice duser=bob shost=ws1 dhost=srv.example request=https://example.com/a?b\\=c requestMethod=POST msg=policy deny rt=May 14 2024 08:15:27');
    expect(f).toMatchObject({
      'event.dataset': 'cef',
      'cef.version': '0',
      'observer.vendor': 'Example',
      'observer.product': 'Gateway',
      'observer.version': '3.2',
      'event.code': '100',
      'cef.name': 'Connection blocked',
      'cef.severity': '7',
      'vigil.severity': 'high',
      'source.ip': '203.0.113.45',
      'source.port': 52122,
      'destination.ip': '192.0.2.10',
      'destination.port': 443,
      'network.transport': 'tcp',
      'event.action': 'blocked',
      'source.user.name': 'alice',
      'destination.user.name': 'bob',
      'user.name': 'alice',
      'source.domain': 'ws1',
      'destination.domain': 'srv.example',
      'url.original': 'https://example.com/a?b=c',
      'http.request.method': 'POST',
      message: 'policy deny',
      '@timestamp': '2024-05-14T08:15:27.000Z',
    });
  });

  it('honours \\| and \\\\ in the header and \\= \\\\ \\n in values', () => {
    const { header } = splitCefHeader('CEF:0|Ven\\|dor|Pro\\\\duct|1|2|Name|3|', 4)!;
    expect(header.slice(1, 3)).toEqual(['Ven|dor', 'Pro\\duct']);
    expect(Object.fromEntries(parseCefExtension('msg=a\\=b c\\\\d\\ne cs1=x cs1Label=Rule Name'))).toEqual({ msg: 'a=b c\\d\ne', cs1: 'x', cs1Label: 'Rule Name' });
  });

  it('keeps URLs with = in a value that is not a key', () => {
    expect(Object.fromEntries(parseCefExtension('request=https://x.example/p?a=1&b=2 src=192.0.2.1'))).toEqual({ request: 'https://x.example/p?a=1&b=2', src: '192.0.2.1' });
  });

  it('reads CEF inside syslog, with a space after "CEF:" and without the prefix (CrowdSec hub, MIT)', () => {
    expect(parse('Sep  8 08:32:20 UDM-Gent CEF: 0|Ubiquiti|UniFi Network|9.4.19|201|Threat Detected and Blocked|9|proto=TCP src=192.168.100.252 spt=65020 dst=192.168.1.100 dpt=80')).toMatchObject({ 'host.name': 'UDM-Gent', 'observer.vendor': 'Ubiquiti', 'vigil.severity': 'critical', 'source.port': 65020 });
    expect(parse('0|Ubiquiti|UniFi Network|9.3.45|201|Threat Detected and Blocked|7|proto=TCP src=192.168.0.1 spt=54587')).toMatchObject({ 'event.dataset': 'cef', 'source.ip': '192.168.0.1' });
  });

  it('labels custom strings and keeps every raw key', () => {
    const f = parse('CEF:0|V|P|1|1|n|Low|cs1Label=Rule Name cs1=block-all cn2Label=Duration cn2=5');
    expect(f).toMatchObject({ 'cef.label.Rule Name': 'block-all', 'cef.label.Duration': '5', 'cef.extensions.cs1': 'block-all', 'vigil.severity': 'low' });
  });
});

describe('LEEF', () => {
  it('reads LEEF 1.0 with TAB-separated attributes', () => {
    const f = parse('LEEF:1.0|Example|IDS|2.1|4001|src=203.0.113.45\tdst=192.0.2.10\tsrcPort=52122\tdstPort=22\tusrName=root\tsev=8\tproto=6\tdevTime=May 14 2024 08:15:27');
    expect(f).toMatchObject({
      'event.dataset': 'leef',
      'observer.vendor': 'Example',
      'observer.product': 'IDS',
      'event.code': '4001',
      'source.ip': '203.0.113.45',
      'destination.port': 22,
      'user.name': 'root',
      'vigil.severity': 'high',
      'network.transport': 'tcp',
      '@timestamp': '2024-05-14T08:15:27.000Z',
      'leef.usrName': 'root',
    });
  });

  it('reads LEEF 2.0 with a custom, a hex and an omitted delimiter', () => {
    expect(parse('LEEF:2.0|Example|Proxy|5.4|ALLOW|^|src=198.51.100.7^usrName=bob^cat=web')).toMatchObject({ 'source.ip': '198.51.100.7', 'user.name': 'bob', 'leef.cat': 'web' });
    expect(parse('LEEF:2.0|Example|Proxy|5.4|ALLOW|0x7C|src=198.51.100.8|usrName=eve')).toMatchObject({ 'source.ip': '198.51.100.8', 'user.name': 'eve' });
    expect(parse('LEEF:2.0|Zscaler|NSS|3.6|ALLOW|cat=firewall\tusrName=jane.doe\tsrc=203.0.113.10')).toMatchObject({ 'user.name': 'jane.doe', 'source.ip': '203.0.113.10' });
  });

  it('splits on a literal "\\t" when the sender wrote the two characters instead of a TAB', () => {
    const f = parse('<4>1 2019-11-21T13:44:36Z LAPTOP Microsoft-Windows-Security-Mitigations 4340 - - LEEF:2.0|Microsoft|Mitigations|4.6|10|0x09|devTime=2019-11-21 13:44:35\\tidentHostName=LAPTOP\\tsev=6');
    expect(f).toMatchObject({ 'event.dataset': 'leef', 'host.name': 'LAPTOP', 'leef.sev': '6', 'vigil.severity': 'medium' });
  });

  it('reads delimiter specs', () => {
    expect(leefDelimiter('^')).toBe('^');
    expect(leefDelimiter('0x09')).toBe('\t');
    expect(leefDelimiter('x7C')).toBe('|');
    expect(leefDelimiter('\\t')).toBe('\t');
    expect(leefDelimiter('bogus')).toBeUndefined();
  });
});
