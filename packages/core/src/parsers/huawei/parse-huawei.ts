/**
 * @module parsers/huawei/parse-huawei
 * Huawei VRP / USG firewall messages: `%%01MODULE/SEV/MNEMONIC(l): text` with `key=value, …` details.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { scanKv } from '../shared/kv.ts';
import { syslogSeverity } from '../shared/syslog-codes.ts';
import { mapCommonKv } from '../kv/parse-kv.ts';
import { isIP, toPort } from '../shared/net.ts';
import { dict, internKey } from '../shared/own.ts';

const TAG = /%%(\d{2})([A-Z0-9_-]+)\/(\d)\/([A-Z0-9_]+)(?:\(([a-z])\))?(?:\[\d+\])?:\s*/;

/** True when the text carries a `%%01MOD/S/MNEMONIC` tag. */
export function looksLikeHuawei(text: string): boolean {
  const at = text.indexOf('%%');
  return at >= 0 && at < 200 && TAG.test(text.slice(at, at + 80));
}

/** Parses a Huawei VRP message; null when there is no tag. */
export function parseHuawei(text: string, ctx: ParseContext): ParseResult | null {
  const at = text.indexOf('%%');
  if (at < 0) return null;
  const m = TAG.exec(text.slice(at));
  if (!m) return null;
  const body = text.slice(at + m[0].length);
  const sev = Number(m[3]);
  const f: Record<string, FieldValue> = {
    'event.dataset': 'huawei.vrp',
    'event.kind': 'event',
    'observer.vendor': 'Huawei',
    'huawei.module': m[2] ?? '',
    'huawei.mnemonic': m[4] ?? '',
    'event.code': `${m[2]}/${m[3]}/${m[4]}`,
    'vigil.severity': syslogSeverity(sev),
    message: body,
  };
  const head = text.slice(0, at).trim().split(/\s+/);
  const device = head[head.length - 1];
  if (device) f['observer.name'] = device;
  // details: "k=v, k=v" or "(k=v, k="v", …)"
  const open = body.indexOf('(');
  const details = open >= 0 && body.indexOf('=', open) > 0 ? body.slice(open + 1, body.lastIndexOf(')') > open ? body.lastIndexOf(')') : undefined) : body;
  const kv = scanKv(details.replace(/, /g, ','), 0, { separator: ',' });
  for (const k in kv) f[`huawei.${k}`] = kv[k]!;
  const lower: Record<string, string> = dict();
  for (const k in kv) lower[internKey(k.toLowerCase().replace(/-/g, '_'))] = kv[k]!;
  mapCommonKv({ src: lower.srcip ?? lower.source_ip ?? lower.sourceip ?? '', dst: lower.dstip ?? lower.destination_ip ?? lower.destinationip ?? '', user: lower.user ?? lower.username ?? '' }, f, ctx);
  const sp = toPort(lower.srcport ?? lower.source_port ?? lower.sourceport);
  if (sp !== undefined) f['source.port'] = sp;
  const dp = toPort(lower.dstport ?? lower.destination_port ?? lower.destinationport);
  if (dp !== undefined) f['destination.port'] = dp;
  const proto = lower.protocol;
  if (proto) f['network.transport'] = /^\d+$/.test(proto) ? ({ '6': 'tcp', '17': 'udp', '1': 'icmp' } as Record<string, string>)[proto] ?? proto : proto.toLowerCase();
  if (f['user.name'] === 'unknown') delete f['user.name'];
  const mn = (m[4] ?? '').toUpperCase();
  if (/DENY|DROP|BLOCK/.test(mn)) f['event.outcome'] = 'failure';
  else if (/PERMIT|ALLOW/.test(mn)) f['event.outcome'] = 'success';
  if (f['source.ip'] !== undefined && !isIP(String(f['source.ip']))) delete f['source.ip'];
  return { fields: f, parser: 'huawei', ok: true };
}
