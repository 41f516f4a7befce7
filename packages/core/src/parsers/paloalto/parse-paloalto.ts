/**
 * @module parsers/paloalto/parse-paloalto
 * Palo Alto Networks PAN-OS CSV syslog (TRAFFIC, THREAT, SYSTEM, CONFIG, AUTH, GLOBALPROTECT).
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { isIP, toInt, toPort, transportName } from '../shared/net.ts';
import { digitsAt, parseClockAt, toIso, wallToEpoch } from '../shared/time.ts';
import { severityFromWord } from '../shared/severity.ts';
import { splitCsv } from './csv.ts';
import { PAN_COLUMNS } from './columns.ts';
import { prefixed } from '../shared/prefixed.ts';

/** Where a PAN-OS record (`N,yyyy/mm/dd hh:mm:ss,serial,TYPE,`) starts in `text`, or -1. */
export function panStart(text: string): number {
  // FUTURE_USE is a small number or empty, then the receive time.
  let i = 0;
  while (i < 4 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (text.charCodeAt(i) !== 44) return -1;
  if (text.charCodeAt(i + 5) !== 47 || text.charCodeAt(i + 8) !== 47 || text.charCodeAt(i + 11) !== 32) return -1;
  return 0;
}

function panTime(s: string | undefined, offset: number): number {
  if (!s) return NaN;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  const c = parseClockAt(s, 11);
  if (y < 0 || mo < 1 || d < 1 || !c) return NaN;
  return wallToEpoch(y, mo - 1, d, c.hour, c.minute, c.second, 0, offset);
}

const INDEX: Record<string, Record<string, number>> = {};
for (const [type, names] of Object.entries(PAN_COLUMNS)) {
  const idx: Record<string, number> = {};
  names.forEach((n, i) => (idx[n] = i));
  INDEX[type] = idx;
}

/** The value of column `name` (undefined when absent or empty). */
function col(cols: string[], idx: Record<string, number>, name: string): string | undefined {
  const i = idx[name];
  const v = i === undefined ? undefined : cols[i];
  return v === '' ? undefined : v;
}

function setIp(f: Record<string, FieldValue>, field: string, a: string | undefined): void {
  if (a && a !== '0.0.0.0' && isIP(a)) f[field] = a;
}

function setPort(f: Record<string, FieldValue>, field: string, v: string | undefined): void {
  const p = toPort(v);
  if (p !== undefined) f[field] = p;
}

function outcomeOf(action: string): 'success' | 'failure' | 'unknown' {
  const a = action.toLowerCase();
  if (a === 'allow' || a === 'alert') return 'success';
  if (a.startsWith('deny') || a.startsWith('drop') || a.startsWith('reset') || a.startsWith('block')) return 'failure';
  return 'unknown';
}

/** Parses a PAN-OS CSV record; null when the text is not one. */
export function parsePaloAlto(text: string, ctx: ParseContext): ParseResult | null {
  let source = text;
  if (panStart(source) < 0) {
    const c = ctx.envelope?.content;
    if (c === undefined || panStart(c) < 0) return null;
    source = c;
  }
  const cols = splitCsv(source);
  const type = (cols[3] ?? '').toUpperCase();
  if (!/^[A-Z-]+$/.test(type)) return null;
  const names = PAN_COLUMNS[type] ?? PAN_COLUMNS.SYSTEM!.slice(0, 7);
  const idx = INDEX[type] ?? INDEX.SYSTEM!;
  const f: Record<string, FieldValue> = {
    'event.dataset': `paloalto.${type.toLowerCase()}`,
    'event.kind': type === 'THREAT' ? 'alert' : 'event',
    'observer.vendor': 'Palo Alto Networks',
    'observer.product': 'PAN-OS',
    'observer.type': 'firewall',
  };
  const n = Math.min(cols.length, names.length);
  for (let i = 0; i < n; i++) {
    const name = names[i]!;
    const value = cols[i]!;
    if (value === '' || name.charCodeAt(0) === 102 && name.startsWith('future_use')) continue;
    f[prefixed('paloalto.', name)] = value;
  }
  if (cols.length > names.length) f['paloalto.extra'] = cols.slice(names.length).join(',');
  // PAN-OS writes device-local times; a syslog header with an offset says which zone that is.
  const tz = ctx.envelope?.fields['event.timezone'];
  const m = typeof tz === 'string' ? /^([+-])(\d\d):(\d\d)$/.exec(tz) : null;
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : (ctx.timezoneOffsetMinutes ?? 0);
  if (m) f['event.timezone'] = tz as string;
  const t = panTime(col(cols, idx, 'generated_time'), offset);
  const r = panTime(col(cols, idx, 'receive_time'), offset);
  if (!Number.isNaN(t)) f['@timestamp'] = toIso(t);
  else if (!Number.isNaN(r)) f['@timestamp'] = toIso(r);
  const serial = col(cols, idx, 'serial');
  if (serial) f['observer.serial_number'] = serial;
  setIp(f, 'source.ip', col(cols, idx, 'src'));
  setIp(f, 'destination.ip', col(cols, idx, 'dst'));
  setIp(f, 'source.nat.ip', col(cols, idx, 'natsrc'));
  setIp(f, 'destination.nat.ip', col(cols, idx, 'natdst'));
  setPort(f, 'source.port', col(cols, idx, 'sport'));
  setPort(f, 'destination.port', col(cols, idx, 'dport'));
  setPort(f, 'source.nat.port', col(cols, idx, 'natsport'));
  setPort(f, 'destination.nat.port', col(cols, idx, 'natdport'));
  const proto = col(cols, idx, 'proto');
  if (proto) f['network.transport'] = transportName(proto) ?? proto;
  const app = col(cols, idx, 'app');
  if (app) f['network.application'] = app;
  const rule = col(cols, idx, 'rule');
  if (rule) f['rule.name'] = rule;
  const from = col(cols, idx, 'from');
  if (from) f['observer.ingress.zone'] = from;
  const to = col(cols, idx, 'to');
  if (to) f['observer.egress.zone'] = to;
  const inIf = col(cols, idx, 'inbound_if');
  if (inIf) f['observer.ingress.interface.name'] = inIf;
  const outIf = col(cols, idx, 'outbound_if');
  if (outIf) f['observer.egress.interface.name'] = outIf;
  const user = col(cols, idx, 'srcuser') ?? col(cols, idx, 'admin') ?? col(cols, idx, 'user');
  if (user) f['user.name'] = user;
  const action = col(cols, idx, 'action');
  if (action) {
    f['event.action'] = action;
    f['event.outcome'] = outcomeOf(action);
  }
  const bytes = toInt(col(cols, idx, 'bytes'));
  if (bytes !== undefined) f['network.bytes'] = bytes;
  const sent = toInt(col(cols, idx, 'bytes_sent'));
  if (sent !== undefined) f['source.bytes'] = sent;
  const rcvd = toInt(col(cols, idx, 'bytes_received'));
  if (rcvd !== undefined) f['destination.bytes'] = rcvd;
  if (type === 'THREAT') {
    f['event.category'] = 'intrusion_detection';
    const threat = col(cols, idx, 'threatid');
    if (threat) {
      f['threat.indicator.description'] = threat;
      const id = /\((\d+)\)\s*$/.exec(threat);
      if (id) f['paloalto.threat_id'] = id[1] ?? '';
    }
    const misc = col(cols, idx, 'misc');
    if (misc) f['url.original'] = misc;
  } else if (type === 'TRAFFIC') f['event.category'] = 'network';
  else if (type === 'CONFIG') {
    f['event.category'] = 'configuration';
    const cmd = col(cols, idx, 'cmd');
    if (cmd) f['event.action'] = cmd;
    const host = col(cols, idx, 'host');
    if (host && isIP(host)) f['source.ip'] = host;
    const res = (col(cols, idx, 'result') ?? '').toLowerCase();
    if (res) f['event.outcome'] = res === 'succeeded' || res === 'submitted' ? 'success' : res === 'failed' ? 'failure' : 'unknown';
  } else if (type === 'SYSTEM') {
    f['event.category'] = 'host';
    const eventid = col(cols, idx, 'eventid');
    if (eventid) f['event.action'] = eventid;
    const opaque = col(cols, idx, 'opaque');
    if (opaque) f.message = opaque;
  }
  const sev = severityFromWord(col(cols, idx, 'severity'));
  if (sev) f['vigil.severity'] = sev;
  if (typeof f.message !== 'string') f.message = source;
  return { fields: f, parser: 'paloalto', ok: true };
}
