/**
 * @module parsers/netscreen/parse-netscreen
 * Juniper NetScreen / SSG ScreenOS: `NetScreen device_id=ID  [Root]system-<level>-<code>[(traffic)]: text`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { scanKv } from '../shared/kv.ts';
import { isIP, toPort, transportName } from '../shared/net.ts';
import { severityFromWord } from '../shared/severity.ts';
import { setAddress } from '../shared/text.ts';

const HEAD = /NetScreen device_id=(\S+)\s+\[([^\]]*)\]system-(\w+)-(\d+)(?:\((\w+)\))?:\s*(.*)$/;

/** Parses a ScreenOS message found in the text; null when there is none. */
export function parseNetscreen(text: string, _ctx: ParseContext): ParseResult | null {
  const at = text.indexOf('NetScreen device_id=');
  if (at < 0) return null;
  const m = HEAD.exec(text.slice(at));
  if (!m) return null;
  const body = m[6] ?? '';
  const f: Record<string, FieldValue> = {
    'event.dataset': 'juniper.netscreen',
    'event.kind': 'event',
    'observer.vendor': 'Juniper',
    'observer.product': 'NetScreen',
    'observer.type': 'firewall',
    'observer.serial_number': m[1] ?? '',
    'netscreen.vsys': m[2] ?? '',
    'log.level': m[3] ?? '',
    'event.code': m[4] ?? '',
    message: body,
  };
  const sev = severityFromWord(m[3] === 'information' ? 'info' : m[3]);
  if (sev) f['vigil.severity'] = sev;
  if (m[5] === 'traffic') {
    const kv = scanKv(body);
    for (const k in kv) f[`netscreen.${k}`] = kv[k]!;
    if (kv.src && isIP(kv.src)) f['source.ip'] = kv.src;
    if (kv.dst && isIP(kv.dst)) f['destination.ip'] = kv.dst;
    const sp = toPort(kv.src_port);
    if (sp !== undefined) f['source.port'] = sp;
    const dp = toPort(kv.dst_port);
    if (dp !== undefined) f['destination.port'] = dp;
    if (kv.proto) f['network.transport'] = transportName(kv.proto) ?? kv.proto;
    if (kv.action) {
      f['event.action'] = kv.action.toLowerCase();
      f['event.outcome'] = /deny|reject|drop/i.test(kv.action) ? 'failure' : 'success';
    }
  } else {
    const from = /[Ff]rom (?:host )?(\d{1,3}(?:\.\d{1,3}){3})(?::(\d+))?/.exec(body);
    if (from) {
      setAddress(f, 'source', from[1] ?? '');
      const p = toPort(from[2]);
      if (p !== undefined) f['source.port'] = p;
    }
    const to = / to ([0-9.]+)(?::(\d+))?/.exec(body);
    if (to) {
      setAddress(f, 'destination', to[1] ?? '');
      const p = toPort(to[2]);
      if (p !== undefined) f['destination.port'] = p;
    }
    const admin = /(?:by|for) admin (\S+)|by (\w+) via/.exec(body);
    if (admin) f['user.name'] = admin[1] ?? admin[2] ?? '';
  }
  return { fields: f, parser: 'netscreen', ok: true };
}
