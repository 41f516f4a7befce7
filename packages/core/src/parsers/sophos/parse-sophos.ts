/**
 * @module parsers/sophos/parse-sophos
 * Sophos Firewall (XG / SFOS) syslog: `device="SFW" date=… time=… timezone="+08" device_name=… log_id=…
 * log_type="Firewall" log_component=… log_subtype=… status=… src_ip=… dst_ip=… …`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { scanKv } from '../shared/kv.ts';
import { isIP, toInt, toPort, transportName } from '../shared/net.ts';
import { formatOffset, toIso } from '../shared/time.ts';
import { parseVendorTime } from '../shared/vendor-time.ts';
import { severityFromWord } from '../shared/severity.ts';
import { prefixed } from '../shared/prefixed.ts';

/** True when the text starts like a Sophos Firewall record. */
export function looksLikeSophos(text: string): boolean {
  return (text.startsWith('device="SFW"') || text.startsWith('device=SFW') || text.startsWith('timestamp=') || text.startsWith('device_name=')) && text.indexOf('log_type=') > 0;
}

/** Parses a Sophos Firewall record; null when the text is not one. */
export function parseSophos(text: string, ctx: ParseContext): ParseResult | null {
  if (!looksLikeSophos(text)) return null;
  const kv = scanKv(text);
  const type = (kv.log_type ?? 'event').toLowerCase().replace(/\s+/g, '_');
  const f: Record<string, FieldValue> = {
    'event.dataset': 'sophos.xg',
    'event.kind': 'event',
    'observer.vendor': 'Sophos',
    'observer.product': 'XG',
    'observer.type': 'firewall',
    'sophos.xg.type': type,
  };
  for (const k in kv) f[prefixed('sophos.xg.', k)] = kv[k]!;
  if (kv.device_name) f['observer.name'] = kv.device_name;
  if (kv.device_id) f['observer.serial_number'] = kv.device_id;
  if (kv.log_id) f['event.code'] = kv.log_id;
  const ip = (k: string, field: string) => {
    const v = kv[k];
    if (v && isIP(v)) f[field] = v;
  };
  ip('src_ip', 'source.ip');
  ip('dst_ip', 'destination.ip');
  ip('tran_src_ip', 'source.nat.ip');
  ip('tran_dst_ip', 'destination.nat.ip');
  const sp = toPort(kv.src_port);
  if (sp !== undefined) f['source.port'] = sp;
  const dp = toPort(kv.dst_port);
  if (dp !== undefined) f['destination.port'] = dp;
  if (kv.protocol) f['network.transport'] = transportName(kv.protocol) ?? kv.protocol.toLowerCase();
  if (kv.user_name) f['user.name'] = kv.user_name;
  if (kv.fw_rule_id) f['rule.id'] = kv.fw_rule_id;
  if (kv.in_interface) f['observer.ingress.interface.name'] = kv.in_interface;
  if (kv.out_interface) f['observer.egress.interface.name'] = kv.out_interface;
  const sent = toInt(kv.sent_bytes);
  if (sent !== undefined) f['source.bytes'] = sent;
  const rcvd = toInt(kv.recv_bytes);
  if (rcvd !== undefined) f['destination.bytes'] = rcvd;
  const status = (kv.status ?? kv.log_subtype ?? '').toLowerCase();
  if (status) f['event.action'] = status;
  if (/deny|denied|drop|block|fail/.test(status)) f['event.outcome'] = 'failure';
  else if (/allow|success|accept/.test(status)) f['event.outcome'] = 'success';
  const sev = severityFromWord(kv.priority ?? kv.severity);
  if (sev) f['vigil.severity'] = sev;
  if (kv.message) f.message = kv.message;
  // date/time are local to the firewall; timezone="+08" says where that is.
  const tz = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(kv.timezone ?? '');
  const offset = tz ? (tz[1] === '-' ? -1 : 1) * (Number(tz[2]) * 60 + Number(tz[3] ?? 0)) : undefined;
  if (offset !== undefined) f['event.timezone'] = formatOffset(offset);
  if (kv.date && kv.time) {
    const ms = parseVendorTime(`${kv.date} ${kv.time}`, offset === undefined ? ctx : { ...ctx, timezoneOffsetMinutes: offset });
    if (!Number.isNaN(ms)) f['@timestamp'] = toIso(ms);
  } else if (kv.timestamp) {
    const ms = parseVendorTime(kv.timestamp, ctx);
    if (!Number.isNaN(ms)) f['@timestamp'] = toIso(ms);
  }
  return { fields: f, parser: 'sophos', ok: true };
}
