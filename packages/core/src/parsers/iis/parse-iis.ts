/**
 * @module parsers/iis/parse-iis
 * Microsoft IIS W3C extended logs in the default field order
 * (`date time [s-sitename s-computername] s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) [cs(Referer)] sc-status sc-substatus sc-win32-status [time-taken]`).
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { parseIsoAt, toIso } from '../shared/time.ts';
import { isIP, toInt, toPort } from '../shared/net.ts';

const METHODS = new Set(['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'RPC_IN_DATA', 'RPC_OUT_DATA']);

/** True when the line starts with `yyyy-mm-dd hh:mm:ss ` (W3C logs are always UTC). */
export function looksLikeIis(line: string): boolean {
  return line.charCodeAt(4) === 45 && line.charCodeAt(10) === 32 && line.charCodeAt(13) === 58 && line.charCodeAt(19) === 32;
}

/** Parses one IIS W3C line; null when no HTTP method follows the date. */
export function parseIis(line: string, _ctx: ParseContext): ParseResult | null {
  if (!looksLikeIis(line)) return null;
  const ts = parseIsoAt(line, 0, 0, true);
  if (!ts) return null;
  const tok = line.slice(20).split(' ');
  const m = tok.findIndex((t) => METHODS.has(t));
  if (m < 0 || m > 4 || tok.length < m + 8) return null;
  const f: Record<string, FieldValue> = { 'event.dataset': 'iis.access', 'event.category': 'web', '@timestamp': toIso(ts.ms) };
  const sip = tok[m - 1];
  if (sip && isIP(sip)) f['destination.ip'] = sip;
  if (m >= 3) f['iis.site_name'] = tok[m - 3] ?? '';
  f['http.request.method'] = tok[m] ?? '';
  const stem = tok[m + 1] ?? '';
  const query = tok[m + 2] ?? '-';
  f['url.path'] = stem;
  if (query !== '-') f['url.query'] = query;
  f['url.original'] = query !== '-' ? `${stem}?${query}` : stem;
  const port = toPort(tok[m + 3]);
  if (port !== undefined) f['destination.port'] = port;
  const user = tok[m + 4];
  if (user && user !== '-') f['user.name'] = user;
  const cip = tok[m + 5];
  if (cip && isIP(cip)) f['source.ip'] = cip;
  const ua = tok[m + 6];
  if (ua && ua !== '-') f['user_agent.original'] = ua.replace(/\+/g, ' ');
  let s = m + 7;
  if (toInt(tok[s]) === undefined || toInt(tok[s + 1]) === undefined) {
    const ref = tok[s];
    if (ref && ref !== '-') f['http.request.referrer'] = ref;
    s++;
  }
  const status = toInt(tok[s]);
  if (status !== undefined) {
    f['http.response.status_code'] = status;
    f['event.outcome'] = status >= 400 ? 'failure' : 'success';
  }
  f.message = line;
  return { fields: f, parser: 'iis', ok: true };
}
