/**
 * @module parsers/sonicwall/parse-sonicwall
 * SonicWall (SonicOS) enhanced syslog: `id=firewall sn=… time="…" fw=… pri=N c=N m=N msg="…" n=N
 * src=IP:port:iface[:host] dst=IP:port:iface proto=tcp/80 …`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { scanKv } from '../shared/kv.ts';
import { isIP, normalizeIP, toPort } from '../shared/net.ts';
import { toIso } from '../shared/time.ts';
import { parseVendorTime } from '../shared/vendor-time.ts';
import { syslogSeverity } from '../shared/syslog-codes.ts';
import { prefixed } from '../shared/prefixed.ts';

/** True when the text starts like a SonicWall record. */
export function looksLikeSonicwall(text: string): boolean {
  return text.startsWith('id=') && text.indexOf(' sn=') > 0 && text.indexOf(' m=') > 0;
}

function endpoint(f: Record<string, FieldValue>, side: 'source' | 'destination', v: string | undefined, v6: string | undefined): void {
  if (!v && !v6) return;
  const parts = (v ?? '').split(':');
  const ip = v6 ?? parts[0] ?? '';
  if (ip && isIP(normalizeIP(ip))) f[`${side}.ip`] = normalizeIP(ip);
  const port = toPort(parts[1]);
  if (port !== undefined) f[`${side}.port`] = port;
  if (parts[2]) f[side === 'source' ? 'observer.ingress.interface.name' : 'observer.egress.interface.name'] = parts[2];
  if (parts[3]) f[`${side}.domain`] = parts[3];
}

/** Parses a SonicWall record; null when the text is not one. */
export function parseSonicwall(text: string, ctx: ParseContext): ParseResult | null {
  if (!looksLikeSonicwall(text)) return null;
  const kv = scanKv(text);
  const f: Record<string, FieldValue> = {
    'event.dataset': 'sonicwall.firewall',
    'event.kind': 'event',
    'observer.vendor': 'SonicWall',
    'observer.product': 'SonicOS',
    'observer.type': 'firewall',
  };
  for (const k in kv) f[prefixed('sonicwall.', k)] = kv[k]!;
  if (kv.sn) f['observer.serial_number'] = kv.sn;
  if (kv.fw && isIP(kv.fw)) f['observer.ip'] = kv.fw;
  if (kv.m) f['event.code'] = kv.m;
  if (kv.msg) f.message = kv.msg;
  endpoint(f, 'source', kv.src, kv.srcV6);
  endpoint(f, 'destination', kv.dst, kv.dstV6);
  if (kv.proto) {
    const [p, svc] = kv.proto.split('/');
    f['network.transport'] = (p ?? '').toLowerCase();
    if (svc) f['network.protocol'] = svc;
  }
  if (kv.usr || kv.user) f['user.name'] = (kv.usr ?? kv.user)!.replace(/^"|"$/g, '');
  const pri = Number(kv.pri);
  if (pri >= 0 && pri <= 7) f['vigil.severity'] = syslogSeverity(pri);
  if (kv.time) {
    const ms = parseVendorTime(kv.time.replace(/ UTC$/, 'Z').replace(' ', 'T'), { ...ctx, timezoneOffsetMinutes: kv.time.endsWith('UTC') ? 0 : ctx.timezoneOffsetMinutes });
    if (!Number.isNaN(ms)) f['@timestamp'] = toIso(ms);
  }
  const msg = (kv.msg ?? '').toLowerCase();
  if (/dropped|denied|blocked|failed/.test(msg)) f['event.outcome'] = 'failure';
  else if (/opened|allowed|closed|succe/.test(msg)) f['event.outcome'] = 'success';
  return { fields: f, parser: 'sonicwall', ok: true };
}
