/**
 * @module parsers/kv/parse-kv
 * Generic `key=value` messages (at least two pairs, the first at the start): raw pairs under
 * `kv.<key>`, the common spellings (`src`, `dst`, `sport`, `user`, `action`, `proto`, …) mapped to ECS.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { scanKv, startsWithKvPair } from '../shared/kv.ts';
import { isIP, normalizeIP, toPort, transportName } from '../shared/net.ts';
import { severityFromWord } from '../shared/severity.ts';
import { toIso } from '../shared/time.ts';
import { parseVendorTime } from '../shared/vendor-time.ts';
import { prefixed } from '../shared/prefixed.ts';
import { own } from '../shared/own.ts';

const IP_KEYS: Record<string, string> = {
  src: 'source.ip', srcip: 'source.ip', src_ip: 'source.ip', source_ip: 'source.ip', sip: 'source.ip', client: 'source.ip', client_ip: 'source.ip',
  dst: 'destination.ip', dstip: 'destination.ip', dst_ip: 'destination.ip', destination_ip: 'destination.ip', dip: 'destination.ip',
};
const PORT_KEYS: Record<string, string> = {
  sport: 'source.port', spt: 'source.port', srcport: 'source.port', src_port: 'source.port', source_port: 'source.port',
  dport: 'destination.port', dpt: 'destination.port', dstport: 'destination.port', dst_port: 'destination.port', destination_port: 'destination.port',
};
const TEXT_KEYS: Record<string, string> = {
  user: 'user.name', username: 'user.name', usr: 'user.name', usrName: 'user.name', user_name: 'user.name',
  action: 'event.action', act: 'event.action',
  msg: 'message', message: 'message',
  host: 'host.name', hostname: 'host.name',
  url: 'url.original', uri: 'url.original',
};

/** Maps well-known kv keys onto ECS fields in `f`. */
export function mapCommonKv(kv: Record<string, string>, f: Record<string, FieldValue>, ctx: ParseContext): void {
  for (const key in kv) {
    const v = kv[key]!;
    if (v === '' || v === '-') continue;
    const lower = key.toLowerCase();
    const ip = own(IP_KEYS, lower);
    if (ip) {
      const a = normalizeIP(v);
      if (isIP(a) && f[ip] === undefined) f[ip] = a;
      continue;
    }
    const port = own(PORT_KEYS, lower);
    if (port) {
      const p = toPort(v);
      if (p !== undefined && f[port] === undefined) f[port] = p;
      continue;
    }
    const text = own(TEXT_KEYS, key) ?? own(TEXT_KEYS, lower);
    if (text) {
      if (f[text] === undefined) f[text] = v;
      continue;
    }
    if (lower === 'proto' || lower === 'protocol') f['network.transport'] ??= transportName(v) ?? v;
    else if (lower === 'severity' || lower === 'level' || lower === 'sev') {
      const s = severityFromWord(v);
      if (s) f['vigil.severity'] ??= s;
    } else if (lower === 'time' || lower === 'timestamp' || lower === 'ts') {
      const ms = parseVendorTime(v, ctx);
      if (!Number.isNaN(ms)) f['@timestamp'] ??= toIso(ms);
    }
  }
}

/** Parses a `key=value …` message; null when it does not start with a pair or has fewer than two. */
export function parseKvLine(line: string, ctx: ParseContext): ParseResult | null {
  if (!startsWithKvPair(line)) return null;
  const kv = scanKv(line);
  const keys = Object.keys(kv);
  if (keys.length < 2) return null;
  const f: Record<string, FieldValue> = { 'event.dataset': ctx.envelope ? 'syslog' : 'kv' };
  for (const k of keys) f[prefixed('kv.', k)] = kv[k]!;
  mapCommonKv(kv, f, ctx);
  return { fields: f, parser: 'kv', ok: true };
}
