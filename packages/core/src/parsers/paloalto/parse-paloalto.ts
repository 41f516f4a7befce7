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
import { dict } from '../shared/own.ts';

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

/** Columns whose value lands unchanged in an ECS field (then not kept as paloalto.<name>). */
const HOMES: ReadonlyMap<string, readonly ['ip' | 'port' | 'text' | 'int', string]> = new Map([
  ['src', ['ip', 'source.ip']],
  ['dst', ['ip', 'destination.ip']],
  ['natsrc', ['ip', 'source.nat.ip']],
  ['natdst', ['ip', 'destination.nat.ip']],
  ['sport', ['port', 'source.port']],
  ['dport', ['port', 'destination.port']],
  ['natsport', ['port', 'source.nat.port']],
  ['natdport', ['port', 'destination.nat.port']],
  ['serial', ['text', 'observer.serial_number']],
  ['rule', ['text', 'rule.name']],
  ['app', ['text', 'network.application']],
  ['from', ['text', 'observer.ingress.zone']],
  ['to', ['text', 'observer.egress.zone']],
  ['inbound_if', ['text', 'observer.ingress.interface.name']],
  ['outbound_if', ['text', 'observer.egress.interface.name']],
  ['srcuser', ['text', 'user.name']],
  ['action', ['text', 'event.action']],
  ['bytes', ['int', 'network.bytes']],
  ['bytes_sent', ['int', 'source.bytes']],
  ['bytes_received', ['int', 'destination.bytes']],
] as const);

/** The ECS field that holds a PAN-OS column's value when it is not kept as `paloalto.<name>`. */
export function paloAltoFieldOf(name: string): string | undefined {
  return HOMES.get(name)?.[1];
}

const INDEX: Record<string, Record<string, number>> = {};
/** `paloalto.<name>` per column, or '' for FUTURE_USE columns (not kept). */
const FIELD_NAMES: Record<string, string[]> = {};
for (const [type, names] of Object.entries(PAN_COLUMNS)) {
  const idx: Record<string, number> = {};
  names.forEach((n, i) => (idx[n] = i));
  INDEX[type] = idx;
  FIELD_NAMES[type] = names.map((n) => (n.startsWith('future_use') ? '' : `paloalto.${n}`));
}

/** The value of column `name` (undefined when absent or empty). */
function col(cols: string[], idx: Record<string, number>, name: string): string | undefined {
  const i = idx[name];
  const v = i === undefined ? undefined : cols[i];
  return v === '' ? undefined : v;
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
  // Dictionary mode from the start (~50 fields; see dict()).
  const f = dict<FieldValue>();
  f['event.dataset'] = `paloalto.${type.toLowerCase()}`;
  f['event.kind'] = type === 'THREAT' ? 'alert' : 'event';
  f['observer.vendor'] = 'Palo Alto Networks';
  f['observer.product'] = 'PAN-OS';
  f['observer.type'] = 'firewall';
  const fieldNames = FIELD_NAMES[type] ?? names.map((n) => (n.startsWith('future_use') ? '' : `paloalto.${n}`));
  const n = Math.min(cols.length, names.length);
  for (let i = 0; i < n; i++) {
    const value = cols[i]!;
    const name = fieldNames[i]!;
    if (value === '' || name === '') continue;
    const home = HOMES.get(names[i]!);
    if (home) {
      const field = home[1];
      if (home[0] === 'text') {
        f[field] = value;
        continue;
      }
      if (home[0] === 'ip') {
        if (value !== '0.0.0.0' && isIP(value)) {
          f[field] = value;
          continue;
        }
      } else {
        const x = home[0] === 'port' ? toPort(value) : toInt(value);
        if (x !== undefined) {
          f[field] = x;
          if (String(x) === value) continue;
        }
      }
    }
    f[name] = value;
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
  const proto = col(cols, idx, 'proto');
  if (proto) f['network.transport'] = transportName(proto) ?? proto;
  const user = col(cols, idx, 'admin') ?? col(cols, idx, 'user');
  if (user && f['user.name'] === undefined) f['user.name'] = user;
  const action = col(cols, idx, 'action');
  if (action) f['event.outcome'] = outcomeOf(action);
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
