/**
 * @module parsers/fortigate/parse-fortigate
 * FortiGate key=value logs (traffic, utm, event; FortiOS 4–7): `date=… time=… [eventtime=…] [tz=…]
 * devname=… logid=… type=… subtype=… level=…`. `eventtime` (seconds to nanoseconds since the epoch)
 * wins over `date`/`time`, which are read in `tz` when present. One pass over the pairs.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { forEachKv } from '../shared/kv.ts';
import { isIP, normalizeIP, toInt, transportName } from '../shared/net.ts';
import { digitsAt, formatOffset, parseClockAt, toIso, wallToEpoch } from '../shared/time.ts';
import { epochToMs } from '../shared/vendor-time.ts';
import { severityFromWord } from '../shared/severity.ts';
import { prefixed } from '../shared/prefixed.ts';
import { FORTI_FAILURE_ACTIONS, FORTI_FIELDS, FORTI_SUCCESS_ACTIONS } from './fortigate-fields.ts';

const STARTS = ['date=', 'logver=', 'devname=', 'eventtime=', 'timestamp=', 'itime=', 'logdate='];

const SPECIAL_HOMES: Readonly<Record<string, string>> = {
  action: 'event.action',
  user: 'user.name',
  unauthuser: 'user.name',
  srcuser: 'user.name',
  dstuser: 'user.name',
  level: 'log.level',
  pri: 'log.level',
  severity: 'log.level',
  proto: 'network.iana_number',
};

/** The ECS field that holds a FortiOS key's value when it is not kept as `fortinet.<key>`. */
export function fortigateFieldOf(key: string): string | undefined {
  return FORTI_FIELDS.get(key)?.[1] ?? (Object.prototype.hasOwnProperty.call(SPECIAL_HOMES, key) ? SPECIAL_HOMES[key] : undefined);
}

/** True when the text starts like a FortiGate record and names a log id or device. */
export function looksLikeFortigate(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c !== 100 && c !== 108 && c !== 101 && c !== 116 && c !== 105) return false; // d l e t i
  let ok = false;
  for (const s of STARTS) if (text.startsWith(s)) ok = true;
  if (!ok) return false;
  const head = text.length > 400 ? text.slice(0, 400) : text;
  return head.indexOf('logid=') > 0 || head.indexOf('log_id=') > 0 || head.indexOf('devid=') > 0 || head.indexOf('device_id=') > 0;
}

