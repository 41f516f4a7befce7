/**
 * @module parsers/pfsense/parse-filterlog
 * pfSense / OPNsense `filterlog` CSV (both share pf's layout):
 * `rule,subrule,anchor,tracker,interface,reason,action,direction,ipversion,` then IPv4
 * `tos,ecn,ttl,id,offset,flags,protonum,protoname,length,src,dst,` or IPv6
 * `class,flowlabel,hoplimit,protoname,protonum,length,src,dst,`, then per protocol
 * TCP `sport,dport,datalen,flags,seq,ack,window,urg,options`, UDP `sport,dport,datalen`, ICMP `type,…`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { isIP, toInt, toPort } from '../shared/net.ts';

/** Parses a filterlog CSV body; null when the columns do not fit. */
export function parseFilterlog(line: string, _ctx: ParseContext): ParseResult | null {
  const c = line.split(',');
  if (c.length < 12) return null;
  const version = c[8];
  if (version !== '4' && version !== '6') return null;
  const f: Record<string, FieldValue> = {
    'event.dataset': 'pfsense.filterlog',
    'event.kind': 'event',
    'event.category': 'network',
    'observer.product': 'pf',
    'observer.type': 'firewall',
    'network.type': version === '4' ? 'ipv4' : 'ipv6',
  };
  const set = (k: string, v: string | undefined) => {
    if (v !== undefined && v !== '') f[k] = v;
  };
  set('pfsense.rule_number', c[0]);
  set('pfsense.sub_rule_number', c[1]);
  set('pfsense.anchor', c[2]);
  set('rule.id', c[3]);
  set('observer.ingress.interface.name', c[4]);
  set('event.reason', c[5]);
  const action = c[6] ?? '';
  set('event.action', action);
  f['event.outcome'] = action === 'pass' ? 'success' : action === 'block' || action === 'reject' ? 'failure' : 'unknown';
  f['event.type'] = action === 'pass' ? 'allowed' : 'denied';
  const dir = c[7];
  if (dir === 'in') f['network.direction'] = 'inbound';
  else if (dir === 'out') f['network.direction'] = 'outbound';
  let i: number;
  let proto: string;
  if (version === '4') {
    set('pfsense.tos', c[9]);
    set('pfsense.ecn', c[10]);
    const ttl = toInt(c[11]);
    if (ttl !== undefined) f['pfsense.ttl'] = ttl;
    set('pfsense.id', c[12]);
    set('pfsense.offset', c[13]);
    set('pfsense.flags', c[14]);
    set('network.iana_number', c[15]);
    proto = (c[16] ?? '').toLowerCase();
    const len = toInt(c[17]);
    if (len !== undefined) f['network.bytes'] = len;
    i = 18;
  } else {
    set('pfsense.class', c[9]);
    set('pfsense.flow_label', c[10]);
    const hop = toInt(c[11]);
    if (hop !== undefined) f['pfsense.hop_limit'] = hop;
    proto = (c[12] ?? '').toLowerCase();
    set('network.iana_number', c[13]);
    const len = toInt(c[14]);
    if (len !== undefined) f['network.bytes'] = len;
    i = 15;
  }
  const src = c[i] ?? '';
  const dst = c[i + 1] ?? '';
  if (!isIP(src) || !isIP(dst)) return null;
  f['source.ip'] = src;
  f['destination.ip'] = dst;
  if (proto) f['network.transport'] = proto === 'ipv6-icmp' ? 'ipv6-icmp' : proto;
  i += 2;
  if (proto === 'tcp' || proto === 'udp') {
    const sp = toPort(c[i]);
    const dp = toPort(c[i + 1]);
    if (sp !== undefined) f['source.port'] = sp;
    if (dp !== undefined) f['destination.port'] = dp;
    const dl = toInt(c[i + 2]);
    if (dl !== undefined) f['pfsense.data_length'] = dl;
    if (proto === 'tcp') {
      set('pfsense.tcp_flags', c[i + 3]);
      set('pfsense.sequence', c[i + 4]);
      set('pfsense.ack', c[i + 5]);
      set('pfsense.window', c[i + 6]);
      set('pfsense.urg', c[i + 7]);
      set('pfsense.tcp_options', c[i + 8]);
    }
  } else if (proto === 'icmp' || proto === 'ipv6-icmp') {
    set('pfsense.icmp.type', c[i]);
    const rest = c.slice(i + 1).filter((x) => x !== '');
    if (rest.length) f['pfsense.icmp.details'] = rest.join(',');
  }
  f.message = line;
  return { fields: f, parser: 'pfsense-filterlog', ok: true };
}
