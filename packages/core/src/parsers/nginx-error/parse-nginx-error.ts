/**
 * @module parsers/nginx-error/parse-nginx-error
 * nginx error log: `yyyy/mm/dd hh:mm:ss [level] pid#tid: *cid text, client: IP, server: S, request: "…", host: "…"`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { digitsAt, parseClockAt, toIso, wallToEpoch } from '../shared/time.ts';
import { setAddress } from '../shared/text.ts';
import { toInt } from '../shared/net.ts';
import { mapSeverity } from '../../normalize/severity-map.ts';
import { setRequestLine } from '../web-access/request-line.ts';

/** True when the line starts with `yyyy/mm/dd hh:mm:ss [`. */
export function looksLikeNginxError(line: string): boolean {
  return line.charCodeAt(4) === 47 && line.charCodeAt(7) === 47 && line.charCodeAt(19) === 32 && line.charCodeAt(20) === 91 && digitsAt(line, 0, 4) >= 0;
}

/** Parses one nginx error-log line; null when the header does not match. */
export function parseNginxError(line: string, ctx: ParseContext): ParseResult | null {
  if (!looksLikeNginxError(line)) return null;
  const year = digitsAt(line, 0, 4);
  const month = digitsAt(line, 5, 2);
  const day = digitsAt(line, 8, 2);
  const clock = parseClockAt(line, 11);
  if (month < 1 || day < 1 || !clock) return null;
  const close = line.indexOf(']', 21);
  if (close < 0) return null;
  const level = line.slice(21, close);
  const f: Record<string, FieldValue> = { 'event.dataset': 'nginx.error', 'event.category': 'web', 'log.level': level };
  const ms = wallToEpoch(year, month - 1, day, clock.hour, clock.minute, clock.second, 0, ctx.timezoneOffsetMinutes ?? 0);
  if (!Number.isNaN(ms)) f['@timestamp'] = toIso(ms);
  f['vigil.severity'] = mapSeverity(level) ?? 'info';
  let i = close + 2;
  const m = /^(\d+)#(\d+): (?:\*(\d+) )?/.exec(line.slice(i, i + 40));
  if (m) {
    f['process.pid'] = toInt(m[1]) ?? 0;
    f['process.thread.id'] = toInt(m[2]) ?? 0;
    if (m[3]) f['nginx.error.connection_id'] = toInt(m[3]) ?? 0;
    i += m[0].length;
  }
  const text = line.slice(i);
  f.message = text;
  const client = text.indexOf(', client: ');
  if (client >= 0) {
    // The tail (client, server, request, host) becomes fields; the message is the error itself.
    f.message = text.slice(0, client);
    const end = text.indexOf(',', client + 10);
    setAddress(f, 'source', text.slice(client + 10, end < 0 ? undefined : end));
    const req = text.indexOf(', request: "');
    if (req >= 0) {
      const rend = text.indexOf('"', req + 12);
      if (rend > 0) setRequestLine(f, text.slice(req + 12, rend));
    }
    const host = text.indexOf(', host: "');
    if (host >= 0) {
      const hend = text.indexOf('"', host + 9);
      if (hend > 0) f['url.domain'] = text.slice(host + 9, hend);
    }
  }
  return { fields: f, parser: 'nginx-error', ok: true };
}