/** `+hhmm` / `-hh:mm` / `UTC+2` → minutes east, or undefined. */
function tzOffset(tz: string | undefined): number | undefined {
  if (!tz) return undefined;
  const m = /([+-])(\d{1,2}):?(\d{2})?$/.exec(tz.trim());
  if (!m) return tz.trim().toUpperCase() === 'UTC' ? 0 : undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** Parses a FortiGate record; null when the text is not one. */
export function parseFortigate(text: string, ctx: ParseContext): ParseResult | null {
  if (!looksLikeFortigate(text)) return null;
  const f: Record<string, FieldValue> = {};
  let type = 'event';
  let date: string | undefined;
  let time: string | undefined;
  let eventtime: string | undefined;
  let tz: string | undefined;
  let level: string | undefined;
  let user: string | undefined;
  let action: string | undefined;
  let status: string | undefined;
  let proto: string | undefined;
  let service: string | undefined;
  let ui: string | undefined;
  let logdesc: string | undefined;
  // Keys whose value lands unchanged in an ECS field are not kept twice; all others stay as fortinet.<key>.
  forEachKv(text, 0, {}, (key, v) => {
    switch (key) {
      case 'type': type = v.toLowerCase(); break;
      case 'date': date = v; break;
      case 'time': time = v; break;
      case 'eventtime': eventtime = v; break;
      case 'tz': tz = v; break;
      case 'level': case 'pri': case 'severity':
        if (level === undefined) {
          level = v;
          f['log.level'] = v;
          return;
        }
        break;
      case 'user': case 'unauthuser': case 'srcuser': case 'dstuser':
        if (user === undefined && v !== 'N/A' && v !== '') {
          user = v;
          f['user.name'] = v;
          return;
        }
        break;
      case 'action':
        action = v;
        f['event.action'] = v;
        return;
      case 'status': status = v; break;
      case 'proto': {
        proto = v;
        const n = toInt(v);
        if (n !== undefined) {
          f['network.iana_number'] = v;
          return;
        }
        break;
      }
      case 'service': service = v; break;
      case 'ui': ui = v; break;
      case 'logdesc': logdesc = v; break;
      default: break;
    }
    const m = v === '' || v === 'N/A' ? undefined : FORTI_FIELDS.get(key);
    if (m !== undefined && f[m[1]] === undefined) {
      const field = m[1];
      if (m[0] === 'ip') {
        const a = normalizeIP(v.indexOf('::') > 0 && v.indexOf('.') > 0 ? v.slice(0, v.indexOf('::')) : v);
        if (isIP(a)) {
          f[field] = a;
          if (a === v) return;
        }
      } else if (m[0] === 'int') {
        const x = toInt(v);
        if (x !== undefined) {
          f[field] = x;
          if (String(x) === v) return;
        }
      } else {
        f[field] = v;
        return;
      }
    }
    f[prefixed('fortinet.', key)] = v;
  });
  f['event.dataset'] = `fortigate.${type}`;
  f['event.kind'] = type === 'utm' ? 'alert' : 'event';
  f['event.category'] = type === 'traffic' ? 'network' : type === 'utm' ? 'intrusion_detection' : 'host';
  f['observer.vendor'] = 'Fortinet';
  f['observer.product'] = 'FortiGate';
  f['observer.type'] = 'firewall';
  // Time: eventtime (epoch) → date+time in tz → nothing.
  const offset = tzOffset(tz);
  if (offset !== undefined) f['event.timezone'] = formatOffset(offset);
  // eventtime may have 19 digits (nanoseconds): too long for toInt, fine for a double at ms precision.
  const et = eventtime !== undefined && /^\d{9,20}$/.test(eventtime) ? Number(eventtime) : undefined;
  if (et !== undefined) f['@timestamp'] = toIso(epochToMs(et));
  else if (date && time) {
    const year = digitsAt(date, 0, 4);
    const month = digitsAt(date, 5, 2);
    const day = digitsAt(date, 8, 2);
    const clock = parseClockAt(time.indexOf(' ') >= 0 ? time.replace(/ /g, '') : time, 0);
    if (year > 0 && month > 0 && day > 0 && clock) {
      const ms = wallToEpoch(year, month - 1, day, clock.hour, clock.minute, clock.second, 0, offset ?? ctx.timezoneOffsetMinutes ?? 0);
      if (!Number.isNaN(ms)) f['@timestamp'] = toIso(ms);
    }
  }
  if (proto) f['network.transport'] = transportName(proto) ?? proto;
  if (service) f['network.protocol'] = service.toLowerCase();
  // ui=https(1.2.3.4) / GUI(1.2.3.4) / ssh(1.2.3.4): the admin's address
  if (ui && f['source.ip'] === undefined) {
    const open = ui.indexOf('(');
    const close = ui.indexOf(')', open);
    if (open >= 0 && close > open) {
      const a = normalizeIP(ui.slice(open + 1, close));
      if (isIP(a)) f['source.ip'] = a;
    }
  }
  const act = (action ?? '').toLowerCase();
  const st = (status ?? '').toLowerCase();
  if (action === undefined && status !== undefined) f['event.action'] = status;
  if (st === 'failed' || st === 'failure' || FORTI_FAILURE_ACTIONS.has(act) || FORTI_FAILURE_ACTIONS.has(st)) f['event.outcome'] = 'failure';
  else if (st === 'success' || FORTI_SUCCESS_ACTIONS.has(act)) f['event.outcome'] = 'success';
  const sev = severityFromWord(level);
  if (sev) f['vigil.severity'] = sev;
  if (f.message === undefined) f.message = logdesc ?? text;

  return { fields: f, parser: 'fortigate', ok: true };
}
