/**
 * @module parsers/web-access/parse-access
 * NCSA common / combined access logs (Apache, nginx, and their vhost / X-Forwarded-For variants):
 * `[vhost] client [proxy…] ident user [time] "request" status bytes ["referer" "agent" …]`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { isIP, normalizeIP, toInt } from '../shared/net.ts';
import { toIso } from '../shared/time.ts';
import { parseHttpDate } from './http-date.ts';
import { setRequestLine } from './request-line.ts';

/** Reads a `"quoted"` access-log field at `i` (nginx escapes inner quotes as `\x22`, Apache as `\"`). */
function quotedAt(s: string, i: number): { value: string; end: number } | null {
  if (s.charCodeAt(i) !== 34) return null;
  let j = i + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 92) {
      j += 2;
      continue;
    }
    if (c === 34 && (j + 1 >= s.length || s.charCodeAt(j + 1) === 32)) break;
    j++;
  }
  return { value: s.slice(i + 1, Math.min(j, s.length)), end: Math.min(j + 1, s.length) };
}

/** The dataset for an access line: `nginx.access` when the syslog program says nginx, else `apache.access`. */
function datasetFor(ctx: ParseContext): string {
  const app = ctx.envelope?.appname?.toLowerCase() ?? '';
  return app.startsWith('nginx') ? 'nginx.access' : 'apache.access';
}

/** Parses one access-log line; null when it has no `[time] "request" status` core. */
export function parseAccessLog(line: string, ctx: ParseContext): ParseResult | null {
  const open = line.indexOf(' [');
  if (open < 0) return null;
  const close = line.indexOf('] "', open);
  if (close < 0 || close - open > 40) return null;
  const ms = parseHttpDate(line, open + 2, ctx.timezoneOffsetMinutes ?? 0);
  if (Number.isNaN(ms)) return null;
  const req = quotedAt(line, close + 2);
  if (!req) return null;
  let i = req.end;
  while (line.charCodeAt(i) === 32) i++;
  let sp = line.indexOf(' ', i);
  if (sp < 0) sp = line.length;
  const status = toInt(line.slice(i, sp));
  if (status === undefined || status < 0 || status > 999) return null;

  const f: Record<string, FieldValue> = {
    'event.dataset': datasetFor(ctx),
    'event.kind': 'event',
    'event.category': 'web',
    '@timestamp': toIso(ms),
    'http.response.status_code': status,
    'event.outcome': status >= 400 ? 'failure' : 'success',
  };

  // Before the time: [vhost[:port]] client [forwarded-for] ident user
  const pre = line.slice(0, open).split(' ').filter((t) => t !== '');
  const user = pre.length >= 2 ? pre[pre.length - 1] : undefined;
  if (user !== undefined && user !== '-') f['user.name'] = user;
  const k = pre.findIndex((t) => isIP(normalizeIP(t)));
  if (k >= 0) {
    f['source.ip'] = normalizeIP(pre[k] ?? '');
    const next = normalizeIP(pre[k + 1] ?? '');
    if (isIP(next)) f['network.forwarded_ip'] = next;
    if (k > 0) {
      const vhost = pre[0] ?? '';
      const colon = vhost.lastIndexOf(':');
      const port = colon > 0 ? toInt(vhost.slice(colon + 1)) : undefined;
      f['url.domain'] = port !== undefined ? vhost.slice(0, colon) : vhost;
      if (port !== undefined) f['destination.port'] = port;
    }
  } else if (pre[0] && pre[0] !== '-') {
    f['source.domain'] = pre[0];
  }
  setRequestLine(f, req.value);

  i = sp + 1;
  while (line.charCodeAt(i) === 32) i++;
  sp = line.indexOf(' ', i);
  if (sp < 0) sp = line.length;
  const bytes = toInt(line.slice(i, sp));
  if (bytes !== undefined) f['http.response.body.bytes'] = bytes;
  i = sp + 1;
  while (line.charCodeAt(i) === 32) i++;
  const ref = quotedAt(line, i);
  if (ref) {
    if (ref.value !== '-' && ref.value !== '') f['http.request.referrer'] = ref.value;
    i = ref.end;
    while (line.charCodeAt(i) === 32) i++;
    const ua = quotedAt(line, i);
    if (ua && ua.value !== '-' && ua.value !== '') f['user_agent.original'] = ua.value;
  }
  f.message = line;
  return { fields: f, parser: 'web-access', ok: true };
}
